package org.endpointmanager.core.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.endpointmanager.api.MacAddress;

/**
 * Devices with their MAC lookups cached (every provisioning request asks several times). Writes
 * through this store drop the cached row at once and tell the other nodes through the change log;
 * the other nodes drop theirs when they poll it ({@link #invalidate}).
 */
public final class CachingDeviceStore implements DeviceStore {

    private final DeviceStore delegate;
    private final ChangeLog changes;
    private final ReadCache<MacAddress, DeviceRecord> byMac;

    /** Wraps a store; at most {@code maxCached} devices are kept. */
    public CachingDeviceStore(DeviceStore delegate, ChangeLog changes, int maxCached) {
        this.delegate = Objects.requireNonNull(delegate, "delegate is null");
        this.changes = Objects.requireNonNull(changes, "changes is null");
        this.byMac = new ReadCache<>(maxCached);
    }

    @Override
    public List<DeviceRecord> list(DeviceQuery query) {
        return delegate.list(query);
    }

    @Override
    public long count(DeviceQuery query) {
        return delegate.count(query);
    }

    @Override
    public Optional<DeviceRecord> findByMac(MacAddress mac) {
        return byMac.get(mac, delegate::findByMac);
    }

    @Override
    public Optional<DeviceRecord> findById(String id) {
        return delegate.findById(id);
    }

    @Override
    public DeviceRecord insert(DeviceRecord device) {
        DeviceRecord d = delegate.insert(device);
        changed(d.mac());
        return d;
    }

    @Override
    public DeviceRecord update(DeviceRecord device) {
        Optional<MacAddress> before = delegate.findById(device.id()).map(DeviceRecord::mac);
        try {
            return delegate.update(device);
        } finally {
            before.filter(m -> !m.equals(device.mac())).ifPresent(this::changed);
            changed(device.mac());
        }
    }

    @Override
    public boolean delete(MacAddress mac) {
        try {
            return delegate.delete(mac);
        } finally {
            changed(mac);
        }
    }

    @Override
    public long countBySite(String siteId) {
        return delegate.countBySite(siteId);
    }

    private void changed(MacAddress mac) {
        byMac.invalidate(mac);
        changes.append(ChangeLog.Entity.DEVICE, mac.hex());
    }

    /** Another node changed a device ({@code *}: any device). */
    public void invalidate(String macHexOrStar) {
        if ("*".equals(macHexOrStar)) {
            byMac.invalidateAll();
            return;
        }
        MacAddress.tryParse(macHexOrStar).ifPresentOrElse(byMac::invalidate, byMac::invalidateAll);
    }

    /** Lookups answered from memory. */
    public long hits() {
        return byMac.hits();
    }

    /** Lookups that went to the database. */
    public long misses() {
        return byMac.misses();
    }
}
