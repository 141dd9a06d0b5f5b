package org.endpointmanager.core.control;

import java.util.Objects;
import java.util.Optional;
import org.endpointmanager.api.Secret;

/**
 * A phone's admin login for its device driver.
 *
 * @param username admin user name
 * @param password admin password (masked by {@link Secret#toString()})
 * @param port the phone's management HTTP port
 * @param refused why the phone last refused these credentials; while present the engine does not
 *     log in with them again
 */
public record PhoneCredentials(String username, Secret password, int port, Optional<String> refused) {
    /** Rejects nulls and bad ports. */
    public PhoneCredentials {
        Objects.requireNonNull(username, "username is null");
        Objects.requireNonNull(password, "password is null");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535");
        }
        Objects.requireNonNull(refused, "refused is null");
    }
}
