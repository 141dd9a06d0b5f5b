package org.endpointmanager.core.discovery;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import org.endpointmanager.api.MacAddress;

/**
 * One observation of a phone, before any check: everything here came from the phone.
 *
 * @param mac the MAC the request names (path, Request-URI, registration contact)
 * @param reportedMac the MAC the phone reports about itself elsewhere (User-Agent), when it does
 * @param model model as the phone states it
 * @param firmware firmware version as the phone states it
 * @param source the address the packet or request came from
 * @param via what kind of request it was
 */
public record Sighting(MacAddress mac, Optional<MacAddress> reportedMac, Optional<String> model,
        Optional<String> firmware, InetAddress source, SightingSource via) {
    /** Rejects nulls. */
    public Sighting {
        Objects.requireNonNull(mac, "mac is null");
        Objects.requireNonNull(reportedMac, "reportedMac is null");
        Objects.requireNonNull(model, "model is null");
        Objects.requireNonNull(firmware, "firmware is null");
        Objects.requireNonNull(source, "source is null");
        Objects.requireNonNull(via, "via is null");
    }
}
