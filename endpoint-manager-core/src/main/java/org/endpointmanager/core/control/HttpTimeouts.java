package org.endpointmanager.core.control;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of the outbound HTTP client.
 *
 * @param connect how long a TCP connect may take
 * @param read how long the whole answer may take to arrive
 * @param maxBodyBytes the largest answer body read; a larger one fails the request
 */
public record HttpTimeouts(Duration connect, Duration read, int maxBodyBytes) {
    /** Validates. */
    public HttpTimeouts {
        Objects.requireNonNull(connect, "connect is null");
        Objects.requireNonNull(read, "read is null");
        if (connect.isNegative() || connect.isZero() || read.isNegative() || read.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
    }

    /** Connect 3 s, read 10 s, 1 MB. */
    public static HttpTimeouts defaults() {
        return new HttpTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(10), 1024 * 1024);
    }
}
