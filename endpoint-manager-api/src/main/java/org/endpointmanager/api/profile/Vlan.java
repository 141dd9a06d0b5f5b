package org.endpointmanager.api.profile;

/**
 * 802.1Q tagging for the phone's own traffic.
 *
 * @param id VLAN id 1..4094
 * @param priority 802.1p priority 0..7
 */
public record Vlan(int id, int priority) {
    /** Validates ranges. */
    public Vlan {
        if (id < 1 || id > 4094) {
            throw new IllegalArgumentException("vlan id must be 1..4094");
        }
        if (priority < 0 || priority > 7) {
            throw new IllegalArgumentException("vlan priority must be 0..7");
        }
    }
}
