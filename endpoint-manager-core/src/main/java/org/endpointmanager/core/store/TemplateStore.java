package org.endpointmanager.core.store;

import java.util.List;
import java.util.Optional;

/** Templates. */
public interface TemplateStore {
    /** All templates by name. */
    List<TemplateRecord> list();

    /** One template. */
    Optional<TemplateRecord> find(String id);

    /** Inserts; DUPLICATE when the name is taken. */
    TemplateRecord insert(TemplateRecord template);

    /** Replaces by id; NOT_FOUND or DUPLICATE. */
    TemplateRecord update(TemplateRecord template);

    /** Deletes; IN_USE when a device or site uses it. False when absent. */
    boolean delete(String id);
}
