package org.endpointmanager.api.driver;

import java.util.Objects;

/**
 * The outcome of one driver operation, as shown per phone in a job.
 *
 * @param ok whether the phone accepted the operation
 * @param detail what happened, for people (never a secret)
 */
public record DriverResult(boolean ok, String detail) {
    /** Rejects nulls. */
    public DriverResult {
        Objects.requireNonNull(detail, "detail is null");
    }

    /** A success. */
    public static DriverResult ok(String detail) {
        return new DriverResult(true, detail);
    }

    /** A failure. */
    public static DriverResult failed(String detail) {
        return new DriverResult(false, detail);
    }
}
