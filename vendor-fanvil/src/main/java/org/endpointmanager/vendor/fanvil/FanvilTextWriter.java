package org.endpointmanager.vendor.fanvil;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.endpointmanager.api.vendor.RawParameter;
import org.endpointmanager.api.vendor.RawParameters;

/**
 * Builds the scope of the text dialect's template: names padded as Fanvil's own files pad them
 * ({@code SIP1 Register Addr :value}), grouped by module, raw parameters merged into the module
 * their section names.
 */
final class FanvilTextWriter {

    private static final Pattern RAW_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 _.\\-]{0,63}");
    private static final int NAME_WIDTH = 19;

    private FanvilTextWriter() {
    }

    static Map<String, Object> scope(List<FanvilItem> items, RawParameters raw, List<String> refused) {
        Map<FanvilModule, Map<String, String>> modules = new EnumMap<>(FanvilModule.class);
        for (FanvilModule m : FanvilModule.values()) {
            modules.put(m, new LinkedHashMap<>());
        }
        for (FanvilItem item : items) {
            item.textName().ifPresent(name -> modules.get(item.module()).put(name, item.value()));
        }
        for (FanvilModule m : FanvilModule.values()) {
            if (m.rawSection().isEmpty()) {
                continue;
            }
            for (RawParameter p : raw.section(m.rawSection().get())) {
                String name = p.key().strip();
                if (!RAW_NAME.matcher(name).matches()) {
                    refused.add(name);
                    continue;
                }
                Map<String, String> target = modules.get(m);
                // A raw name already written in another module replaces it there.
                for (Map<String, String> other : modules.values()) {
                    if (other.containsKey(name)) {
                        target = other;
                    }
                }
                target.put(name, p.value().strip());
            }
        }
        List<Map<String, Object>> blocks = new ArrayList<>();
        for (FanvilModule m : FanvilModule.values()) {
            if (m == FanvilModule.TOP || modules.get(m).isEmpty()) {
                continue;
            }
            blocks.add(Map.of("title", m.title().orElseThrow(), "items", lines(modules.get(m))));
        }
        return Map.of("top", lines(modules.get(FanvilModule.TOP)), "modules", blocks);
    }

    private static List<Map<String, String>> lines(Map<String, String> values) {
        List<Map<String, String>> out = new ArrayList<>(values.size());
        values.forEach((name, value) -> out.add(Map.of("name", pad(name), "value", value)));
        return out;
    }

    private static String pad(String name) {
        StringBuilder b = new StringBuilder(name);
        do {
            b.append(' ');
        } while (b.length() < NAME_WIDTH);
        return b.toString();
    }
}
