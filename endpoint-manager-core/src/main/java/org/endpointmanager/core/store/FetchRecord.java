package org.endpointmanager.core.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.endpointmanager.api.MacAddress;

/**
 * One served provisioning file: proof of what a phone really fetched.
 *
 * @param id UUID
 * @param mac the phone
 * @param at when
 * @param sourceIp requesting address
 * @param userAgent User-Agent, when sent
 * @param fileName requested file name
 * @param contentHash sha256 hex of the served bytes (the stored copy of the body, if any, is masked)
 * @param firmware firmware version from the User-Agent
 * @param transport {@code http}, {@code https} or {@code tftp}
 */
public record FetchRecord(String id, MacAddress mac, Instant at, String sourceIp, Optional<String> userAgent,
        String fileName, String contentHash, Optional<String> firmware, String transport) {
    /** Rejects nulls. */
    public FetchRecord {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(mac, "mac is null");
        Objects.requireNonNull(at, "at is null");
        Objects.requireNonNull(sourceIp, "sourceIp is null");
        Objects.requireNonNull(userAgent, "userAgent is null");
        Objects.requireNonNull(fileName, "fileName is null");
        Objects.requireNonNull(contentHash, "contentHash is null");
        Objects.requireNonNull(firmware, "firmware is null");
        Objects.requireNonNull(transport, "transport is null");
    }
}
