package org.endpointmanager.vendor.yealink;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.endpointmanager.api.vendor.ModelInfo;
import org.endpointmanager.api.vendor.VendorCatalog;

/** Loads the built-in catalog from {@code catalog.properties} and answers model-id questions. */
final class YealinkCatalog {

    static final String MODEL_ID = "model_id";

    static final VendorCatalog CATALOG = load();

    private YealinkCatalog() {
    }

    /** The model of a {@code y0000000000XX.cfg} id, preferring the one the User-Agent named. */
    static Optional<String> modelForId(int id, Optional<String> fromUserAgent) {
        Optional<ModelInfo> named = fromUserAgent.flatMap(CATALOG::model)
                .filter(m -> m.attribute(MODEL_ID, "").equals(Integer.toString(id)));
        if (named.isPresent()) {
            return named.map(ModelInfo::model);
        }
        return CATALOG.models().stream().filter(m -> m.attribute(MODEL_ID, "").equals(Integer.toString(id)))
                .map(ModelInfo::model).findFirst();
    }

    /** The common file name of a model, {@code y000000000066.cfg} for T46S. */
    static Optional<String> commonFileName(ModelInfo model) {
        String id = model.attribute(MODEL_ID, "");
        if (!id.matches("[0-9]{1,12}")) {
            return Optional.empty();
        }
        return Optional.of("y" + "0".repeat(12 - id.length()) + id + ".cfg");
    }

    private static VendorCatalog load() {
        Properties p = new Properties();
        try (InputStream in = YealinkCatalog.class.getResourceAsStream("catalog.properties")) {
            if (in == null) {
                throw new IllegalStateException("vendor-yealink jar lacks catalog.properties");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> ouis = new TreeSet<>(Arrays.asList(p.getProperty("ouis", "").split("\\s*,\\s*")));
        List<ModelInfo> models = new ArrayList<>();
        for (String name : new TreeSet<>(p.stringPropertyNames())) {
            if (name.equals("ouis")) {
                continue;
            }
            String[] f = p.getProperty(name).split("\\s*,\\s*");
            if (f.length != 3) {
                throw new IllegalStateException("catalog.properties: " + name + " needs id,lines,keys");
            }
            models.add(new ModelInfo("yealink", name, Integer.parseInt(f[1]), Integer.parseInt(f[2]),
                    Map.of(MODEL_ID, f[0])));
        }
        return new VendorCatalog("yealink", ouis, models);
    }
}
