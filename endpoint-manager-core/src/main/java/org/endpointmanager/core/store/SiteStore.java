package org.endpointmanager.core.store;

import java.util.List;
import java.util.Optional;

/** Sites. The migration creates the {@link SiteRecord#DEFAULT_ID default} site. */
public interface SiteStore {
    /** All sites by name. */
    List<SiteRecord> list();

    /** One site. */
    Optional<SiteRecord> find(String id);

    /** Inserts; DUPLICATE when the name is taken. */
    SiteRecord insert(SiteRecord site);

    /** Replaces by id; NOT_FOUND or DUPLICATE. */
    SiteRecord update(SiteRecord site);

    /** Deletes; IN_USE when devices belong to it or it is the default site. False when absent. */
    boolean delete(String id);
}
