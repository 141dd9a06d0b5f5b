package org.endpointmanager.core.binding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.core.store.Database;
import org.endpointmanager.core.store.FetchRecord;
import org.endpointmanager.core.store.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A record that stands for a run of fetches counts as recent when its last fetch is. */
class RecentFetchesTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(Database.DbKind.class)
    void aRunCountsByItsLastFetch(Database.DbKind kind) {
        try (TestDatabases.TestDatabase t = TestDatabases.open(kind)) {
            Database db = t.database();
            MacAddress running = MacAddress.parse("805ec0000051");
            MacAddress old = MacAddress.parse("805ec0000052");
            Instant start = Instant.parse("2026-12-07T10:00:00Z");
            for (int s = 0; s <= 300; s += 30) { // asked every 30 s for five minutes: one record
                db.fetches().record(new FetchRecord("r" + s, running, start.plusSeconds(s), "192.0.2.60",
                        Optional.empty(), "805ec0000051.cfg", "h", Optional.empty(), "http"));
            }
            db.fetches().record(new FetchRecord("o", old, start, "192.0.2.60", Optional.empty(), "805ec0000052.cfg",
                    "h", Optional.empty(), "http"));
            RecentFetches recent = new RecentFetches(db.jdbi(), db.fetches()::flush);
            assertEquals(List.of(running), recent.macsFrom("192.0.2.60", start.plusSeconds(240)));
            assertEquals(List.of(running, old), recent.macsFrom("192.0.2.60", start));
        }
    }
}
