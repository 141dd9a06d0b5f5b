package org.endpointmanager.api.host;

import java.util.Objects;

/**
 * Someone the host authenticated for the console.
 *
 * @param name user or token name, as written to the audit log
 * @param role their role
 */
public record Principal(String name, Role role) {
    /** Rejects nulls. */
    public Principal {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(role, "role is null");
    }
}
