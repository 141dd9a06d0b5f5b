package org.endpointmanager.core.console;

import org.endpointmanager.api.host.Role;

/** What a console route needs, mapped to the least role that has it (DESIGN's permission table). */
public enum Permission {
    /** Read devices, sites, templates, firmware list, discovery, jobs, registrations (never secrets). */
    READ(Role.VIEWER),
    /** Device CRUD, credentials, templates, adopt, resync, reboot and factory reset of one phone. */
    MANAGE_DEVICES(Role.OPERATOR),
    /** Bulk operations, firmware upload/push, settings, sites, phonebook sources, scans. */
    ADMINISTER(Role.SITE_ADMIN),
    /** Read the audit log. */
    READ_AUDIT(Role.SITE_ADMIN);

    private final Role least;

    Permission(Role least) {
        this.least = least;
    }

    /** The least role that has this permission. */
    public Role leastRole() {
        return least;
    }
}
