package org.endpointmanager.api;

import java.util.Objects;

/**
 * A value that must never reach a log line or an API response: SIP passwords, phone admin
 * passwords, provisioning credentials.
 *
 * <p>{@link #toString()} masks the value, so an accidental log statement or string concatenation
 * leaks nothing; code that really needs the clear text calls {@link #reveal()}, which is easy to
 * find in review.
 *
 * @param value the clear text, held in memory only
 */
public record Secret(String value) {

    /** The text shown wherever a secret would otherwise appear. */
    public static final String MASK = "********";

    /** Rejects null; an empty secret is allowed (a line without password). */
    public Secret {
        Objects.requireNonNull(value, "value is null");
    }

    /** Wraps a clear-text value. */
    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The clear text. Call only where the value is written to its destination. */
    public String reveal() {
        return value;
    }

    /** True when no secret is set. */
    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public String toString() {
        return MASK;
    }
}
