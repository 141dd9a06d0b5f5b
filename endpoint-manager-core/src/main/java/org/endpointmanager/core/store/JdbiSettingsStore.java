package org.endpointmanager.core.store;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;

/** {@link SettingsStore} over {@code endpoint_settings}, with each database's own upsert. */
final class JdbiSettingsStore implements SettingsStore {
    private static final int MAX_KEY_LENGTH = 128;

    private final Jdbi jdbi;
    private final String upsert;
    private final String insertIfAbsent;

    JdbiSettingsStore(Jdbi jdbi, Database.DbKind kind) {
        this.jdbi = jdbi;
        String insert = "INSERT INTO endpoint_settings (setting_key, setting_value) VALUES (:k, :v)";
        switch (kind) {
            case MYSQL -> {
                // VALUES() rather than the row alias: MariaDB has no row alias
                upsert = insert + " ON DUPLICATE KEY UPDATE setting_value = VALUES(setting_value)";
                insertIfAbsent = insert + " ON DUPLICATE KEY UPDATE setting_key = setting_key";
            }
            case SQLITE, POSTGRESQL -> {
                upsert = insert + " ON CONFLICT (setting_key) DO UPDATE SET setting_value = excluded.setting_value";
                insertIfAbsent = insert + " ON CONFLICT (setting_key) DO NOTHING";
            }
            default -> throw new IllegalStateException("unhandled kind " + kind);
        }
    }

    @Override
    public Map<String, String> all() {
        Map<String, String> out = new TreeMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT setting_key, setting_value FROM endpoint_settings")
                .map((rs, ctx) -> Map.entry(rs.getString("setting_key"), rs.getString("setting_value")))
                .list()
                .forEach(e -> out.put(e.getKey(), e.getValue())));
        return Collections.unmodifiableMap(out);
    }

    @Override
    public void putAll(Map<String, String> values) {
        write(values, upsert);
    }

    @Override
    public void putIfAbsent(Map<String, String> values) {
        write(values, insertIfAbsent);
    }

    private void write(Map<String, String> values, String sql) {
        Objects.requireNonNull(values, "values is null");
        values.forEach((k, v) -> {
            Objects.requireNonNull(k, "setting key is null");
            Objects.requireNonNull(v, "value of setting " + k + " is null");
            if (k.isEmpty() || k.length() > MAX_KEY_LENGTH) {
                throw new IllegalArgumentException("setting key must be 1.." + MAX_KEY_LENGTH + " characters");
            }
        });
        if (values.isEmpty()) {
            return;
        }
        jdbi.useTransaction(h -> {
            for (Map.Entry<String, String> e : new TreeMap<>(values).entrySet()) {
                h.createUpdate(sql).bind("k", e.getKey()).bind("v", e.getValue()).execute();
            }
        });
    }
}
