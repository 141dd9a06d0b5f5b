package org.endpointmanager.core.store;

import java.util.Objects;

/** A store operation that failed for a reason callers act on. */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why it failed. */
    public enum Kind {
        /** A unique key (MAC, site name, template name) is taken. */
        DUPLICATE,
        /** The row to change does not exist. */
        NOT_FOUND,
        /** The row is still referenced (a site with devices). */
        IN_USE
    }

    private final Kind kind;

    /** Creates the exception. */
    public StoreException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind is null");
    }

    /** Why it failed. */
    public Kind kind() {
        return kind;
    }
}
