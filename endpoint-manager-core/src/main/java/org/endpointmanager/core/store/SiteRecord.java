package org.endpointmanager.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A site (seed 000's {@code site_id}): a group of phones with their subnets and default template.
 *
 * @param id UUID, or {@code default} for the site that always exists
 * @param name unique name
 * @param subnets CIDRs the site's phones are in (used by the access policy and the driver guard)
 * @param defaultTemplateId template applied to devices without their own
 * @param createdAt creation time
 * @param updatedAt last change
 */
public record SiteRecord(String id, String name, List<String> subnets, Optional<String> defaultTemplateId,
        Instant createdAt, Instant updatedAt) {
    /** The id of the site that always exists. */
    public static final String DEFAULT_ID = "default";

    /** Rejects nulls, copies the list. */
    public SiteRecord {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(name, "name is null");
        subnets = List.copyOf(Objects.requireNonNull(subnets, "subnets is null"));
        Objects.requireNonNull(defaultTemplateId, "defaultTemplateId is null");
        Objects.requireNonNull(createdAt, "createdAt is null");
        Objects.requireNonNull(updatedAt, "updatedAt is null");
    }
}
