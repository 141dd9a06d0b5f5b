package org.endpointmanager.core.binding;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.endpointmanager.api.MacAddress;
import org.jdbi.v3.core.Jdbi;

/**
 * Which phones fetched provisioning files from an address recently ({@code endpoint_fetches},
 * indexed on source address and time by migration V4). Only provisioned phones leave fetch
 * records, so this identifies a known phone whose User-Agent carries no MAC.
 */
final class RecentFetches {

    private final Jdbi jdbi;
    private final Runnable flushQueued;

    RecentFetches(Jdbi jdbi, Runnable flushQueued) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi is null");
        this.flushQueued = Objects.requireNonNull(flushQueued, "flushQueued is null");
    }

    /** The distinct MACs that fetched from {@code sourceIp} since {@code since}; at most three are read. */
    List<MacAddress> macsFrom(String sourceIp, Instant since) {
        flushQueued.run(); // fetch records are written in batches: the newest may still be queued
        return jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT mac FROM endpoint_fetches "
                        // a record stands for a run of fetches: it counts when its last one is recent
                        + "WHERE source_ip = :ip AND COALESCE(last_at, at) >= :since ORDER BY mac LIMIT 3")
                .bind("ip", sourceIp)
                .bind("since", since.toEpochMilli())
                .map((rs, ctx) -> new MacAddress(rs.getString("mac").strip()))
                .list());
    }
}
