package org.endpointmanager.core.firmware;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One firmware image in the repository.
 *
 * @param id UUID
 * @param vendor vendor id, for example {@code yealink}
 * @param model model it is for; empty = vendor-wide fallback
 * @param version free-form version, for example {@code 66.86.0.15}
 * @param hwRevision hardware revision it is for; empty = any
 * @param notes admin comment
 * @param fileName the sanitised name the admin uploaded, used as the last segment of its URL
 * @param storedName the blob's name in {@code <data dir>/firmware/} (ours, never the client's)
 * @param size bytes
 * @param sha256 hex digest of the bytes
 * @param createdAt when it was first uploaded
 * @param updatedAt when it was last replaced or edited
 */
public record FirmwareRecord(String id, String vendor, Optional<String> model, String version,
        Optional<String> hwRevision, String notes, String fileName, String storedName, long size, String sha256,
        Instant createdAt, Instant updatedAt) {

    /** Rejects nulls and blank model/revision values (absent instead). */
    public FirmwareRecord {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(vendor, "vendor is null");
        model = Objects.requireNonNull(model, "model is null").filter(m -> !m.isBlank());
        Objects.requireNonNull(version, "version is null");
        hwRevision = Objects.requireNonNull(hwRevision, "hwRevision is null").filter(h -> !h.isBlank());
        Objects.requireNonNull(notes, "notes is null");
        Objects.requireNonNull(fileName, "fileName is null");
        Objects.requireNonNull(storedName, "storedName is null");
        Objects.requireNonNull(sha256, "sha256 is null");
        Objects.requireNonNull(createdAt, "createdAt is null");
        Objects.requireNonNull(updatedAt, "updatedAt is null");
    }

    /** The path below the provisioning base phones download it from. */
    public String downloadPath() {
        return "firmware/" + id + "/" + fileName;
    }
}
