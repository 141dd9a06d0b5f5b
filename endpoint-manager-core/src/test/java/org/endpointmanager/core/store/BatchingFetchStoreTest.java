package org.endpointmanager.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.endpointmanager.api.MacAddress;
import org.junit.jupiter.api.Test;

/** Records wait in the queue, yet every read sees them; close writes them. */
class BatchingFetchStoreTest {

    private static final MacAddress MAC = MacAddress.parse("02e3a1000099");

    @Test
    void queuedRecordsAreReadThroughAndWrittenInOneBatch() {
        try (TestDatabases.TestDatabase t = TestDatabases.open(Database.DbKind.SQLITE)) {
            var jdbi = t.database().jdbi();
            // an hour between flushes: only reads through the queue and explicit flushes can see them
            BatchingFetchStore store = new BatchingFetchStore(jdbi, Database.DbKind.SQLITE, Duration.ofHours(1), 1_000);
            Instant at = Instant.parse("2026-01-01T00:00:00Z");
            for (int i = 0; i < 3; i++) {
                store.record(new FetchRecord("f" + i, MAC, at.plusSeconds(i), "192.0.2.7", Optional.of("UA"), "x.cfg",
                        "h" + i, Optional.empty(), "http"));
            }
            store.keepCopy(new FetchedCopy(MAC, "x.cfg", "h1", "old", at));
            store.keepCopy(new FetchedCopy(MAC, "x.cfg", "h2", "new", at.plusSeconds(2)));

            assertEquals(0, count(jdbi, "endpoint_fetches"), "nothing written yet");
            assertEquals("f2", store.latest(MAC).orElseThrow().id());
            assertEquals(List.of("f2", "f1"), store.history(MAC, 2).stream().map(FetchRecord::id).toList());
            assertEquals("new", store.copy(MAC, "x.cfg").orElseThrow().maskedBody());

            store.flush();
            assertEquals(3, count(jdbi, "endpoint_fetches"));
            assertEquals(1, count(jdbi, "endpoint_fetched_copies"), "only the newest copy is kept");
            assertEquals(List.of("f2", "f1", "f0"), store.history(MAC, 10).stream().map(FetchRecord::id).toList(),
                    "no record twice once written");
            store.record(new FetchRecord("f3", MAC, at.plusSeconds(3), "192.0.2.7", Optional.empty(), "x.cfg", "h3",
                    Optional.empty(), "http"));
            store.close();
            assertEquals(4, count(jdbi, "endpoint_fetches"), "close writes what is queued");
            assertTrue(store.batches() >= 2);
        }
    }

    @Test
    void anUnchangedCopyIsNotWrittenAgainButAChangedOneIs() {
        try (TestDatabases.TestDatabase t = TestDatabases.open(Database.DbKind.SQLITE)) {
            var jdbi = t.database().jdbi();
            BatchingFetchStore store = new BatchingFetchStore(jdbi, Database.DbKind.SQLITE, Duration.ofHours(1), 1_000);
            Instant at = Instant.parse("2026-01-01T00:00:00Z");
            store.keepCopy(new FetchedCopy(MAC, "x.cfg", "h1", "one", at));
            store.keepCopy(new FetchedCopy(MAC, "x.cfg", "h1", "one", at.plusSeconds(1)));
            assertEquals(0, store.copiesSkipped(), "a queued copy is replaced, never skipped");
            store.flush();
            store.keepCopy(new FetchedCopy(MAC, "x.cfg", "h1", "one", at.plusSeconds(2)));
            assertEquals(1, store.copiesSkipped(), "the database already holds this body");
            store.flush();
            assertEquals(at.plusSeconds(1), store.copy(MAC, "x.cfg").orElseThrow().at());

            store.keepCopy(new FetchedCopy(MAC, "x.cfg", "h2", "two", at.plusSeconds(3)));
            store.flush();
            assertEquals("two", store.copy(MAC, "x.cfg").orElseThrow().maskedBody());
            store.keepCopy(new FetchedCopy(MAC, "x.cfg", "h1", "one", at.plusSeconds(4)));
            store.flush();
            assertEquals("one", store.copy(MAC, "x.cfg").orElseThrow().maskedBody(), "back to what the phone got");

            Instant later = at.plusSeconds(4).plus(BatchingFetchStore.COPY_REFRESH);
            store.keepCopy(new FetchedCopy(MAC, "x.cfg", "h1", "one", later));
            store.flush();
            assertEquals(later, store.copy(MAC, "x.cfg").orElseThrow().at(), "rewritten once the refresh is due");
            assertEquals(1, store.copiesSkipped());
            assertEquals(1, count(jdbi, "endpoint_fetched_copies"));
            store.close();
        }
    }

    @Test
    void theNewestFetchIsKnownFromMemoryAndFromTheDatabaseOnAMiss() {
        try (TestDatabases.TestDatabase t = TestDatabases.open(Database.DbKind.SQLITE)) {
            var jdbi = t.database().jdbi();
            Instant at = Instant.parse("2026-01-01T00:00:00Z");
            // another node recorded a fetch: this node has never seen the phone and asks the database once
            try (BatchingFetchStore other = new BatchingFetchStore(jdbi, Database.DbKind.SQLITE, Duration.ofHours(1), 1_000)) {
                other.record(new FetchRecord("elsewhere", MAC, at, "192.0.2.7", Optional.of("UA hw 1"), "x.cfg", "h0",
                        Optional.empty(), "http"));
            }
            BatchingFetchStore store = new BatchingFetchStore(jdbi, Database.DbKind.SQLITE, Duration.ofHours(1), 1_000);
            assertEquals("elsewhere", store.latestSeen(MAC).orElseThrow().id());
            assertTrue(store.latestSeen(MacAddress.parse("02e3a1000098")).isEmpty());

            store.record(new FetchRecord("here", MAC, at.plusSeconds(5), "192.0.2.7", Optional.of("UA hw 2"), "x.cfg",
                    "h1", Optional.empty(), "http"));
            assertEquals("here", store.latestSeen(MAC).orElseThrow().id(), "a recorded fetch is known at once");
            store.record(new FetchRecord("late", MAC, at.plusSeconds(1), "192.0.2.7", Optional.of("UA hw 3"), "x.cfg",
                    "h2", Optional.empty(), "http"));
            assertEquals("here", store.latestSeen(MAC).orElseThrow().id(), "an older record does not replace a newer one");
            store.close();
        }
    }

    private static long count(org.jdbi.v3.core.Jdbi jdbi, String table) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
    }
}
