package org.endpointmanager.core.discovery;

import org.endpointmanager.testkit.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.core.discovery.DiscoveryService.Outcome;
import org.endpointmanager.core.store.Database;
import org.endpointmanager.core.store.DatabaseTest;
import org.endpointmanager.core.store.DeviceRecord;
import org.endpointmanager.core.store.SiteRecord;
import org.endpointmanager.core.vendor.VendorRegistry;
import org.endpointmanager.testkit.fixture.ExampleVendorPlugin;

/** Discovery's checks and caps on every database (the example vendor owns OUI 02e3a1). */
class DiscoveryServiceTest {

    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    private static DiscoveryService service(Database db, Clock clock, DiscoveryService.Limits limits) {
        db.jdbi().useHandle(h -> h.execute("DELETE FROM endpoint_discovery"));
        VendorRegistry vendors = new VendorRegistry();
        vendors.install(new ExampleVendorPlugin());
        return new DiscoveryService(new JdbiDiscoveryStore(db.jdbi()), vendors, db.devices(), clock, limits);
    }

    private static Sighting seen(String mac, String ip) throws Exception {
        return new Sighting(MacAddress.parse(mac), Optional.empty(), Optional.of("EP200"), Optional.of("1.2.3"),
                InetAddress.getByName(ip), SightingSource.PNP);
    }

    @DatabaseTest
    void recordsKnownOuiOnceAndCountsRepeats(Database db) throws Exception {
        DiscoveryService d = service(db, Clock.fixed(T0, ZoneOffset.UTC), DiscoveryService.Limits.defaults());
        assertEquals(Outcome.RECORDED, d.record(seen("02e3a1000001", "192.0.2.10")));
        Sighting later = new Sighting(MacAddress.parse("02e3a1000001"), Optional.empty(), Optional.empty(),
                Optional.of("bad firmware <x>"), InetAddress.getByName("192.0.2.11"), SightingSource.PROVISIONING);
        assertEquals(Outcome.RECORDED, d.record(later));
        DiscoveryRecord row = d.find(MacAddress.parse("02e3a1000001")).orElseThrow();
        assertEquals("example", row.vendor());
        assertEquals(Optional.of("EP200"), row.model(), "a sighting without a model keeps the known one");
        assertEquals(Optional.of("1.2.3"), row.firmware(), "unprintable firmware is not stored");
        assertEquals("192.0.2.11", row.ip());
        assertEquals(SightingSource.PROVISIONING, row.source());
        assertEquals(2, row.seenCount());
        assertEquals(1, d.count());
    }

    @DatabaseTest
    void refusesUnknownOuiMismatchedMacAndDevices(Database db) throws Exception {
        DiscoveryService d = service(db, Clock.fixed(T0, ZoneOffset.UTC), DiscoveryService.Limits.defaults());
        assertEquals(Outcome.UNKNOWN_OUI, d.record(seen("0a0b0c000001", "192.0.2.10")));
        Sighting lying = new Sighting(MacAddress.parse("02e3a1000002"), Optional.of(MacAddress.parse("02e3a1000003")),
                Optional.empty(), Optional.empty(), InetAddress.getByName("192.0.2.10"), SightingSource.PROVISIONING);
        assertEquals(Outcome.MAC_MISMATCH, d.record(lying));
        assertEquals(Outcome.MAC_MISMATCH, d.recordProvisioningMiss(MacAddress.parse("02e3a1000004"),
                Optional.of("ExamplePhone EP100 1.0 02e3a1000005"), InetAddress.getByName("192.0.2.10")));
        assertEquals(Outcome.RECORDED, d.recordProvisioningMiss(MacAddress.parse("02e3a1000006"),
                Optional.of("ExamplePhone EP100 1.0 02e3a1000006"), InetAddress.getByName("192.0.2.10")));
        assertEquals(Optional.of("EP100"), d.find(MacAddress.parse("02e3a1000006")).orElseThrow().model());
        MacAddress device = MacAddress.parse("02e3a1000007");
        db.devices().delete(device);
        db.devices().insert(new DeviceRecord("d-" + device.hex(), device, "example", "EP100", "", SiteRecord.DEFAULT_ID,
                Optional.empty(), Optional.empty(), "{}", "", List.of(), T0, T0));
        assertEquals(Outcome.KNOWN_DEVICE, d.record(seen(device.hex(), "192.0.2.10")));
        assertEquals(1, d.count());
    }

    @DatabaseTest
    void capsMacsPerSourcePerWindowAndRowsInTotal(Database db) throws Exception {
        MutableClock clock = new MutableClock(T0);
        DiscoveryService d = service(db, clock, new DiscoveryService.Limits(3, Duration.ofHours(1), 16, 5));
        for (int i = 1; i <= 3; i++) {
            assertEquals(Outcome.RECORDED, d.record(seen("02e3a10000a" + i, "192.0.2.66")));
        }
        assertEquals(Outcome.SOURCE_LIMIT, d.record(seen("02e3a10000a4", "192.0.2.66")));
        assertEquals(Outcome.RECORDED, d.record(seen("02e3a10000a1", "192.0.2.66")), "a known MAC is only updated");
        assertEquals(Outcome.RECORDED, d.record(seen("02e3a10000b1", "192.0.2.67")), "another source has its own window");
        clock.now = T0.plus(Duration.ofMinutes(61));
        assertEquals(Outcome.RECORDED, d.record(seen("02e3a10000a4", "192.0.2.66")), "the window has passed");
        assertEquals(5, d.count());
        assertEquals(Outcome.TABLE_FULL, d.record(seen("02e3a10000c1", "192.0.2.68")));
        assertEquals(Outcome.RECORDED, d.record(seen("02e3a10000b1", "192.0.2.67")), "updates pass the row cap");
        assertEquals(List.of("02e3a10000a4", "02e3a10000b1"), d.list(0, 2).stream().map(r -> r.mac().hex()).toList(),
                "most recently seen first, then by MAC");
        assertEquals(2, d.list(3, 10).size(), "paging");
        assertTrue(d.remove(MacAddress.parse("02e3a10000a1")));
        assertEquals(4, d.count());
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
