package org.endpointmanager.core.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Sites with lookups by id cached; see {@link CachingDeviceStore} for how they stay current. */
public final class CachingSiteStore implements SiteStore {

    private final SiteStore delegate;
    private final ChangeLog changes;
    private final ReadCache<String, SiteRecord> byId = new ReadCache<>(10_000);

    /** Wraps a store. */
    public CachingSiteStore(SiteStore delegate, ChangeLog changes) {
        this.delegate = Objects.requireNonNull(delegate, "delegate is null");
        this.changes = Objects.requireNonNull(changes, "changes is null");
    }

    @Override
    public List<SiteRecord> list() {
        return delegate.list();
    }

    @Override
    public Optional<SiteRecord> find(String id) {
        return byId.get(id, delegate::find);
    }

    @Override
    public SiteRecord insert(SiteRecord site) {
        SiteRecord s = delegate.insert(site);
        changed(s.id());
        return s;
    }

    @Override
    public SiteRecord update(SiteRecord site) {
        try {
            return delegate.update(site);
        } finally {
            changed(site.id());
        }
    }

    @Override
    public boolean delete(String id) {
        try {
            return delegate.delete(id);
        } finally {
            changed(id);
        }
    }

    private void changed(String id) {
        byId.invalidate(id);
        changes.append(ChangeLog.Entity.SITE, id);
    }

    /** Another node changed a site. */
    public void invalidate(String id) {
        if ("*".equals(id)) {
            byId.invalidateAll();
        } else {
            byId.invalidate(id);
        }
    }
}
