package org.endpointmanager.core.store;

import java.util.Map;
import java.util.Objects;

/** The settings table; every write is announced in the change log so the other nodes reload. */
public final class RecordingSettingsStore implements SettingsStore {

    private final SettingsStore delegate;
    private final ChangeLog changes;

    /** Wraps a store. */
    public RecordingSettingsStore(SettingsStore delegate, ChangeLog changes) {
        this.delegate = Objects.requireNonNull(delegate, "delegate is null");
        this.changes = Objects.requireNonNull(changes, "changes is null");
    }

    @Override
    public Map<String, String> all() {
        return delegate.all();
    }

    @Override
    public void putAll(Map<String, String> values) {
        delegate.putAll(values);
        changes.append(ChangeLog.Entity.SETTINGS, "*");
    }

    @Override
    public void putIfAbsent(Map<String, String> values) {
        delegate.putIfAbsent(values);
    }
}
