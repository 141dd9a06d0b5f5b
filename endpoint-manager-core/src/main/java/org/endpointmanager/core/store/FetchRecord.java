package org.endpointmanager.core.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.endpointmanager.api.MacAddress;

/**
 * One served provisioning file: proof of what a phone really fetched. A phone that asks again for
 * the same file and gets the same bytes, from the same address, User-Agent and transport, within a
 * minute of its last such fetch (and within ten minutes of the first) repeats it: one record then
 * stands for the run, with its first time and the number of fetches in it.
 *
 * @param id UUID
 * @param mac the phone
 * @param at when (the last fetch of a run)
 * @param sourceIp requesting address
 * @param userAgent User-Agent, when sent
 * @param fileName requested file name
 * @param contentHash sha256 hex of the served bytes (the stored copy of the body, if any, is masked)
 * @param firmware firmware version from the User-Agent
 * @param transport {@code http}, {@code https} or {@code tftp}
 * @param firstAt the first fetch of the run ({@code at} for a single fetch)
 * @param repeats how many fetches the record stands for, at least 1
 */
public record FetchRecord(String id, MacAddress mac, Instant at, String sourceIp, Optional<String> userAgent,
        String fileName, String contentHash, Optional<String> firmware, String transport, Instant firstAt,
        int repeats) {
    /** How long a phone may pause between two fetches of a run. */
    public static final java.time.Duration REPEAT_GAP = java.time.Duration.ofSeconds(60);
    /** How long one run may last; a phone that keeps asking starts a new record after it. */
    public static final java.time.Duration MAX_RUN = java.time.Duration.ofMinutes(10);

    /** One fetch. */
    public FetchRecord(String id, MacAddress mac, Instant at, String sourceIp, Optional<String> userAgent,
            String fileName, String contentHash, Optional<String> firmware, String transport) {
        this(id, mac, at, sourceIp, userAgent, fileName, contentHash, firmware, transport, at, 1);
    }

    /** Rejects nulls, a count below one and a first fetch after the last. */
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
        Objects.requireNonNull(firstAt, "firstAt is null");
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be at least 1, was " + repeats);
        }
        if (firstAt.isAfter(at)) {
            throw new IllegalArgumentException("firstAt " + firstAt + " is after at " + at);
        }
    }

    /**
     * Whether {@code next} repeats this fetch: same phone, file, bytes, address, User-Agent,
     * firmware and transport, not earlier than this one, within {@link #REPEAT_GAP} of its last
     * fetch and {@link #MAX_RUN} of its first.
     */
    public boolean repeatedBy(FetchRecord next) {
        return mac.equals(next.mac) && fileName.equals(next.fileName) && contentHash.equals(next.contentHash)
                && sourceIp.equals(next.sourceIp) && userAgent.equals(next.userAgent) && firmware.equals(next.firmware)
                && transport.equals(next.transport) && !next.at.isBefore(at)
                && !next.at.isAfter(at.plus(REPEAT_GAP)) && !next.at.isAfter(firstAt.plus(MAX_RUN));
    }

    /** This record with one more fetch, at {@code when}. */
    public FetchRecord repeatedAt(Instant when) {
        return new FetchRecord(id, mac, when, sourceIp, userAgent, fileName, contentHash, firmware, transport, firstAt,
                repeats + 1);
    }
}
