package org.endpointmanager.core.store;

import java.util.List;
import java.util.Optional;
import org.endpointmanager.api.MacAddress;

/** Fetch records ({@code endpoint_fetches}). Not deleted with the device. */
public interface FetchStore {
    /** Records one fetch. */
    void record(FetchRecord fetch);

    /** The newest fetch of a MAC. */
    Optional<FetchRecord> latest(MacAddress mac);

    /**
     * The newest fetch this node knows of, for facts that do not change from one fetch to the next
     * (a phone's hardware revision): a store may answer from memory, so a fetch recorded on another
     * node since may not be seen. The default asks {@link #latest}.
     */
    default Optional<FetchRecord> latestSeen(MacAddress mac) {
        return latest(mac);
    }

    /** Newest first. */
    List<FetchRecord> history(MacAddress mac, int limit);

    /** Keeps the masked copy of a served file, replacing the previous copy of that file. */
    void keepCopy(FetchedCopy copy);

    /**
     * Writes records still queued (a store that batches its writes); code that reads
     * {@code endpoint_fetches} with its own SQL calls this first.
     */
    default void flush() {
    }

    /** The last masked copy of a file served to a phone. */
    Optional<FetchedCopy> copy(MacAddress mac, String fileName);
}
