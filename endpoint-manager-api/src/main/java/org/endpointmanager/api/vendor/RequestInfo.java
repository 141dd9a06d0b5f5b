package org.endpointmanager.api.vendor;

import java.util.Objects;
import java.util.Optional;

/**
 * A provisioning request as a plug-in sees it. Every field is attacker-controlled.
 *
 * @param fileName the requested file name: the last path segment below the provisioning base,
 *     already percent-decoded, never containing '/'
 * @param userAgent the HTTP User-Agent, absent for TFTP
 * @param transport {@code http}, {@code https} or {@code tftp}
 */
public record RequestInfo(String fileName, Optional<String> userAgent, String transport) {
    /** Rejects nulls and path separators. */
    public RequestInfo {
        Objects.requireNonNull(fileName, "fileName is null");
        if (fileName.indexOf('/') >= 0 || fileName.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("fileName must be a single path segment");
        }
        Objects.requireNonNull(userAgent, "userAgent is null");
        Objects.requireNonNull(transport, "transport is null");
    }
}
