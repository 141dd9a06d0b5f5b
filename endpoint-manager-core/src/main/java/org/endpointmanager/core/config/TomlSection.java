package org.endpointmanager.core.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.endpointmanager.api.Secret;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

/**
 * One table of a TOML file, read key by key. Every key read is remembered so that
 * {@link #rejectUnknownKeys()} can name whatever the file holds that nobody asked for: a typo must
 * stop start-up instead of silently falling back to a default.
 */
final class TomlSection {

    private static final TomlTable EMPTY = Toml.parse("");

    private final String source;
    private final String prefix;
    private final TomlTable table;
    private final Set<String> known = new LinkedHashSet<>();

    private TomlSection(String source, String prefix, TomlTable table) {
        this.source = source;
        this.prefix = prefix;
        this.table = table;
    }

    /** The file's top level. */
    static TomlSection root(String source, TomlTable table) {
        return new TomlSection(source, "", table);
    }

    /** A sub-table; an absent table reads as empty so every key takes its default. */
    TomlSection section(String name) {
        known.add(name);
        Object value = table.get(List.of(name));
        if (value == null) {
            return new TomlSection(source, prefix + name + ".", EMPTY);
        }
        if (!(value instanceof TomlTable sub)) {
            throw error(prefix + name + " must be a table ([" + prefix + name + "])");
        }
        return new TomlSection(source, prefix + name + ".", sub);
    }

    Optional<String> optionalString(String key) {
        Object value = raw(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw error(name(key) + " must be a string");
        }
        return Optional.of(text);
    }

    String string(String key, String fallback) {
        return optionalString(key).orElse(fallback);
    }

    String requiredString(String key) {
        return optionalString(key).orElseThrow(() -> error(name(key) + " is required"));
    }

    /** A secret: its value never reaches a message, only its key does. */
    Optional<Secret> optionalSecret(String key) {
        return optionalString(key).map(Secret::of);
    }

    boolean bool(String key, boolean fallback) {
        Object value = raw(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Boolean flag)) {
            throw error(name(key) + " must be true or false");
        }
        return flag;
    }

    long integer(String key, long fallback, long min, long max) {
        Object value = raw(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Long number) || number < min || number > max) {
            throw error(name(key) + " must be an integer " + min + ".." + max);
        }
        return number;
    }

    int port(String key, int fallback) {
        return (int) integer(key, fallback, 0, 65535);
    }

    List<String> strings(String key) {
        Object value = raw(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof TomlArray array)) {
            throw error(name(key) + " must be a list of strings");
        }
        List<String> result = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof String text)) {
                throw error(name(key) + " must be a list of strings");
            }
            result.add(text);
        }
        return result;
    }

    /** Fails naming the first key (in sorted order) this section holds that was never read. */
    void rejectUnknownKeys() {
        Set<String> unknown = new TreeSet<>(table.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            String key = unknown.iterator().next();
            boolean isTable = table.get(List.of(key)) instanceof TomlTable;
            throw error("unknown " + (isTable && prefix.isEmpty() ? "section" : "key") + " '" + prefix + key + "'");
        }
    }

    /** The full dotted name of a key in this section, for messages. */
    String name(String key) {
        return prefix + key;
    }

    ConfigException error(String message) {
        return new ConfigException(source + ": " + message);
    }

    private Object raw(String key) {
        known.add(key);
        return table.get(List.of(key));
    }
}
