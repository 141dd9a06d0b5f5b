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
        // asked on every provisioning request: no stream, and no lower-casing of models that cannot
        // match (for an ASCII name, equal lower case implies equalsIgnoreCase)
        for (ModelInfo m : models) {
            String candidate = m.model();
            if ((candidate.equalsIgnoreCase(n) || !ascii(candidate)) && candidate.toLowerCase(Locale.ROOT).equals(n)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    private static boolean ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7f) {
                return false;
            }
        }
        return true;
    }
}
