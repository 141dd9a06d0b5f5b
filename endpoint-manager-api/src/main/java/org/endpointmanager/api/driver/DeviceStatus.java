package org.endpointmanager.api.driver;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a status poll learned about a phone.
 *
 * @param model model reported by the phone
 * @param firmware firmware version reported by the phone
 * @param mac MAC reported by the phone (lowercase hex)
 * @param ipAddress address reported by the phone
 * @param registered whether its first SIP account is registered
 * @param uptime time since boot
 */
public record DeviceStatus(Optional<String> model, Optional<String> firmware, Optional<String> mac,
        Optional<String> ipAddress, Optional<Boolean> registered, Optional<Duration> uptime) {
    /** Rejects nulls. */
    public DeviceStatus {
        Objects.requireNonNull(model, "model is null");
        Objects.requireNonNull(firmware, "firmware is null");
        Objects.requireNonNull(mac, "mac is null");
        Objects.requireNonNull(ipAddress, "ipAddress is null");
        Objects.requireNonNull(registered, "registered is null");
        Objects.requireNonNull(uptime, "uptime is null");
    }
}
