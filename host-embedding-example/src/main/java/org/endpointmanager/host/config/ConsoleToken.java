package org.endpointmanager.host.config;

import java.util.Objects;
import org.endpointmanager.api.Secret;
import org.endpointmanager.api.host.Role;

/**
 * One {@code [[console.tokens]]} entry: an API Bearer token.
 *
 * @param name who the token belongs to, as written to the audit log
 * @param token the token
 * @param role what it may do
 */
public record ConsoleToken(String name, Secret token, Role role) {
    /** Rejects nulls. */
    public ConsoleToken {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(token, "token is null");
        Objects.requireNonNull(role, "role is null");
    }
}
