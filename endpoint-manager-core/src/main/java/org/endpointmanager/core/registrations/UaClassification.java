package org.endpointmanager.core.registrations;

import java.util.Objects;
import java.util.Optional;
import org.endpointmanager.api.MacAddress;

/**
 * What a User-Agent says about the device behind a registration.
 *
 * @param type the device type
 * @param vendorId the installed vendor plug-in that recognised it, when one did
 * @param manufacturer the maker's name as shown to people, when known
 * @param model the model, when the User-Agent names it
 * @param mac the MAC, when the User-Agent carries one
 */
public record UaClassification(DeviceType type, Optional<String> vendorId, Optional<String> manufacturer,
        Optional<String> model, Optional<MacAddress> mac) {
    /** Rejects nulls. */
    public UaClassification {
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(vendorId, "vendorId is null");
        Objects.requireNonNull(manufacturer, "manufacturer is null");
        Objects.requireNonNull(model, "model is null");
        Objects.requireNonNull(mac, "mac is null");
    }

    /** A type with nothing else known. */
    static UaClassification of(DeviceType type) {
        return new UaClassification(type, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
