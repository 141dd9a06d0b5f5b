package org.endpointmanager.core.discovery;

import java.util.Locale;
import java.util.Optional;

/** Where a phone was seen. The lowercase name is stored. */
public enum SightingSource {
    /** A SIP multicast Plug-and-Play SUBSCRIBE. */
    PNP,
    /** A provisioning request (HTTP or TFTP) for an unknown device. */
    PROVISIONING,
    /** A SIP registration from an unknown device. */
    REGISTRATION,
    /** An admin's HTTP discovery scan of a subnet (the phone's CGI answer). */
    SCAN;

    /** The stored name. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The source with this stored name. */
    public static Optional<SightingSource> fromId(String id) {
        for (SightingSource s : values()) {
            if (s.id().equals(id)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
