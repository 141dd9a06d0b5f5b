package org.endpointmanager.api;

import java.util.Objects;
import java.util.Optional;

/**
 * A phone the engine manages, as plug-ins see it.
 *
 * @param id stable identifier (a UUID string)
 * @param mac the phone's MAC
 * @param vendor vendor id, for example {@code yealink}
 * @param model model as the vendor writes it, for example {@code T46S}; may be empty when unknown
 * @param label the admin's display name for the phone
 * @param siteId the site the phone belongs to
 * @param ipAddress the phone's management address, when known (seed 000's {@code ip_address})
 */
public record Device(String id, MacAddress mac, String vendor, String model, String label, String siteId,
        Optional<String> ipAddress) {
    /** Rejects nulls. */
    public Device {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(mac, "mac is null");
        Objects.requireNonNull(vendor, "vendor is null");
        Objects.requireNonNull(model, "model is null");
        Objects.requireNonNull(label, "label is null");
        Objects.requireNonNull(siteId, "siteId is null");
        Objects.requireNonNull(ipAddress, "ipAddress is null");
    }
}
