package org.endpointmanager.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.endpointmanager.api.MacAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two nodes recording the same phones' files at the same moment (a boot storm behind a load
 * balancer): every batch is written, none is lost to a deadlock, and each file keeps one copy.
 */
class FetchCopiesRaceTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(Database.DbKind.class)
    void twoNodesWritingTheSameCopiesLoseNothing(Database.DbKind kind) throws Exception {
        try (TestDatabases.TestDatabase t = TestDatabases.open(kind)) {
            var jdbi = t.database().jdbi();
            List<MacAddress> macs = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                macs.add(MacAddress.parse(String.format("02e3a1%06x", i)));
            }
            Instant at = Instant.parse("2026-01-01T00:00:00Z");
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try (BatchingFetchStore a = new BatchingFetchStore(jdbi, kind, Duration.ofHours(1), 10_000);
                    BatchingFetchStore b = new BatchingFetchStore(jdbi, kind, Duration.ofHours(1), 10_000)) {
                for (int round = 0; round < 8; round++) {
                    List<MacAddress> reversed = new ArrayList<>(macs);
                    Collections.reverse(reversed);
                    fill(a, macs, at, round, "a");
                    fill(b, reversed, at, round, "b");
                    CountDownLatch go = new CountDownLatch(1);
                    Future<?> fa = pool.submit(() -> {
                        go.await();
                        a.flush();
                        return null;
                    });
                    Future<?> fb = pool.submit(() -> {
                        go.await();
                        b.flush();
                        return null;
                    });
                    go.countDown();
                    fa.get(); // a batch given up on would throw here
                    fb.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(2 * 8 * macs.size(), count(jdbi, "endpoint_fetches"), "every fetch recorded");
            assertEquals(macs.size(), count(jdbi, "endpoint_fetched_copies"), "one copy per phone's file");
        }
    }

    private static void fill(BatchingFetchStore store, List<MacAddress> macs, Instant at, int round, String node) {
        for (MacAddress mac : macs) {
            Instant when = at.plusSeconds(round);
            store.record(new FetchRecord(node + round + mac.hex(), mac, when, "192.0.2.7", Optional.of("UA"), "x.cfg",
                    "h" + round, Optional.empty(), "http"));
            // a different body each round, so no copy is skipped as unchanged
            store.keepCopy(new FetchedCopy(mac, "x.cfg", "h" + round + node, "body " + round + node, when));
        }
    }

    private static long count(org.jdbi.v3.core.Jdbi jdbi, String table) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
    }
}
