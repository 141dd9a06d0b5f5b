package org.endpointmanager.core.control;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One firmware push to one phone (seed 000's firmware push history).
 *
 * @param id UUID
 * @param mac the phone (12 lowercase hex digits)
 * @param firmwareUrl the URL the phone was pointed at
 * @param targetVersion the version asked for, when known
 * @param jobId the job it ran in
 * @param actor who asked
 * @param status {@code sent} (the phone accepted) or {@code failed}
 * @param detail what happened
 * @param createdAt when
 */
public record FirmwarePushRecord(String id, String mac, String firmwareUrl, Optional<String> targetVersion,
        Optional<String> jobId, String actor, String status, String detail, Instant createdAt) {
    /** Rejects nulls. */
    public FirmwarePushRecord {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(mac, "mac is null");
        Objects.requireNonNull(firmwareUrl, "firmwareUrl is null");
        Objects.requireNonNull(targetVersion, "targetVersion is null");
        Objects.requireNonNull(jobId, "jobId is null");
        Objects.requireNonNull(actor, "actor is null");
        Objects.requireNonNull(status, "status is null");
        Objects.requireNonNull(detail, "detail is null");
        Objects.requireNonNull(createdAt, "createdAt is null");
    }
}
