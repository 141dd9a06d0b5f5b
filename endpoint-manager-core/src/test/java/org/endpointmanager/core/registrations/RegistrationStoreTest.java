package org.endpointmanager.core.registrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.core.store.Database;
import org.endpointmanager.core.store.DatabaseTest;

/** V4 and the store on every database. */
class RegistrationStoreTest {

    private static final Instant T = Instant.parse("2026-03-26T08:00:00Z");

    private static RegistrationRow row(String contact, Instant at, Duration ttl, Optional<MacAddress> mac) {
        return new RegistrationRow("1001", contact, "192.0.2.20", 5062, "udp", Optional.of("ExamplePhone EP100 1 x"),
                new UaClassification(DeviceType.HARDWARE, Optional.empty(), Optional.of("ExamplePhone"),
                        Optional.of("EP100"), mac), at, at.plus(ttl));
    }

    @DatabaseTest
    void putReplacesEndKeepsTheRowAndPurgeDeletesOldOnes(Database db) {
        RegistrationStore store = new RegistrationStore(db.jdbi());
        String longContact = "sip:1001@192.0.2.20:5062;" + "p=".repeat(300);
        store.put(row(longContact, T, Duration.ofHours(1), Optional.of(MacAddress.parse("02e3a1000001"))));
        store.put(row(longContact, T.plusSeconds(60), Duration.ofHours(1), Optional.of(MacAddress.parse("02e3a1000001"))));
        store.put(row("sip:other@h", T, Duration.ofSeconds(30), Optional.empty()));

        List<RegistrationRow> all = store.all();
        assertEquals(2, all.size());
        assertEquals(longContact, all.get(0).contact(), "newest refresh first");
        assertEquals(T.plusSeconds(60), all.get(0).registeredAt());
        assertEquals(Optional.of(MacAddress.parse("02e3a1000001")), all.get(0).classification().mac());
        assertEquals(Optional.of("EP100"), all.get(0).classification().model());

        assertTrue(store.end("1001", longContact, T.plusSeconds(120)));
        assertFalse(store.end("1001", longContact, T.plusSeconds(130)), "already ended");
        assertFalse(store.all().get(0).liveAt(T.plusSeconds(121)));
        assertEquals(2, store.all().size(), "an ended binding stays as the last registration");

        assertEquals(1, store.purgeLapsedBefore(T.plusSeconds(100)));
        assertEquals(List.of(longContact), store.all().stream().map(RegistrationRow::contact).toList());
    }
}
