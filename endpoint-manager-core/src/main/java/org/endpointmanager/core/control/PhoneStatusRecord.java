package org.endpointmanager.core.control;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The last status poll of a phone: the values of the last good poll and the last error.
 *
 * @param deviceId the device
 * @param polledAt when the last good poll was
 * @param model model the phone reported
 * @param firmware firmware it reported
 * @param reportedMac MAC it reported (12 lowercase hex digits)
 * @param ipAddress address it reported
 * @param registered whether its first account was registered
 * @param uptime its uptime at the poll
 * @param lastError why the last poll failed, when the last poll failed
 * @param lastErrorAt when that was
 */
public record PhoneStatusRecord(String deviceId, Optional<Instant> polledAt, Optional<String> model,
        Optional<String> firmware, Optional<String> reportedMac, Optional<String> ipAddress,
        Optional<Boolean> registered, Optional<Duration> uptime, Optional<String> lastError,
        Optional<Instant> lastErrorAt) {
    /** Rejects nulls. */
    public PhoneStatusRecord {
        Objects.requireNonNull(deviceId, "deviceId is null");
        Objects.requireNonNull(polledAt, "polledAt is null");
        Objects.requireNonNull(model, "model is null");
        Objects.requireNonNull(firmware, "firmware is null");
        Objects.requireNonNull(reportedMac, "reportedMac is null");
        Objects.requireNonNull(ipAddress, "ipAddress is null");
        Objects.requireNonNull(registered, "registered is null");
        Objects.requireNonNull(uptime, "uptime is null");
        Objects.requireNonNull(lastError, "lastError is null");
        Objects.requireNonNull(lastErrorAt, "lastErrorAt is null");
    }
}
