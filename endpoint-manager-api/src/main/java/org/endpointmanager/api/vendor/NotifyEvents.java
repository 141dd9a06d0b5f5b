package org.endpointmanager.api.vendor;

import java.util.Objects;

/**
 * The SIP NOTIFY {@code Event} header values a vendor's phones act on.
 *
 * @param resync makes the phone re-fetch its configuration without rebooting
 * @param reboot makes the phone reboot (and re-fetch at boot)
 */
public record NotifyEvents(String resync, String reboot) {
    /** The most common pair: {@code check-sync} and {@code check-sync;reboot=true}. */
    public static final NotifyEvents CHECK_SYNC = new NotifyEvents("check-sync", "check-sync;reboot=true");

    /** Rejects nulls and line breaks. */
    public NotifyEvents {
        Objects.requireNonNull(resync, "resync is null");
        Objects.requireNonNull(reboot, "reboot is null");
        if (resync.contains("\n") || reboot.contains("\n") || resync.contains("\r") || reboot.contains("\r")) {
            throw new IllegalArgumentException("event names must be one line");
        }
    }
}
