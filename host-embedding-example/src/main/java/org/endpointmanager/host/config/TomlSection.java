package org.endpointmanager.host.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

/**
 * One table of {@code proxy.toml}, read key by key; {@link #rejectUnknownKeys()} names whatever
 * the file holds that nobody asked for, so a typo stops start-up instead of being ignored.
 *
 * <p>The host keeps its own small reader rather than borrowing the add-on's: a PBX knows only the
 * add-on SPI, never the add-on's internals.
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

    static TomlSection root(String source, TomlTable table) {
        return new TomlSection(source, "", table);
    }

    /** A sub-table; an absent one reads as empty so every key takes its default. */
    TomlSection section(String name) {
        Object value = raw(name);
        if (value == null) {
            return new TomlSection(source, prefix + name + ".", EMPTY);
        }
        if (!(value instanceof TomlTable sub)) {
            throw error(prefix + name + " must be a table ([" + prefix + name + "])");
        }
        return new TomlSection(source, prefix + name + ".", sub);
    }

    /** An array of tables ({@code [[name]]}); absent reads as empty. */
    List<TomlSection> tables(String name) {
        Object value = raw(name);
        if (value == null) {
            return List.of();
        }
        String problem = prefix + name + " must be an array of tables ([[" + prefix + name + "]])";
        if (!(value instanceof TomlArray array)) {
            throw error(problem);
        }
        List<TomlSection> result = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof TomlTable item)) {
                throw error(problem);
            }
            result.add(new TomlSection(source, prefix + name + "[" + i + "].", item));
        }
        return result;
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

    String requiredString(String key) {
        return optionalString(key).orElseThrow(() -> error(name(key) + " is required"));
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

    /** A list of strings that must be present (it may be empty). */
    List<String> requiredStrings(String key) {
        Object value = raw(key);
        if (value == null) {
            throw error(name(key) + " is required");
        }
        String problem = name(key) + " must be a list of strings";
        if (!(value instanceof TomlArray array)) {
            throw error(problem);
        }
        List<String> result = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof String text)) {
                throw error(problem);
            }
            result.add(text);
        }
        return result;
    }

    /** Fails naming the first key (sorted) this table holds that was never read. */
    void rejectUnknownKeys() {
        Set<String> unknown = new TreeSet<>(table.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            String key = unknown.iterator().next();
            boolean isTable = table.get(List.of(key)) instanceof TomlTable;
            throw error("unknown " + (isTable && prefix.isEmpty() ? "section" : "key") + " '" + prefix + key + "'");
        }
    }

    String name(String key) {
        return prefix + key;
    }

    HostConfigException error(String message) {
        return new HostConfigException(source + ": " + message);
    }

    private Object raw(String key) {
        known.add(key);
        return table.get(List.of(key));
    }
}
