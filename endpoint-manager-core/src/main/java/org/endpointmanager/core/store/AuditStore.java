package org.endpointmanager.core.store;

import java.util.List;
import java.util.Optional;

/** The audit log: append-only. */
public interface AuditStore {
    /** Appends one entry. */
    void append(AuditEntry entry);

    /**
     * Newest first, filtered.
     *
     * @param actor exact actor
     * @param action action prefix, for example {@code device.}
     * @param target exact target
     * @param offset rows to skip
     * @param limit rows (1..1000)
     */
    List<AuditEntry> list(Optional<String> actor, Optional<String> action, Optional<String> target,
            int offset, int limit);
}
