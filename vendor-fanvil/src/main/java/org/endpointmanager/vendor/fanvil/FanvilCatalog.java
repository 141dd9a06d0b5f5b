package org.endpointmanager.vendor.fanvil;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import org.endpointmanager.api.vendor.ModelInfo;
import org.endpointmanager.api.vendor.VendorCatalog;

/** Loads the built-in catalog from {@code catalog.properties}. */
final class FanvilCatalog {

    static final String COMMON_FILE = "common_file";
    static final String FORMAT = "format";
    static final String SYSCONF = "sysconf";

    static final VendorCatalog CATALOG = load();

    private FanvilCatalog() {
    }

    /** The model whose common file has exactly this name. */
    static Optional<ModelInfo> byCommonFile(String fileName) {
        if (fileName.isEmpty()) {
            return Optional.empty();
        }
        return CATALOG.models().stream().filter(m -> fileName.equals(m.attributes().get(COMMON_FILE))).findFirst();
    }

    static boolean usesSysConf(Optional<ModelInfo> model) {
        return model.map(m -> m.attribute(FORMAT, "text").equals(SYSCONF)).orElse(false);
    }

    private static VendorCatalog load() {
        Properties p = new Properties();
        try (InputStream in = FanvilCatalog.class.getResourceAsStream("catalog.properties")) {
            if (in == null) {
                throw new IllegalStateException("vendor-fanvil jar lacks catalog.properties");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<ModelInfo> models = new ArrayList<>();
        for (String name : new TreeSet<>(p.stringPropertyNames())) {
            if (name.equals("ouis")) {
                continue;
            }
            String[] f = p.getProperty(name).split("\\s*,\\s*");
            if (f.length != 4) {
                throw new IllegalStateException("catalog.properties: " + name + " needs common_file,format,lines,keys");
            }
            Map<String, String> attributes = new HashMap<>();
            if (!f[0].equals("-")) {
                attributes.put(COMMON_FILE, f[0]);
            }
            attributes.put(FORMAT, f[1]);
            models.add(new ModelInfo("fanvil", name, Integer.parseInt(f[2]), Integer.parseInt(f[3]), attributes));
        }
        return new VendorCatalog("fanvil", new TreeSet<>(Arrays.asList(p.getProperty("ouis", "").split("\\s*,\\s*"))),
                models);
    }
}
