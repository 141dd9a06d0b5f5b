package org.endpointmanager.core.vendor;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.endpointmanager.api.vendor.ModelInfo;
import org.endpointmanager.api.vendor.VendorCatalog;
import org.endpointmanager.core.http.Json;

/**
 * The operator's catalog additions: one JSON file per vendor in {@code <data dir>/catalog/}, for
 * example {@code grandstream.json}:
 *
 * <pre>
 * {"vendor": "grandstream", "ouis": ["c074ad"],
 *  "models": [{"model": "GXP2199", "lines": 6, "keys": 24, "attributes": {}}]}
 * </pre>
 *
 * <p>A model with the name of a built-in one replaces it (case-insensitive); OUIs are added. Files
 * are read at start and on reload; a malformed file stops the load with a message naming it.
 */
public final class CatalogOverrides {

    private static final Pattern OUI = Pattern.compile("[0-9a-f]{6}");
    private static final Pattern VENDOR = Pattern.compile("[a-z][a-z0-9_-]{1,31}");
    private static final long MAX_FILE_BYTES = 1024 * 1024;

    private CatalogOverrides() {
    }

    /**
     * Reads every {@code *.json} in the folder; no folder = no additions.
     *
     * @throws IllegalArgumentException naming the file and what is wrong
     */
    public static Map<String, VendorCatalog> load(Path folder) {
        Map<String, VendorCatalog> out = new LinkedHashMap<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.json")) {
            for (Path f : files) {
                VendorCatalog c = parse(f);
                if (out.containsKey(c.vendor())) {
                    throw new IllegalArgumentException(f + ": a second file for vendor '" + c.vendor() + "'");
                }
                out.put(c.vendor(), c);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read catalog folder " + folder + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static VendorCatalog parse(Path file) throws IOException {
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new IllegalArgumentException(file + ": larger than 1 MB");
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not valid JSON: " + e.getMessage(), e);
        }
        String vendor = root.path("vendor").asText("");
        if (!VENDOR.matcher(vendor).matches()) {
            throw new IllegalArgumentException(file + ": \"vendor\" must be a vendor id such as \"yealink\"");
        }
        Set<String> ouis = new HashSet<>();
        for (JsonNode o : root.path("ouis")) {
            String oui = o.asText("").toLowerCase(Locale.ROOT).replace(":", "").replace("-", "");
            if (!OUI.matcher(oui).matches()) {
                throw new IllegalArgumentException(file + ": OUI '" + o.asText() + "' is not 6 hex digits");
            }
            ouis.add(oui);
        }
        List<ModelInfo> models = new ArrayList<>();
        for (JsonNode m : root.path("models")) {
            String name = m.path("model").asText("");
            if (name.isBlank() || name.length() > 48) {
                throw new IllegalArgumentException(file + ": every model needs a \"model\" name of at most 48 characters");
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            m.path("attributes").fields().forEachRemaining(e -> attributes.put(e.getKey(), e.getValue().asText()));
            try {
                models.add(new ModelInfo(vendor, name, m.path("lines").asInt(1), m.path("keys").asInt(0), attributes));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": model " + name + ": " + e.getMessage(), e);
            }
        }
        return new VendorCatalog(vendor, ouis, models);
    }

    /** The built-in catalog with the additions merged over it. */
    public static VendorCatalog merge(VendorCatalog builtIn, VendorCatalog additions) {
        Set<String> ouis = new HashSet<>(builtIn.ouis());
        ouis.addAll(additions.ouis());
        Map<String, ModelInfo> models = new LinkedHashMap<>();
        builtIn.models().forEach(m -> models.put(m.model().toLowerCase(Locale.ROOT), m));
        additions.models().forEach(m -> models.put(m.model().toLowerCase(Locale.ROOT), m));
        return new VendorCatalog(builtIn.vendor(), ouis, List.copyOf(models.values()));
    }
}
