package org.endpointmanager.core.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A job: one operation over one or more devices.
 *
 * @param id UUID
 * @param kind for example {@code reboot}, {@code resync}, {@code firmware}
 * @param status {@code queued}, {@code running}, {@code done}, {@code cancelled}, {@code failed}
 * @param createdBy principal name
 * @param createdAt creation time
 * @param finishedAt when it ended
 * @param total item count
 * @param succeeded items that succeeded
 * @param failed items that failed
 * @param paramsJson parameters as JSON object text
 */
public record JobRecord(String id, String kind, String status, String createdBy, Instant createdAt,
        Optional<Instant> finishedAt, int total, int succeeded, int failed, String paramsJson) {
    /** Rejects nulls. */
    public JobRecord {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(status, "status is null");
        Objects.requireNonNull(createdBy, "createdBy is null");
        Objects.requireNonNull(createdAt, "createdAt is null");
        Objects.requireNonNull(finishedAt, "finishedAt is null");
        Objects.requireNonNull(paramsJson, "paramsJson is null");
    }
}
