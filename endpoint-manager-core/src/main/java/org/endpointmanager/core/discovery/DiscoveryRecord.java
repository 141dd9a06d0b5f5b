package org.endpointmanager.core.discovery;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.endpointmanager.api.MacAddress;

/**
 * A row of {@code endpoint_discovery}: a phone seen but not adopted.
 *
 * @param mac the phone's MAC
 * @param vendor vendor id, from the MAC's OUI
 * @param model model as last reported (checked characters only)
 * @param firmware firmware as last reported (checked characters only)
 * @param ip last source address
 * @param source how it was last seen
 * @param firstSeen first sighting
 * @param lastSeen last sighting
 * @param seenCount number of sightings
 */
public record DiscoveryRecord(MacAddress mac, String vendor, Optional<String> model, Optional<String> firmware,
        String ip, SightingSource source, Instant firstSeen, Instant lastSeen, long seenCount) {
    /** Rejects nulls. */
    public DiscoveryRecord {
        Objects.requireNonNull(mac, "mac is null");
        Objects.requireNonNull(vendor, "vendor is null");
        Objects.requireNonNull(model, "model is null");
        Objects.requireNonNull(firmware, "firmware is null");
        Objects.requireNonNull(ip, "ip is null");
        Objects.requireNonNull(source, "source is null");
        Objects.requireNonNull(firstSeen, "firstSeen is null");
        Objects.requireNonNull(lastSeen, "lastSeen is null");
    }
}
