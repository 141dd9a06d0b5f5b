package org.endpointmanager.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.endpointmanager.api.Device;
import org.endpointmanager.api.MacAddress;

/**
 * A device row of {@code endpoint_devices} with its lines.
 *
 * @param id UUID
 * @param mac unique MAC
 * @param vendor vendor id
 * @param model model, may be empty
 * @param label display name
 * @param siteId owning site
 * @param templateId template (profile) applied, if any
 * @param ipAddress management address (seed 000's {@code ip_address})
 * @param settingsJson per-device overrides of the profile, as JSON object text ({@code {}} when none)
 * @param rawParameters per-device raw vendor parameters, INI text (empty when none)
 * @param lines lines in index order
 * @param createdAt creation time
 * @param updatedAt last change
 */
public record DeviceRecord(String id, MacAddress mac, String vendor, String model, String label,
        String siteId, Optional<String> templateId, Optional<String> ipAddress, String settingsJson,
        String rawParameters, List<LineRecord> lines, Instant createdAt, Instant updatedAt) {
    /** Rejects nulls and copies the lines. */
    public DeviceRecord {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(mac, "mac is null");
        Objects.requireNonNull(vendor, "vendor is null");
        Objects.requireNonNull(model, "model is null");
        Objects.requireNonNull(label, "label is null");
        Objects.requireNonNull(siteId, "siteId is null");
        Objects.requireNonNull(templateId, "templateId is null");
        Objects.requireNonNull(ipAddress, "ipAddress is null");
        Objects.requireNonNull(settingsJson, "settingsJson is null");
        Objects.requireNonNull(rawParameters, "rawParameters is null");
        lines = List.copyOf(Objects.requireNonNull(lines, "lines is null"));
        Objects.requireNonNull(createdAt, "createdAt is null");
        Objects.requireNonNull(updatedAt, "updatedAt is null");
    }

    /** The SPI view of this device. */
    public Device toDevice() {
        return new Device(id, mac, vendor, model, label, siteId, ipAddress);
    }
}
