package org.endpointmanager.core.sip;

import org.endpointmanager.api.vendor.NotifyEvents;

/** What a NOTIFY asks the phone to do; the Event header comes from the phone's vendor. */
public enum NotifyAction {
    /** Re-fetch the configuration without rebooting. */
    RESYNC("resync"),
    /** Reboot (and fetch at boot). */
    REBOOT("reboot");

    private final String kind;

    NotifyAction(String kind) {
        this.kind = kind;
    }

    /** The job kind and the word used in routes and logs: {@code resync} or {@code reboot}. */
    public String kind() {
        return kind;
    }

    /** The Event header value for a vendor. */
    public String event(NotifyEvents events) {
        return this == RESYNC ? events.resync() : events.reboot();
    }

    /** The action for a job kind, if it is one. */
    public static java.util.Optional<NotifyAction> ofKind(String kind) {
        for (NotifyAction a : values()) {
            if (a.kind.equals(kind)) {
                return java.util.Optional.of(a);
            }
        }
        return java.util.Optional.empty();
    }
}
