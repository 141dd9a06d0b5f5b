package org.endpointmanager.core.control;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.core.store.DeviceRecord;
import org.endpointmanager.core.store.DeviceStore;

/**
 * The phones a bulk request names: device ids or MACs in any spelling, each phone once (as its
 * MAC), names of no device kept as given so they become failed items.
 *
 * @param targets job item targets, in request order
 * @param unknown how many ids named no device
 */
public record FleetTargets(List<String> targets, int unknown) {

    /** Copies the list. */
    public FleetTargets {
        targets = List.copyOf(Objects.requireNonNull(targets, "targets is null"));
    }

    /** Resolves the ids against the device store. */
    public static FleetTargets resolve(DeviceStore devices, List<String> ids) {
        Set<String> out = new LinkedHashSet<>();
        int unknown = 0;
        for (String id : ids) {
            Optional<DeviceRecord> d = find(devices, id);
            if (d.isEmpty()) {
                unknown++;
            }
            out.add(d.map(r -> r.mac().colons()).orElse(id));
        }
        return new FleetTargets(new ArrayList<>(out), unknown);
    }

    /** The device an item target (a MAC) names, as it is now. */
    public static Optional<DeviceRecord> device(DeviceStore devices, String target) {
        return MacAddress.tryParse(target).flatMap(devices::findByMac);
    }

    private static Optional<DeviceRecord> find(DeviceStore devices, String id) {
        Optional<MacAddress> mac = MacAddress.tryParse(id);
        if (mac.isPresent()) {
            Optional<DeviceRecord> d = devices.findByMac(mac.get());
            if (d.isPresent()) {
                return d;
            }
        }
        return devices.findById(id);
    }
}
