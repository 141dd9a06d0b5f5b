package org.endpointmanager.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.endpointmanager.api.MacAddress;

class AuditAndFetchStoreTest {
    private static final Instant T = Fixtures.T0;

    @DatabaseTest
    void auditIsNewestFirstAndFiltered(Database db) {
        db.audit().append(entry("a1", 1, "alice", "device.create", "805ec0123456"));
        db.audit().append(entry("a2", 2, "bob", "device.update", "805ec0123456"));
        db.audit().append(entry("a3", 3, "alice", "site.create", "branch"));
        db.audit().append(entry("a4", 4, "system", "devices_bulk", "805ec0123456"));
        db.audit().append(entry("a5", 5, "alice", "device.delete", "001565aabbcc"));

        assertEquals(List.of("a5", "a4", "a3", "a2", "a1"), ids(list(db, none(), none(), none(), 0, 100)));
        assertEquals(List.of("a5", "a3", "a1"), ids(list(db, Optional.of("alice"), none(), none(), 0, 100)));
        assertEquals(List.of(), ids(list(db, Optional.of("ALICE"), none(), none(), 0, 100)), "actor is exact");
        assertEquals(List.of("a5", "a2", "a1"), ids(list(db, none(), Optional.of("device."), none(), 0, 100)),
                "action is a prefix");
        assertEquals(List.of(), ids(list(db, none(), Optional.of("device_"), none(), 0, 100)),
                "the prefix is literal: '_' is no wildcard");
        assertEquals(List.of("a4", "a2", "a1"), ids(list(db, none(), none(), Optional.of("805ec0123456"), 0, 100)));
        assertEquals(List.of("a1"),
                ids(list(db, Optional.of("alice"), Optional.of("device."), Optional.of("805ec0123456"), 0, 100)));
        assertEquals(List.of("a4", "a3"), ids(list(db, none(), none(), none(), 1, 2)));
        AuditEntry first = list(db, none(), none(), none(), 4, 1).get(0);
        assertEquals(entry("a1", 1, "alice", "device.create", "805ec0123456"), first);
    }

    @DatabaseTest
    void auditAndFetchesSurviveDeviceDeletion(Database db) {
        DeviceRecord d = db.devices().insert(Fixtures.device("805ec0123456", "x"));
        db.audit().append(entry("a1", 1, "alice", "device.create", d.mac().hex()));
        db.fetches().record(fetch("f1", d.mac(), 1, "y000000000028.cfg"));

        assertTrue(db.devices().delete(d.mac()));

        assertEquals(List.of("a1"), ids(list(db, none(), none(), Optional.of(d.mac().hex()), 0, 10)));
        assertEquals("f1", db.fetches().latest(d.mac()).orElseThrow().id());
    }

    @DatabaseTest
    void fetchLatestAndHistory(Database db) {
        MacAddress a = MacAddress.parse("805ec0000001");
        MacAddress b = MacAddress.parse("805ec0000002");
        assertEquals(Optional.empty(), db.fetches().latest(a));
        db.fetches().record(fetch("f1", a, 1, "y000000000028.cfg"));
        db.fetches().record(fetch("f3", a, 3, "805ec0000001.cfg"));
        db.fetches().record(fetch("f2", a, 2, "805ec0000001.cfg"));
        db.fetches().record(fetch("f4", b, 4, "805ec0000002.cfg"));
        FetchRecord bare = new FetchRecord("f5", b, T.plusSeconds(5), "192.0.2.21", Optional.empty(), "x.xml",
                "0".repeat(64), Optional.empty(), "tftp");
        db.fetches().record(bare);

        FetchRecord latest = db.fetches().latest(a).orElseThrow();
        assertEquals(fetch("f3", a, 3, "805ec0000001.cfg"), latest);
        assertEquals(List.of("f3", "f2"), db.fetches().history(a, 2).stream().map(FetchRecord::id).toList());
        assertEquals(List.of("f3", "f2", "f1"), db.fetches().history(a, 10).stream().map(FetchRecord::id).toList());
        assertEquals(Optional.of(bare), db.fetches().latest(b));
    }

    private static Optional<String> none() {
        return Optional.empty();
    }

    private static List<AuditEntry> list(Database db, Optional<String> actor, Optional<String> action,
            Optional<String> target, int offset, int limit) {
        return db.audit().list(actor, action, target, offset, limit);
    }

    private static AuditEntry entry(String id, int second, String actor, String action, String target) {
        return new AuditEntry(id, T.plusSeconds(second), actor, action, target, "{\"after\":{\"label\":\"x\"}}");
    }

    private static FetchRecord fetch(String id, MacAddress mac, int second, String file) {
        return new FetchRecord(id, mac, T.plusSeconds(second), "192.0.2.20",
                Optional.of("Yealink SIP-T46S 66.86.0.15 80:5e:c0:12:34:56"), file, "ab".repeat(32),
                Optional.of("66.86.0.15"), "http");
    }

    private static List<String> ids(List<AuditEntry> entries) {
        return entries.stream().map(AuditEntry::id).toList();
    }
}
