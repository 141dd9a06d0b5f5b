package org.endpointmanager.core.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Templates with lookups by id cached through a {@link ChangeTrackedCache}. */
public final class CachingTemplateStore implements TemplateStore {

    private final TemplateStore delegate;
    private final ChangeTrackedCache<TemplateRecord> cache;

    /** Wraps a store. */
    public CachingTemplateStore(TemplateStore delegate, ChangeLog changes) {
        this.delegate = Objects.requireNonNull(delegate, "delegate is null");
        this.cache = new ChangeTrackedCache<>(changes, ChangeLog.Entity.TEMPLATE);
    }

    @Override
    public List<TemplateRecord> list() {
        return delegate.list();
    }

    @Override
    public Optional<TemplateRecord> find(String id) {
        return cache.find(id, delegate::find);
    }

    @Override
    public TemplateRecord insert(TemplateRecord template) {
        TemplateRecord inserted = delegate.insert(template);
        cache.written(inserted.id());
        return inserted;
    }

    @Override
    public TemplateRecord update(TemplateRecord template) {
        try {
            return delegate.update(template);
        } finally {
            cache.written(template.id());
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

    /** Another node changed one of the templates ({@code *} = all). */
    public void invalidate(String id) {
        cache.invalidate(id);
    }
}
