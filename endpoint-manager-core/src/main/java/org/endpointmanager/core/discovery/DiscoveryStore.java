package org.endpointmanager.core.discovery;

import java.util.List;
import java.util.Optional;
import org.endpointmanager.api.MacAddress;

/** The {@code endpoint_discovery} table. */
public interface DiscoveryStore {
    /**
     * Inserts a sighting, or on an existing MAC updates vendor, model/firmware (kept when the new
     * one has none), ip, source and last_seen, and adds one to seen_count.
     *
     * @return the row as stored
     */
    DiscoveryRecord upsert(DiscoveryRecord sighting);

    /** The row of a MAC. */
    Optional<DiscoveryRecord> find(MacAddress mac);

    /** A page, most recently seen first. */
    List<DiscoveryRecord> list(int offset, int limit);

    /** Number of rows. */
    long count();

    /** Removes a row; false when there was none. */
    boolean delete(MacAddress mac);
}
