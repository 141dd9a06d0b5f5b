package org.endpointmanager.core.store;

import java.util.Objects;
import java.util.Optional;

/**
 * Filter and page for listing devices. Text filters match case-insensitively.
 *
 * @param search substring of MAC (lowercase hex), label or model
 * @param vendor exact vendor id
 * @param model exact model (case-insensitive)
 * @param siteId exact site
 * @param offset rows to skip
 * @param limit rows to return (1..1000)
 */
public record DeviceQuery(Optional<String> search, Optional<String> vendor, Optional<String> model,
        Optional<String> siteId, int offset, int limit) {
    /** Validates the page. */
    public DeviceQuery {
        Objects.requireNonNull(search, "search is null");
        Objects.requireNonNull(vendor, "vendor is null");
        Objects.requireNonNull(model, "model is null");
        Objects.requireNonNull(siteId, "siteId is null");
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1..1000");
        }
    }

    /** All devices, first page of 100. */
    public static DeviceQuery all() {
        return new DeviceQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0, 100);
    }
}
