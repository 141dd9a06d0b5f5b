package org.endpointmanager.core.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A provisioning template (profile): structured settings plus optional raw parameters and custom
 * template text.
 *
 * @param id UUID
 * @param name unique name
 * @param vendor vendor it is meant for, or empty for any vendor
 * @param siteId site it belongs to, or empty for all sites
 * @param settingsJson structured settings as JSON object text (seed 000's {@code sip_settings},
 *     {@code network_settings}, {@code feature_settings} and the profile fields)
 * @param rawParameters raw vendor parameters, INI text
 * @param customTemplate full Mustache template text replacing the vendor's built-in one
 * @param createdAt creation time
 * @param updatedAt last change
 */
public record TemplateRecord(String id, String name, Optional<String> vendor, Optional<String> siteId,
        String settingsJson, String rawParameters, Optional<String> customTemplate, Instant createdAt,
        Instant updatedAt) {
    /** Rejects nulls. */
    public TemplateRecord {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(vendor, "vendor is null");
        Objects.requireNonNull(siteId, "siteId is null");
        Objects.requireNonNull(settingsJson, "settingsJson is null");
        Objects.requireNonNull(rawParameters, "rawParameters is null");
        Objects.requireNonNull(customTemplate, "customTemplate is null");
        Objects.requireNonNull(createdAt, "createdAt is null");
        Objects.requireNonNull(updatedAt, "updatedAt is null");
    }
}
