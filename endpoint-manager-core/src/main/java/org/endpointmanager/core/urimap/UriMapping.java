package org.endpointmanager.core.urimap;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One URI mapping.
 *
 * @param id UUID
 * @param path the file name below {@code /provision/}, matched exactly
 * @param templateId the template rendered for it
 * @param vendor the vendor whose format is rendered, when the template names none
 * @param notes admin comment
 * @param createdAt creation time
 * @param updatedAt last change
 */
public record UriMapping(String id, String path, String templateId, Optional<String> vendor, String notes,
        Instant createdAt, Instant updatedAt) {
    /** Rejects nulls. */
    public UriMapping {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(path, "path is null");
        Objects.requireNonNull(templateId, "templateId is null");
        Objects.requireNonNull(vendor, "vendor is null");
        Objects.requireNonNull(notes, "notes is null");
        Objects.requireNonNull(createdAt, "createdAt is null");
        Objects.requireNonNull(updatedAt, "updatedAt is null");
    }
}
