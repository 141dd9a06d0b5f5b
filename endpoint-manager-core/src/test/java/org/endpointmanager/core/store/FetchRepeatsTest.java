package org.endpointmanager.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.endpointmanager.api.MacAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A phone asking again for the same file and getting the same bytes repeats its fetch: one record
 * counts the run, reads see the count at once, the database gets it by an update, and anything that
 * differs (bytes, address, User-Agent, a pause, a long run) starts a new record.
 */
class FetchRepeatsTest {

    private static final MacAddress MAC = MacAddress.parse("805ec0000042");
    private static final Instant T = Instant.parse("2026-12-07T10:00:00Z");

    private static FetchRecord fetch(String id, long second, String hash, String ip, String ua) {
        return new FetchRecord(id, MAC, T.plusSeconds(second), ip, Optional.of(ua), "805ec0000042.cfg", hash,
                Optional.of("66.86.0.15"), "http");
    }

    private static FetchRecord fetch(String id, long second) {
        return fetch(id, second, "h1", "192.0.2.50", "Yealink SIP-T46S 66.86.0.15 80:5e:c0:00:00:42");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Database.DbKind.class)
    void repeatsAreCountedOnOneRecordAndReachTheDatabase(Database.DbKind kind) {
        try (TestDatabases.TestDatabase t = TestDatabases.open(kind)) {
            var jdbi = t.database().jdbi();
            try (BatchingFetchStore store = new BatchingFetchStore(jdbi, kind, Duration.ofHours(1), 1_000);
                    BatchingFetchStore other = new BatchingFetchStore(jdbi, kind, Duration.ofHours(1), 1_000)) {
                store.record(fetch("first", 0));
                store.record(fetch("second", 20));
                store.record(fetch("third", 70)); // 50 s after the previous: still the run
                FetchRecord run = store.latest(MAC).orElseThrow();
                assertEquals("first", run.id(), "read through before anything is written");
                assertEquals(3, run.repeats());
                assertEquals(T, run.firstAt());
                assertEquals(T.plusSeconds(70), run.at(), "at is the last fetch of the run");
                assertEquals(2, store.repeats());

                store.flush();
                assertEquals(1, count(jdbi), "one row for the run");
                assertEquals(List.of(3), other.history(MAC, 10).stream().map(FetchRecord::repeats).toList(),
                        "another node reads the count and both times");
                assertEquals(T.plusSeconds(70), other.latest(MAC).orElseThrow().at());
                assertEquals(T, other.latest(MAC).orElseThrow().firstAt());

                store.record(fetch("fourth", 100)); // after the row is written: counted, then updated
                assertEquals(4, store.latest(MAC).orElseThrow().repeats(), "this node sees it at once");
                store.flush();
                assertEquals(4, other.latest(MAC).orElseThrow().repeats(), "the update reached the database");
                assertEquals(T.plusSeconds(100), other.latest(MAC).orElseThrow().at());
                assertEquals(1, count(jdbi));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Database.DbKind.class)
    void anythingThatDiffersStartsANewRecord(Database.DbKind kind) {
        try (TestDatabases.TestDatabase t = TestDatabases.open(kind)) {
            var jdbi = t.database().jdbi();
            try (BatchingFetchStore store = new BatchingFetchStore(jdbi, kind, Duration.ofHours(1), 1_000)) {
                String ua = "Yealink SIP-T46S 66.86.0.15 80:5e:c0:00:00:42";
                store.record(fetch("a", 0));
                store.record(fetch("b", 1, "h2", "192.0.2.50", ua)); // new bytes
                store.record(fetch("c", 2, "h2", "192.0.2.51", ua)); // another address
                store.record(fetch("d", 3, "h2", "192.0.2.51", ua + " x")); // another User-Agent
                store.record(fetch("e", 64, "h2", "192.0.2.51", ua + " x")); // a pause over a minute
                long s = 64;
                while (s < 64 + 11 * 60) { // asking every 50 s for eleven minutes: two runs
                    s += 50;
                    store.record(fetch("r" + s, s, "h2", "192.0.2.51", ua + " x"));
                }
                store.flush();
                List<FetchRecord> history = store.history(MAC, 50);
                assertEquals(List.of("r714", "e", "d", "c", "b", "a"), history.stream().map(FetchRecord::id).toList());
                assertEquals(6, count(jdbi), "six rows for nineteen fetches");
                FetchRecord longRun = history.get(1);
                assertEquals(T.plusSeconds(64), longRun.firstAt());
                assertEquals(T.plusSeconds(664), longRun.at());
                assertEquals(13, longRun.repeats(), "a run lasts at most ten minutes");
                assertEquals(2, history.get(0).repeats());
                assertEquals(19, history.stream().mapToInt(FetchRecord::repeats).sum(), "every fetch is counted once");
            }
        }
    }

    @org.junit.jupiter.api.Test
    void aRecordRejectsImpossibleCounts() {
        assertThrows(IllegalArgumentException.class, () -> new FetchRecord("x", MAC, T, "192.0.2.1", Optional.empty(),
                "f", "h", Optional.empty(), "http", T, 0));
        assertThrows(IllegalArgumentException.class, () -> new FetchRecord("x", MAC, T, "192.0.2.1", Optional.empty(),
                "f", "h", Optional.empty(), "http", T.plusSeconds(1), 2));
    }

    private static long count(org.jdbi.v3.core.Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM endpoint_fetches").mapTo(Long.class).one());
    }
}
