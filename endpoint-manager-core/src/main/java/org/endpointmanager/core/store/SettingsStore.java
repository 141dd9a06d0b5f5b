package org.endpointmanager.core.store;

import java.util.Map;

/**
 * Admin-changeable settings as key/value text rows ({@code endpoint_settings}). The typed view
 * and validation live in {@code org.endpointmanager.core.settings}.
 */
public interface SettingsStore {
    /** Every stored setting. */
    Map<String, String> all();

    /** Writes the given keys in one transaction (insert or replace). */
    void putAll(Map<String, String> values);

    /** Writes the given keys only where they are not stored yet (first-start seeding). */
    void putIfAbsent(Map<String, String> values);
}
