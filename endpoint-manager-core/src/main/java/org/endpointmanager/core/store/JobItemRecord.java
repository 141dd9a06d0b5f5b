package org.endpointmanager.core.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One device's part of a job.
 *
 * @param jobId the job
 * @param seq 0-based position in the job
 * @param target device MAC (colon form) or id
 * @param status {@code pending}, {@code running}, {@code ok}, {@code failed}, {@code cancelled}
 * @param detail what happened (for example {@code 200 OK via sip}, {@code timeout})
 * @param updatedAt last change
 */
public record JobItemRecord(String jobId, int seq, String target, String status, String detail, Instant updatedAt) {
    /** Rejects nulls. */
    public JobItemRecord {
        Objects.requireNonNull(jobId, "jobId is null");
        Objects.requireNonNull(target, "target is null");
        Objects.requireNonNull(status, "status is null");
        Objects.requireNonNull(detail, "detail is null");
        Objects.requireNonNull(updatedAt, "updatedAt is null");
    }
}
