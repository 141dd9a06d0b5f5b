package org.endpointmanager.core.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.Secret;
import org.endpointmanager.core.store.Database;
import org.endpointmanager.core.store.DatabaseTest;
import org.endpointmanager.core.store.DeviceRecord;
import org.endpointmanager.core.store.SiteRecord;

/** Migration V7 and the control store on every database. */
class ControlStoreTest {

    private static final Instant T = Instant.parse("2024-05-01T10:00:00.123Z");

    private static DeviceRecord device(Database db, String mac) {
        return db.devices().insert(new DeviceRecord(java.util.UUID.randomUUID().toString(), MacAddress.parse(mac),
                "grandstream", "GXP2170", "Desk", SiteRecord.DEFAULT_ID, Optional.empty(), Optional.of("10.0.0.9"),
                "{}", "", List.of(), T, T));
    }

    @DatabaseTest
    void credentialsAreSealedAndRefusalIsClearedBySettingThemAgain(Database db) {
        ControlStore store = new ControlStore(db.jdbi(), db.secrets());
        DeviceRecord d = device(db, "000b82000001");
        store.putCredentials(d.id(), "admin", Secret.of("admin123"), 8080, T);

        String stored = db.jdbi().withHandle(h -> h.createQuery(
                "SELECT password_enc FROM endpoint_phone_credentials WHERE device_id = :id").bind("id", d.id())
                .mapTo(String.class).one());
        assertFalse(stored.contains("admin123"), "sealed at rest");
        PhoneCredentials c = store.credentials(d.id()).orElseThrow();
        assertEquals("admin123", c.password().reveal());
        assertEquals(8080, c.port());
        assertEquals(Optional.empty(), c.refused());

        store.markRefused(d.id(), "wrong password (4 attempts left)");
        assertEquals(Optional.of("wrong password (4 attempts left)"), store.credentials(d.id()).orElseThrow().refused());
        store.putCredentials(d.id(), "admin", Secret.of("other"), 80, T);
        assertEquals(Optional.empty(), store.credentials(d.id()).orElseThrow().refused());
        assertTrue(store.credentialsSet(List.of(d.id(), "nope")).get(d.id()));
    }

    @DatabaseTest
    void lastStatusKeepsGoodValuesWhenAPollFails(Database db) {
        ControlStore store = new ControlStore(db.jdbi(), db.secrets());
        DeviceRecord d = device(db, "000b82000002");
        store.saveStatus(d.id(), T, Optional.of("GXP2170"), Optional.of("1.0.11.16"), Optional.of("000b82000002"),
                Optional.of("10.0.0.9"), Optional.of(true), Optional.of(Duration.ofSeconds(3600)));
        store.saveStatusError(d.id(), T.plusSeconds(60), "unreachable: timeout");

        PhoneStatusRecord s = store.statuses(List.of(d.id())).get(d.id());
        assertEquals(Optional.of("1.0.11.16"), s.firmware());
        assertEquals(Optional.of(true), s.registered());
        assertEquals(Optional.of(Duration.ofHours(1)), s.uptime());
        assertEquals(Optional.of(T), s.polledAt());
        assertEquals(Optional.of("unreachable: timeout"), s.lastError());

        store.saveStatus(d.id(), T.plusSeconds(120), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
        assertEquals(Optional.empty(), store.statuses(List.of(d.id())).get(d.id()).lastError());

        db.devices().delete(d.mac());
        assertTrue(store.statuses(List.of(d.id())).isEmpty(), "status goes with the device");
        assertTrue(store.credentials(d.id()).isEmpty());
    }

    @DatabaseTest
    void firmwarePushHistoryNewestFirst(Database db) {
        ControlStore store = new ControlStore(db.jdbi(), db.secrets());
        store.recordFirmwarePush(new FirmwarePushRecord("p1", "000b82000001", "http://10.0.0.5/fw/", Optional.of("1.0.11.16"),
                Optional.of("job-1"), "admin", "sent", "ok", T));
        store.recordFirmwarePush(new FirmwarePushRecord("p2", "000b82000002", "http://10.0.0.5/fw/", Optional.empty(),
                Optional.empty(), "admin", "failed", "unreachable", T.plusSeconds(5)));
        assertEquals(List.of("p2", "p1"), store.firmwarePushes(Optional.empty(), 10).stream().map(FirmwarePushRecord::id).toList());
        assertEquals(List.of("p1"), store.firmwarePushes(Optional.of("000b82000001"), 10).stream()
                .map(FirmwarePushRecord::id).toList());
    }
}
