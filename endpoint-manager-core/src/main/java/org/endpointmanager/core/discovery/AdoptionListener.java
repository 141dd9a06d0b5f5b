package org.endpointmanager.core.discovery;

import org.endpointmanager.api.MacAddress;

/**
 * Told when a discovered phone became a device, so the phone can be asked to re-fetch at once
 * (the engine wires this to the SIP NOTIFY service: a resync). Must not throw; a failure to reach
 * the phone is the listener's to log.
 */
@FunctionalInterface
public interface AdoptionListener {
    /** The phone with this MAC was adopted. */
    void adopted(MacAddress mac);

    /** A listener that does nothing. */
    static AdoptionListener none() {
        return mac -> { };
    }
}
