package org.endpointmanager.core.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.endpointmanager.core.store.Database;
import org.endpointmanager.core.store.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The firmware a phone is offered: the most specific row for its model and hardware revision; the
 * revision (which can mean parsing the phone's last User-Agent) is asked for only when some row of
 * the vendor names one.
 */
class FirmwareSelectionTest {

    @TempDir
    Path dir;

    private static FirmwareRecord row(String id, Optional<String> model, Optional<String> hw) {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        return new FirmwareRecord(id, "example", model, "1." + id, hw, "", id + ".bin", id + ".bin", 1, "00".repeat(32),
                at, at);
    }

    @Test
    void theRevisionIsAskedForOnlyWhenARowNamesOne() {
        try (TestDatabases.TestDatabase t = TestDatabases.open(Database.DbKind.SQLITE)) {
            FirmwareStore store = new FirmwareStore(t.database().jdbi());
            FirmwareRepository repo = new FirmwareRepository(store, dir, new FirmwareRepository.Limits(1 << 20, 1 << 24),
                    v -> Optional.of(Set.of("bin")), Clock.systemUTC());
            AtomicInteger asked = new AtomicInteger();
            Supplier<Optional<String>> hwA = () -> {
                asked.incrementAndGet();
                return Optional.of("A");
            };

            assertEquals(Optional.empty(), repo.select("example", Optional.of("EP200"), hwA), "no rows: nothing");
            assertEquals(0, asked.get(), "no rows: the revision is not looked up");

            store.insert(row("any", Optional.empty(), Optional.empty()));
            store.insert(row("ep200", Optional.of("EP200"), Optional.empty()));
            assertEquals("ep200", repo.select("example", Optional.of("EP200"), hwA).orElseThrow().id());
            assertEquals("any", repo.select("example", Optional.of("EP300"), hwA).orElseThrow().id());
            assertEquals(0, asked.get(), "no row names a revision: it is not looked up");

            store.insert(row("ep200-a", Optional.of("EP200"), Optional.of("A")));
            assertEquals("ep200-a", repo.select("example", Optional.of("EP200"), hwA).orElseThrow().id());
            assertEquals(1, asked.get());
            assertEquals("ep200", repo.select("example", Optional.of("EP200"), () -> Optional.of("B")).orElseThrow().id());
            assertEquals("ep200", repo.select("example", Optional.of("EP200"), Optional::empty).orElseThrow().id());
            assertEquals(repo.select("example", Optional.of("EP200"), Optional.of("A")),
                    repo.select("example", Optional.of("EP200"), hwA), "the same choice as with the revision given");
        }
    }
}
