package org.endpointmanager.api.vendor;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The models and MAC prefixes of one vendor. Plug-ins ship theirs as a resource; the engine merges
 * operator additions over it, so a new model or OUI is a data change, not a release.
 *
 * @param vendor vendor id
 * @param ouis six lowercase hex digit MAC prefixes
 * @param models known models
 */
public record VendorCatalog(String vendor, Set<String> ouis, List<ModelInfo> models) {
    /** Copies the collections. */
    public VendorCatalog {
        Objects.requireNonNull(vendor, "vendor is null");
        ouis = Set.copyOf(Objects.requireNonNull(ouis, "ouis is null"));
        models = List.copyOf(Objects.requireNonNull(models, "models is null"));
    }

    /** Finds a model by name, ignoring case. */
    public Optional<ModelInfo> model(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.strip().toLowerCase(Locale.ROOT);
        return models.stream().filter(m -> m.model().toLowerCase(Locale.ROOT).equals(n)).findFirst();
    }
}
