package org.endpointmanager.core.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Sites with lookups by id cached through a {@link ChangeTrackedCache}. */
public final class CachingSiteStore implements SiteStore {

    private final SiteStore delegate;
    private final ChangeTrackedCache<SiteRecord> cache;

    /** Wraps a store. */
    public CachingSiteStore(SiteStore delegate, ChangeLog changes) {
        this.delegate = Objects.requireNonNull(delegate, "delegate is null");
        this.cache = new ChangeTrackedCache<>(changes, ChangeLog.Entity.SITE);
    }

    @Override
    public List<SiteRecord> list() {
        return delegate.list();
    }

    @Override
    public Optional<SiteRecord> find(String id) {
        return cache.find(id, delegate::find);
    }

    @Override
    public SiteRecord insert(SiteRecord site) {
        SiteRecord inserted = delegate.insert(site);
        cache.written(inserted.id());
        return inserted;
    }

    @Override
    public SiteRecord update(SiteRecord site) {
        try {
            return delegate.update(site);
        } finally {
            cache.written(site.id());
        }
    }

    @Override
    public boolean delete(String id) {
        try {
            return delegate.delete(id);
        } finally {
            cache.written(id);
        }
    }

    /** Another node changed one of the sites ({@code *} = all). */
    public void invalidate(String id) {
        cache.invalidate(id);
    }
}
