package org.endpointmanager.core.firmware;

import java.util.Objects;
import java.util.Optional;

/**
 * The form fields of an upload or edit, already bounded in size; validation is the repository's.
 *
 * @param vendor vendor id
 * @param model model, empty for a vendor-wide fallback
 * @param version version
 * @param hwRevision hardware revision, empty for any
 * @param notes admin comment
 */
public record FirmwareUpload(String vendor, Optional<String> model, String version, Optional<String> hwRevision,
        String notes) {
    /** Rejects nulls; blank optional values become absent. */
    public FirmwareUpload {
        Objects.requireNonNull(vendor, "vendor is null");
        model = Objects.requireNonNull(model, "model is null").map(String::strip).filter(m -> !m.isEmpty());
        Objects.requireNonNull(version, "version is null");
        hwRevision = Objects.requireNonNull(hwRevision, "hwRevision is null").map(String::strip).filter(h -> !h.isEmpty());
        Objects.requireNonNull(notes, "notes is null");
    }
}
