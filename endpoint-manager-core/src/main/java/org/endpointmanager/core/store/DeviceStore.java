package org.endpointmanager.core.store;

import java.util.List;
import java.util.Optional;
import org.endpointmanager.api.MacAddress;

/** Devices and their lines. Writes are transactional: a device and its lines change together. */
public interface DeviceStore {

    /** A page of devices, ordered by MAC. */
    List<DeviceRecord> list(DeviceQuery query);

    /** How many devices match the query's filters (ignoring the page). */
    long count(DeviceQuery query);

    /** The device with this MAC. */
    Optional<DeviceRecord> findByMac(MacAddress mac);

    /** The device with this id. */
    Optional<DeviceRecord> findById(String id);

    /**
     * Inserts a device and its lines.
     *
     * @throws StoreException with {@link StoreException.Kind#DUPLICATE} when the MAC exists
     */
    DeviceRecord insert(DeviceRecord device);

    /**
     * Replaces a device (found by id) and its lines; sets {@code updatedAt}.
     *
     * @throws StoreException with {@link StoreException.Kind#NOT_FOUND} or {@link
     *     StoreException.Kind#DUPLICATE} (the new MAC belongs to another device)
     */
    DeviceRecord update(DeviceRecord device);

    /** Deletes a device and its lines; false when there was none. */
    boolean delete(MacAddress mac);

    /** How many devices belong to a site. */
    long countBySite(String siteId);
}
