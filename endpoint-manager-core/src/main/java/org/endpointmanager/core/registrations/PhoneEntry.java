package org.endpointmanager.core.registrations;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.endpointmanager.api.MacAddress;

/**
 * One row of seed 003's phone list: a provisioned device (registered or not) or a live
 * registration no device matched.
 *
 * @param id the device id, or {@code reg-} and the start of the binding key
 * @param extensionNumber the extension it registers (or, unregistered, its line 1 is bound to)
 * @param extensionName the extension's display name from the host's directory
 * @param deviceType its type
 * @param manufacturer maker
 * @param model model
 * @param mac MAC
 * @param ipAddress the registration's source address, else the device's management address
 * @param registered whether a live registration matched
 * @param lastRegistered the newest registration seen, live or lapsed
 * @param userAgent that registration's User-Agent
 */
public record PhoneEntry(String id, Optional<String> extensionNumber, Optional<String> extensionName,
        DeviceType deviceType, Optional<String> manufacturer, Optional<String> model, Optional<MacAddress> mac,
        Optional<String> ipAddress, boolean registered, Optional<Instant> lastRegistered, Optional<String> userAgent) {
    /** Rejects nulls. */
    public PhoneEntry {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(extensionNumber, "extensionNumber is null");
        Objects.requireNonNull(extensionName, "extensionName is null");
        Objects.requireNonNull(deviceType, "deviceType is null");
        Objects.requireNonNull(manufacturer, "manufacturer is null");
        Objects.requireNonNull(model, "model is null");
        Objects.requireNonNull(mac, "mac is null");
        Objects.requireNonNull(ipAddress, "ipAddress is null");
        Objects.requireNonNull(lastRegistered, "lastRegistered is null");
        Objects.requireNonNull(userAgent, "userAgent is null");
    }
}
