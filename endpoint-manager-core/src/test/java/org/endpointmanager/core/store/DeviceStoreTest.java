package org.endpointmanager.core.store;

import static org.endpointmanager.core.store.Fixtures.device;
import static org.endpointmanager.core.store.Fixtures.explicitLine;
import static org.endpointmanager.core.store.Fixtures.extensionLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.Secret;
import org.endpointmanager.core.store.Database.DbKind;

class DeviceStoreTest {

    @DatabaseTest
    void migrationsCreateTheDeviceTable(Database db, DbKind kind) {
        assertEquals(kind, db.kind());
        long rows = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM endpoint_devices")
                .mapTo(Long.class).one());
        assertEquals(0, rows);
        long applied = db.jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM endpoint_schema_history WHERE version = '1' AND success = "
                        + (kind == DbKind.POSTGRESQL ? "true" : "1"))
                .mapTo(Long.class).one());
        assertEquals(1, applied);
    }

    @DatabaseTest
    void deviceWithTwoLinesRoundTrips(Database db) {
        DeviceRecord d = device("80:5E:C0:12:34:56", "yealink", "T46S", "John's extension 1001",
                SiteRecord.DEFAULT_ID, List.of(extensionLine(2, "1002"), explicitLine(1, "1001", "s3cret-Pw!")));
        DeviceRecord inserted = db.devices().insert(d);

        DeviceRecord found = db.devices().findByMac(MacAddress.parse("805ec0123456")).orElseThrow();
        assertEquals(inserted, found);
        assertEquals(d.id(), found.id());
        assertEquals("John's extension 1001", found.label());
        assertEquals(Optional.of("192.0.2.10"), found.ipAddress());
        assertEquals(d.settingsJson(), found.settingsJson());
        assertEquals(d.rawParameters(), found.rawParameters());
        assertEquals(Fixtures.T0, found.createdAt());
        assertEquals(2, found.lines().size());
        assertEquals(explicitLine(1, "1001", "s3cret-Pw!"), found.lines().get(0), "lines come back in index order");
        assertEquals(Optional.of(Secret.of("s3cret-Pw!")), found.lines().get(0).password());
        assertEquals(extensionLine(2, "1002"), found.lines().get(1));
        assertEquals(Optional.of(found), db.devices().findById(d.id()));

        List<String> stored = db.jdbi().withHandle(h -> h.createQuery(
                "SELECT password_enc FROM endpoint_device_lines WHERE password_enc IS NOT NULL")
                .mapTo(String.class).list());
        assertEquals(1, stored.size());
        assertFalse(stored.get(0).contains("s3cret"), "the clear password must not be stored");
        assertTrue(stored.get(0).startsWith("v1:" + db.secrets().keyId() + ":"));
    }

    @DatabaseTest
    void updateReplacesDeviceAndLinesAndDeleteRemovesBoth(Database db) {
        DeviceRecord d = db.devices().insert(device("001565aabbcc", "yealink", "T54S", "Reception",
                SiteRecord.DEFAULT_ID, List.of(explicitLine(1, "1001", "a"), explicitLine(2, "1002", "b"))));
        DeviceRecord changed = new DeviceRecord(d.id(), d.mac(), "fanvil", "X4S", "Front desk", d.siteId(),
                Optional.empty(), Optional.empty(), "{}", "", List.of(explicitLine(3, "2001", "new-pw")),
                d.createdAt(), d.updatedAt());

        DeviceRecord updated = db.devices().update(changed);

        assertEquals("Front desk", updated.label());
        assertEquals("fanvil", updated.vendor());
        assertEquals(Optional.empty(), updated.ipAddress());
        assertEquals(List.of(explicitLine(3, "2001", "new-pw")), updated.lines());
        assertEquals(Fixtures.T0, updated.createdAt());
        assertTrue(updated.updatedAt().isAfter(Fixtures.T0), "update sets updatedAt");
        assertEquals(Optional.of(updated), db.devices().findByMac(d.mac()));

        assertTrue(db.devices().delete(d.mac()));
        assertEquals(Optional.empty(), db.devices().findById(d.id()));
        assertEquals(0L, lineRows(db));
        assertFalse(db.devices().delete(d.mac()));
    }

    @DatabaseTest
    void duplicateMacIsRefused(Database db) {
        DeviceRecord first = db.devices().insert(device("805ec0000001", "one"));
        DeviceRecord second = db.devices().insert(device("805ec0000002", "two"));

        StoreException e = assertThrows(StoreException.class,
                () -> db.devices().insert(device("80-5E-C0-00-00-01", "again")));
        assertEquals(StoreException.Kind.DUPLICATE, e.kind());

        StoreException onUpdate = assertThrows(StoreException.class,
                () -> db.devices().update(Fixtures.withMac(second, first.mac().hex())));
        assertEquals(StoreException.Kind.DUPLICATE, onUpdate.kind());
        assertEquals(2, db.devices().count(DeviceQuery.all()));
    }

    @DatabaseTest
    void updateOfMissingDeviceOrMissingSiteIsNotFound(Database db) {
        StoreException missing = assertThrows(StoreException.class,
                () -> db.devices().update(device("805ec0000003", "ghost")));
        assertEquals(StoreException.Kind.NOT_FOUND, missing.kind());

        StoreException noSite = assertThrows(StoreException.class, () -> db.devices().insert(
                device("805ec0000004", "yealink", "T46S", "x", "no-such-site", List.of())));
        assertEquals(StoreException.Kind.NOT_FOUND, noSite.kind());
        StoreException noTemplate = assertThrows(StoreException.class, () -> db.devices().insert(
                Fixtures.withTemplate(device("805ec0000005", "y"), Optional.of("no-such-template"))));
        assertEquals(StoreException.Kind.NOT_FOUND, noTemplate.kind());
        assertEquals(0, db.devices().count(DeviceQuery.all()));
    }

    @DatabaseTest
    void filtersPagingAndCount(Database db) {
        SiteRecord branch = db.sites().insert(Fixtures.site("Branch", List.of("10.1.0.0/16")));
        db.devices().insert(device("000000000005", "yealink", "T46S", "Alice", SiteRecord.DEFAULT_ID, List.of()));
        db.devices().insert(device("000000000003", "yealink", "T54S", "Bob", SiteRecord.DEFAULT_ID, List.of()));
        db.devices().insert(device("000000000001", "fanvil", "X4S", "Carol", branch.id(), List.of()));
        db.devices().insert(device("000000000004", "yealink", "T46S", "Dave at Branch", branch.id(), List.of()));
        db.devices().insert(device("0000000000ab", "snom", "D785", "Eve", SiteRecord.DEFAULT_ID, List.of()));

        assertEquals(List.of("000000000001", "000000000003", "000000000004", "000000000005", "0000000000ab"),
                macs(db.devices().list(DeviceQuery.all())), "ordered by MAC");
        assertEquals(List.of("000000000004", "000000000005"),
                macs(db.devices().list(query(Optional.of("t46"), Optional.empty(), Optional.empty(), 0, 10))),
                "search is a case-insensitive substring of the model");
        assertEquals(List.of("000000000004"),
                macs(db.devices().list(query(Optional.of("BRANCH"), Optional.empty(), Optional.empty(), 0, 10))),
                "search matches the label");
        assertEquals(List.of("0000000000ab"),
                macs(db.devices().list(query(Optional.of("0AB"), Optional.empty(), Optional.empty(), 0, 10))),
                "search matches the MAC");
        assertEquals(List.of("000000000003", "000000000004", "000000000005"),
                macs(db.devices().list(query(Optional.empty(), Optional.of("yealink"), Optional.empty(), 0, 10))));
        DeviceQuery byModel = new DeviceQuery(Optional.empty(), Optional.empty(), Optional.of("t46s"),
                Optional.empty(), 0, 10);
        assertEquals(List.of("000000000004", "000000000005"), macs(db.devices().list(byModel)));
        assertEquals(List.of("000000000001", "000000000004"),
                macs(db.devices().list(query(Optional.empty(), Optional.empty(), Optional.of(branch.id()), 0, 10))));

        DeviceQuery page = query(Optional.empty(), Optional.empty(), Optional.empty(), 1, 2);
        assertEquals(List.of("000000000003", "000000000004"), macs(db.devices().list(page)));
        assertEquals(5, db.devices().count(page), "count ignores the page");
        DeviceQuery yealinkPage = query(Optional.empty(), Optional.of("yealink"), Optional.empty(), 2, 2);
        assertEquals(List.of("000000000005"), macs(db.devices().list(yealinkPage)));
        assertEquals(3, db.devices().count(yealinkPage));
        assertEquals(2, db.devices().countBySite(branch.id()));
        assertEquals(3, db.devices().countBySite(SiteRecord.DEFAULT_ID));
    }

    @DatabaseTest
    void likeWildcardsInSearchAreLiteral(Database db) {
        db.devices().insert(device("000000000001", "50% off"));
        db.devices().insert(device("000000000002", "500 off"));
        db.devices().insert(device("000000000003", "a_b"));
        db.devices().insert(device("000000000004", "axb"));
        db.devices().insert(device("000000000005", "hey!"));
        db.devices().insert(device("000000000006", "back\\slash"));

        assertEquals(List.of("000000000001"), macs(db.devices().list(search("%"))));
        assertEquals(List.of("000000000001"), macs(db.devices().list(search("0% "))));
        assertEquals(List.of("000000000003"), macs(db.devices().list(search("a_b"))));
        assertEquals(List.of("000000000005"), macs(db.devices().list(search("!"))));
        assertEquals(List.of("000000000006"), macs(db.devices().list(search("k\\s"))));
        assertEquals(1, db.devices().count(search("_")));
    }

    @DatabaseTest
    void concurrentWritersAllSucceed(Database db) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<DeviceRecord>> work = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String mac = String.format("a0b0c0%06x", i);
                work.add(() -> db.devices().insert(device(mac, "yealink", "T46S", "phone " + mac,
                        SiteRecord.DEFAULT_ID, List.of(explicitLine(1, "u", "p")))));
            }
            for (Future<DeviceRecord> f : pool.invokeAll(work)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(40, db.devices().count(DeviceQuery.all()));
        assertEquals(40L, lineRows(db));
    }

    private static long lineRows(Database db) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM endpoint_device_lines")
                .mapTo(Long.class).one());
    }

    private static DeviceQuery search(String text) {
        return query(Optional.of(text), Optional.empty(), Optional.empty(), 0, 100);
    }

    private static DeviceQuery query(Optional<String> search, Optional<String> vendor, Optional<String> siteId,
            int offset, int limit) {
        return new DeviceQuery(search, vendor, Optional.empty(), siteId, offset, limit);
    }

    private static List<String> macs(List<DeviceRecord> devices) {
        return devices.stream().map(d -> d.mac().hex()).toList();
    }
}
