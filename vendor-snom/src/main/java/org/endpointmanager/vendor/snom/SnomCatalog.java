package org.endpointmanager.vendor.snom;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.endpointmanager.api.vendor.ModelInfo;
import org.endpointmanager.api.vendor.VendorCatalog;

/** Loads {@code catalog.txt}: Snom's OUIs and models with identity and function key counts. */
final class SnomCatalog {

    /** Attribute naming how many keys one expansion module adds. */
    static final String MODULE_KEYS = "module_keys";

    private SnomCatalog() {
    }

    static VendorCatalog load() {
        Set<String> ouis = new LinkedHashSet<>();
        List<ModelInfo> models = new ArrayList<>();
        for (String[] r : SnomResources.records("catalog.txt")) {
            switch (r[0]) {
                case "oui" -> ouis.add(r[1].toLowerCase(Locale.ROOT));
                case "model" -> {
                    String moduleKeys = "0";
                    for (int i = 4; i < r.length; i++) {
                        if (r[i].startsWith("module-keys=")) {
                            moduleKeys = r[i].substring("module-keys=".length());
                        }
                    }
                    models.add(new ModelInfo(SnomVendorPlugin.ID, r[1], Integer.parseInt(r[2]),
                            Integer.parseInt(r[3]), Map.of(MODULE_KEYS, moduleKeys)));
                }
                default -> throw new IllegalStateException("catalog.txt: unknown record " + r[0]);
            }
        }
        return new VendorCatalog(SnomVendorPlugin.ID, ouis, models);
    }
}
