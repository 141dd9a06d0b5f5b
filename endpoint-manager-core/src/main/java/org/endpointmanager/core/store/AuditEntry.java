package org.endpointmanager.core.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One audited write. Audit rows never reference other tables by foreign key, so they survive the
 * deletion of what they describe.
 *
 * @param id sequence/UUID
 * @param at when
 * @param actor principal name, or {@code system}, or {@code phone:<mac>}
 * @param action verb such as {@code device.create}
 * @param target what was changed, for example a MAC or site id
 * @param detailJson before/after as JSON object text, secrets already masked
 */
public record AuditEntry(String id, Instant at, String actor, String action, String target, String detailJson) {
    /** Rejects nulls. */
    public AuditEntry {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(at, "at is null");
        Objects.requireNonNull(actor, "actor is null");
        Objects.requireNonNull(action, "action is null");
        Objects.requireNonNull(target, "target is null");
        Objects.requireNonNull(detailJson, "detailJson is null");
    }
}
