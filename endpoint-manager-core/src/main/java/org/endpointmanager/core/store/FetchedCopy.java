package org.endpointmanager.core.store;

import java.time.Instant;
import java.util.Objects;
import org.endpointmanager.api.MacAddress;

/**
 * The last copy of one file served to one phone, secrets masked.
 *
 * @param mac the phone
 * @param fileName the file
 * @param contentHash sha256 hex of the bytes really served (with secrets)
 * @param maskedBody the body with every secret replaced by the mask
 * @param at when it was served
 */
public record FetchedCopy(MacAddress mac, String fileName, String contentHash, String maskedBody, Instant at) {
    /** Rejects nulls. */
    public FetchedCopy {
        Objects.requireNonNull(mac, "mac is null");
        Objects.requireNonNull(fileName, "fileName is null");
        Objects.requireNonNull(contentHash, "contentHash is null");
        Objects.requireNonNull(maskedBody, "maskedBody is null");
        Objects.requireNonNull(at, "at is null");
    }
}
