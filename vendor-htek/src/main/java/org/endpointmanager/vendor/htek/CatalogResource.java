package org.endpointmanager.vendor.htek;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.endpointmanager.api.vendor.ModelInfo;
import org.endpointmanager.api.vendor.VendorCatalog;

/**
 * Reads the built-in catalog shipped as a plain-text resource ({@code oui ...} and
 * {@code model <name> <accounts> <keys> [k=v ...]} lines), so the vendor jar needs no JSON library.
 */
final class CatalogResource {

    private CatalogResource() {
    }

    static VendorCatalog load(String vendor, String resource) {
        try (InputStream in = CatalogResource.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("catalog resource missing: " + resource);
            }
            return parse(vendor, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read catalog resource " + resource, e);
        }
    }

    static VendorCatalog parse(String vendor, BufferedReader reader) throws IOException {
        Set<String> ouis = new LinkedHashSet<>();
        List<ModelInfo> models = new ArrayList<>();
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            int hash = line.indexOf('#');
            String text = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (text.isEmpty()) {
                continue;
            }
            String[] parts = text.split("\\s+");
            switch (parts[0]) {
                case "oui" -> {
                    for (int i = 1; i < parts.length; i++) {
                        String oui = parts[i].toLowerCase(Locale.ROOT);
                        if (!oui.matches("[0-9a-f]{6}")) {
                            throw new IllegalStateException("catalog line " + number + ": bad OUI " + parts[i]);
                        }
                        ouis.add(oui);
                    }
                }
                case "model" -> {
                    if (parts.length < 4) {
                        throw new IllegalStateException("catalog line " + number
                                + ": expected 'model <name> <accounts> <keys> [k=v ...]'");
                    }
                    Map<String, String> attributes = new LinkedHashMap<>();
                    for (int i = 4; i < parts.length; i++) {
                        int eq = parts[i].indexOf('=');
                        if (eq <= 0) {
                            throw new IllegalStateException("catalog line " + number + ": bad attribute " + parts[i]);
                        }
                        attributes.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
                    }
                    models.add(new ModelInfo(vendor, parts[1], Integer.parseInt(parts[2]),
                            Integer.parseInt(parts[3]), attributes));
                }
                default -> throw new IllegalStateException("catalog line " + number + ": unknown entry " + parts[0]);
            }
        }
        return new VendorCatalog(vendor, ouis, models);
    }
}
