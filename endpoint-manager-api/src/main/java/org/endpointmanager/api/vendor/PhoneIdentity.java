package org.endpointmanager.api.vendor;

import java.util.Objects;
import java.util.Optional;
import org.endpointmanager.api.MacAddress;

/**
 * What a phone says about itself in its User-Agent (or a PnP SUBSCRIBE).
 *
 * @param vendor the vendor id, for example {@code yealink}
 * @param model the model as the vendor writes it, for example {@code T46S}
 * @param firmware the firmware version, when present
 * @param hardwareRevision the hardware revision, when present
 * @param mac the MAC, when the phone sends it
 */
public record PhoneIdentity(String vendor, Optional<String> model, Optional<String> firmware,
        Optional<String> hardwareRevision, Optional<MacAddress> mac) {
    /** Rejects nulls. */
    public PhoneIdentity {
        Objects.requireNonNull(vendor, "vendor is null");
        Objects.requireNonNull(model, "model is null");
        Objects.requireNonNull(firmware, "firmware is null");
        Objects.requireNonNull(hardwareRevision, "hardwareRevision is null");
        Objects.requireNonNull(mac, "mac is null");
    }
}
