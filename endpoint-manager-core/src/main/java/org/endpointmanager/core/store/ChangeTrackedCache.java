package org.endpointmanager.core.store;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Lookups by id, cached, kept current the way {@link CachingDeviceStore} describes: a local write
 * drops the entry at once and announces the change in the {@link ChangeLog}; another node's change
 * arrives through {@link #invalidate(String)}.
 *
 * @param <R> the cached row
 */
final class ChangeTrackedCache<R> {

    private final ChangeLog changes;
    private final ChangeLog.Entity entity;
    private final ReadCache<String, R> byId = new ReadCache<>(10_000);

    ChangeTrackedCache(ChangeLog changes, ChangeLog.Entity entity) {
        this.changes = Objects.requireNonNull(changes, "changes is null");
        this.entity = Objects.requireNonNull(entity, "entity is null");
    }

    /** The row, from the cache or loaded (only hits are kept). */
    Optional<R> find(String id, Function<String, Optional<R>> load) {
        return byId.get(id, load);
    }

    /** A local write: drop the entry and tell the other nodes. */
    void written(String id) {
        byId.invalidate(id);
        changes.append(entity, id);
    }

    /** Another node changed a row ({@code *} = all). */
    void invalidate(String id) {
        if ("*".equals(id)) {
            byId.invalidateAll();
        } else {
            byId.invalidate(id);
        }
    }
}
