package org.endpointmanager.api.vendor;

import java.util.Map;
import java.util.Objects;

/**
 * One phone model in a vendor's catalog.
 *
 * @param vendor vendor id
 * @param model model name as the vendor writes it (for example {@code T46S})
 * @param lines how many SIP accounts the model has
 * @param keys how many programmable keys the model has (without expansion modules)
 * @param attributes vendor-specific facts, for example Yealink's {@code model_id} ({@code 66}),
 *     Htek's {@code device_code} ({@code 0012}) or Fanvil's {@code common_file} and {@code format}
 */
public record ModelInfo(String vendor, String model, int lines, int keys, Map<String, String> attributes) {
    /** Copies the map and validates counts. */
    public ModelInfo {
        Objects.requireNonNull(vendor, "vendor is null");
        Objects.requireNonNull(model, "model is null");
        if (lines < 1) {
            throw new IllegalArgumentException("lines must be at least 1");
        }
        if (keys < 0) {
            throw new IllegalArgumentException("keys must not be negative");
        }
        attributes = Map.copyOf(Objects.requireNonNull(attributes, "attributes is null"));
    }

    /** An attribute, or the fallback. */
    public String attribute(String name, String fallback) {
        return attributes.getOrDefault(name, fallback);
    }
}
