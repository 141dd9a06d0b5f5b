package org.endpointmanager.core.security;

import static org.endpointmanager.testkit.TestingHostContext.OPERATOR_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.Secret;
import org.endpointmanager.core.EndpointManager;
import org.endpointmanager.core.config.ConfigLoader;
import org.endpointmanager.core.http.Json;
import org.endpointmanager.core.store.Database;
import org.endpointmanager.core.store.DatabaseTest;
import org.endpointmanager.core.store.DeviceRecord;
import org.endpointmanager.core.store.LineRecord;
import org.endpointmanager.core.store.SiteRecord;
import org.endpointmanager.core.tools.RotateKey;
import org.endpointmanager.core.vendor.VendorRegistry;
import org.endpointmanager.testkit.TestingHostContext;
import org.endpointmanager.testkit.fixture.ExampleVendorPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key rotation on every database, all or nothing, and the tool end to end on SQLite. */
class KeyRotationTest {

    @TempDir
    Path tmp;

    private static DeviceRecord device(String mac, Database db, String adminPassword) {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        String settings = Json.write(Json.object().set("admin_password",
                Json.object().put("encrypted", db.secrets().encrypt(Secret.of(adminPassword)))));
        return new DeviceRecord(UUID.randomUUID().toString(), MacAddress.parse(mac), "example", "EP200", "Rot",
                SiteRecord.DEFAULT_ID, Optional.empty(), Optional.empty(), settings, "",
                List.of(new LineRecord(1, Optional.empty(), Optional.of("1001"), Optional.of(Secret.of("line-pw-" + mac)),
                        Optional.of("203.0.113.10"), Optional.empty(), Optional.empty(), Optional.empty())), t, t);
    }

    private static String linePassword(Database db, SecretBox box, String mac) {
        String sealed = db.jdbi().withHandle(h -> h.createQuery("SELECT l.password_enc FROM endpoint_device_lines l "
                + "JOIN endpoint_devices d ON d.id = l.device_id WHERE d.mac = :m").bind("m", mac).mapTo(String.class).one());
        return box.decrypt(sealed).reveal();
    }

    private static String adminPassword(Database db, SecretBox box, String mac) {
        String json = db.jdbi().withHandle(h -> h.createQuery("SELECT settings_json FROM endpoint_devices WHERE mac = :m")
                .bind("m", mac).mapTo(String.class).one());
        return box.decrypt(Json.parseObject(json).get("admin_password").get("encrypted").asText()).reveal();
    }

    @DatabaseTest
    void everyStoredSecretIsReencryptedOrNoneIs(Database db) {
        SecretBox old = db.secrets();
        db.devices().insert(device("02e3a1000001", db, "admin-pw-1"));
        DeviceAccessStore access = new DeviceAccessStore(db.jdbi(), old, Clock.systemUTC());
        Secret token = access.rotateToken(MacAddress.parse("02e3a1000001"));
        access.setCredentials(MacAddress.parse("02e3a1000001"), Optional.of("phone1"), Optional.of(Secret.of("http-pw-1")));
        SecretBox fresh = SecretBox.open(tmp.resolve("new.key"), Optional.empty());

        // a value the old key cannot open makes the whole rotation fail, changing nothing
        db.devices().insert(device("02e3a1000002", db, "admin-pw-2"));
        SecretBox stranger = SecretBox.open(tmp.resolve("stranger.key"), Optional.empty());
        db.jdbi().useHandle(h -> h.createUpdate("UPDATE endpoint_device_lines SET password_enc = :v WHERE device_id = "
                + "(SELECT id FROM endpoint_devices WHERE mac = '02e3a1000002')")
                .bind("v", stranger.encrypt(Secret.of("x"))).execute());
        assertThrows(IllegalStateException.class, () -> KeyRotation.reencrypt(db.jdbi(), old, fresh));
        assertEquals("line-pw-02e3a1000001", linePassword(db, old, "02e3a1000001"), "rolled back");
        assertEquals("admin-pw-1", adminPassword(db, old, "02e3a1000001"));

        db.devices().delete(MacAddress.parse("02e3a1000002"));
        int values = KeyRotation.reencrypt(db.jdbi(), old, fresh);
        assertEquals(4, values, "line password, admin password, token, HTTP password");
        assertEquals("line-pw-02e3a1000001", linePassword(db, fresh, "02e3a1000001"));
        assertEquals("admin-pw-1", adminPassword(db, fresh, "02e3a1000001"));
        assertThrows(IllegalStateException.class, () -> linePassword(db, old, "02e3a1000001"), "the old key is out");
        var after = new DeviceAccessStore(db.jdbi(), fresh, Clock.systemUTC()).find(MacAddress.parse("02e3a1000001")).orElseThrow();
        assertEquals(token.reveal(), after.token().orElseThrow().reveal());
        assertEquals("http-pw-1", after.httpPassword().orElseThrow().reveal());
    }

    @Test
    void theToolRotatesTheKeyOfAStoppedEngineAndKeepsTheOldOneAsBackup() throws Exception {
        String toml = "provision_url_base = \"http://127.0.0.1:8080/provision\"\n[http]\nbind = \"127.0.0.1\"\nport = 0\n";
        try (SecuredEngine f = new SecuredEngine(tmp, "")) {
            assertEquals(201, f.post("/console/endpoint-manager/devices", OPERATOR_TOKEN, SecuredEngine.DEVICE).statusCode());
        }
        TestingHostContext host = new TestingHostContext(tmp);
        Files.createDirectories(host.configDirectory());
        Files.writeString(host.configDirectory().resolve(ConfigLoader.FILE_NAME), toml);
        Path keyFile = host.dataDirectory().resolve("secret.key");
        String oldKey = Files.readString(keyFile);

        KeyRotation.Result r = RotateKey.run(host.configDirectory(), host.dataDirectory());
        assertFalse(r.oldKeyId().equals(r.newKeyId()));
        assertEquals(1, r.values());
        assertEquals(oldKey, Files.readString(r.backup().orElseThrow()), "the old key is kept");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        assertFalse(Files.exists(keyFile.resolveSibling("secret.key.new")));

        try (SecuredEngine f = new SecuredEngine(tmp, "")) {
            var cfg = f.fetch("/provision/" + SecuredEngine.MAC);
            assertEquals(200, cfg.statusCode());
            assertTrue(cfg.body().contains("Sup3r-Secret-Pw"), "the engine starts with the new key and reads the password");
        }
    }

    @Test
    void theEngineRefusesToStartWhenTheKeyFileIsReadableByOthers() throws Exception {
        try (SecuredEngine f = new SecuredEngine(tmp, "")) {
            assertTrue(f.engine.port() > 0);
        }
        TestingHostContext host = new TestingHostContext(tmp);
        Path keyFile = host.dataDirectory().resolve("secret.key");
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
        VendorRegistry vendors = new VendorRegistry();
        vendors.install(new ExampleVendorPlugin());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> EndpointManager.create(
                ConfigLoader.parse("provision_url_base = \"http://127.0.0.1/provision\"\n", "t.toml"), host, vendors,
                Clock.systemUTC()));
        assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
    }
}
