package org.endpointmanager.api.host;

import java.util.Optional;

/**
 * The host's console authentication. The add-on calls it for every API request carrying a Bearer
 * token, and for page logins. Implementations compare secrets in constant time.
 */
public interface ConsoleAuthenticator {

    /** The principal a Bearer token belongs to. */
    Optional<Principal> authenticateToken(String token);

    /** The principal for a user name and password (page login); empty when the host has none. */
    default Optional<Principal> authenticatePassword(String username, String password) {
        return Optional.empty();
    }
}
