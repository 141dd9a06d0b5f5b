package org.endpointmanager.api.vendor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Raw vendor parameters by INI section name ({@code yealink}, {@code snom-phone-settings},
 * {@code fanvil-sip}, {@code grandstream}, ...). They are merged last, over everything the
 * generator derived from the profile: a raw parameter wins.
 *
 * @param sections section name to parameters in the order written
 */
public record RawParameters(Map<String, List<RawParameter>> sections) {
    /** Deep-copies the map, keeping order. */
    public RawParameters {
        Objects.requireNonNull(sections, "sections is null");
        Map<String, List<RawParameter>> copy = new LinkedHashMap<>();
        sections.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        sections = java.util.Collections.unmodifiableMap(copy);
    }

    /** No raw parameters. */
    public static RawParameters none() {
        return new RawParameters(Map.of());
    }

    /** The parameters of one section, empty when absent. */
    public List<RawParameter> section(String name) {
        return sections.getOrDefault(name, List.of());
    }
}
