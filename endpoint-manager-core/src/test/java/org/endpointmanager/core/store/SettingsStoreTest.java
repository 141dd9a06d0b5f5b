package org.endpointmanager.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

class SettingsStoreTest {

    @DatabaseTest
    void putAllUpsertsAndPutIfAbsentOnlyAddsMissingKeys(Database db) {
        assertEquals(Map.of(), db.settings().all());

        db.settings().putAll(Map.of("provision.url", "http://203.0.113.10:8080/provision/", "pnp.enabled", "false"));
        db.settings().putAll(Map.of("pnp.enabled", "true", "tftp.enabled", "false"));
        assertEquals(Map.of("provision.url", "http://203.0.113.10:8080/provision/", "pnp.enabled", "true",
                "tftp.enabled", "false"), db.settings().all());

        db.settings().putIfAbsent(Map.of("pnp.enabled", "false", "firmware.max_mb", "80"));
        assertEquals(Map.of("provision.url", "http://203.0.113.10:8080/provision/", "pnp.enabled", "true",
                "tftp.enabled", "false", "firmware.max_mb", "80"), db.settings().all());

        db.settings().putAll(Map.of("pnp.enabled", "true"));
        assertEquals("true", db.settings().all().get("pnp.enabled"), "writing an unchanged value is fine");
    }

    @DatabaseTest
    void overlongKeyIsRefusedBeforeAnythingIsWritten(Database db) {
        assertThrows(IllegalArgumentException.class,
                () -> db.settings().putAll(Map.of("ok", "1", "k".repeat(129), "2")));
        assertEquals(Map.of(), db.settings().all());
    }
}
