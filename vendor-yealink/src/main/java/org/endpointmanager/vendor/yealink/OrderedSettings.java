package org.endpointmanager.vendor.yealink;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.endpointmanager.api.render.Escaping;
import org.endpointmanager.api.vendor.RawParameter;

/**
 * Settings in the order they are written, where a later put of the same key replaces the value in
 * place. Raw parameters go through {@link #mergeRaw}, which refuses keys that could break a line.
 */
final class OrderedSettings {

    /** Yealink keys: dotted words, digits, {@code _}, {@code -}, {@code %}; never a space or '='. */
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.\\-%]{1,160}");

    private final Map<String, String> values = new LinkedHashMap<>();

    void put(String key, String value) {
        values.put(key, value);
    }

    void put(String key, int value) {
        values.put(key, Integer.toString(value));
    }

    void put(String key, boolean value) {
        values.put(key, value ? "1" : "0");
    }

    /**
     * Merges raw parameters last: a known key keeps its place with the raw value, a new key is
     * appended. Returns the keys refused as malformed so the caller can log them.
     */
    List<String> mergeRaw(List<RawParameter> raw) {
        List<String> refused = new ArrayList<>();
        for (RawParameter p : raw) {
            String key = p.key().strip();
            if (KEY.matcher(key).matches()) {
                values.put(key, p.value().strip());
            } else {
                // Refused keys are logged: keep them to one line.
                refused.add(Escaping.LINE.escape(key.length() > 40 ? key.substring(0, 40) + "..." : key));
            }
        }
        return refused;
    }

    /** The settings as the templates' {@code settings} list of {@code key}/{@code value} maps. */
    List<Map<String, String>> asScope() {
        List<Map<String, String>> list = new ArrayList<>(values.size());
        values.forEach((k, v) -> list.add(Map.of("key", k, "value", v)));
        return list;
    }

    Map<String, String> asMap() {
        return java.util.Collections.unmodifiableMap(values);
    }
}
