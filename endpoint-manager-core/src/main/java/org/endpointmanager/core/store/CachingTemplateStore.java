package org.endpointmanager.core.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Templates with lookups by id cached; see {@link CachingDeviceStore} for how they stay current. */
public final class CachingTemplateStore implements TemplateStore {

    private final TemplateStore delegate;
    private final ChangeLog changes;
    private final ReadCache<String, TemplateRecord> byId = new ReadCache<>(10_000);

    /** Wraps a store. */
    public CachingTemplateStore(TemplateStore delegate, ChangeLog changes) {
        this.delegate = Objects.requireNonNull(delegate, "delegate is null");
        this.changes = Objects.requireNonNull(changes, "changes is null");
    }

    @Override
    public List<TemplateRecord> list() {
        return delegate.list();
    }

    @Override
    public Optional<TemplateRecord> find(String id) {
        return byId.get(id, delegate::find);
    }

    @Override
    public TemplateRecord insert(TemplateRecord template) {
        TemplateRecord s = delegate.insert(template);
        changed(s.id());
        return s;
    }

    @Override
    public TemplateRecord update(TemplateRecord template) {
        try {
            return delegate.update(template);
        } finally {
            changed(template.id());
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
        changes.append(ChangeLog.Entity.TEMPLATE, id);
    }

    /** Another node changed a template. */
    public void invalidate(String id) {
        if ("*".equals(id)) {
            byId.invalidateAll();
        } else {
            byId.invalidate(id);
        }
    }
}
