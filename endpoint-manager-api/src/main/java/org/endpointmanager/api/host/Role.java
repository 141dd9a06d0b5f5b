package org.endpointmanager.api.host;

import java.util.Locale;

/** Console roles, each including the rights of those before it. */
public enum Role {
    /** Reads devices, sites, templates, firmware, discovery, jobs and registrations; never secrets. */
    VIEWER,
    /** Also manages single devices: CRUD, credentials, templates, adopt, resync, reboot, reset. */
    OPERATOR,
    /** Also bulk operations, firmware, settings, sites, phonebook sources, scans and the audit log. */
    SITE_ADMIN;

    /** True when this role has at least the rights of {@code other}. */
    public boolean atLeast(Role other) {
        return ordinal() >= other.ordinal();
    }

    /** The config spelling: {@code viewer}, {@code operator}, {@code site_admin}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code viewer}, {@code operator} or {@code site_admin}. */
    public static Role parse(String text) {
        for (Role r : values()) {
            if (r.configName().equals(text)) {
                return r;
            }
        }
        throw new IllegalArgumentException("role must be one of viewer, operator, site_admin");
    }
}
