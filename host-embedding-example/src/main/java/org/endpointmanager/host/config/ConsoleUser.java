package org.endpointmanager.host.config;

import java.util.Objects;
import org.endpointmanager.api.Secret;
import org.endpointmanager.api.host.Role;

/**
 * One {@code [[console.users]]} entry: a page login.
 *
 * @param username the login name
 * @param password the password
 * @param role what the user may do
 */
public record ConsoleUser(String username, Secret password, Role role) {
    /** Rejects nulls. */
    public ConsoleUser {
        Objects.requireNonNull(username, "username is null");
        Objects.requireNonNull(password, "password is null");
        Objects.requireNonNull(role, "role is null");
    }
}
