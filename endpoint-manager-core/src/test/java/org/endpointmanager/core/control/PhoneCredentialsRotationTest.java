package org.endpointmanager.core.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.Secret;
import org.endpointmanager.core.security.KeyRotation;
import org.endpointmanager.core.security.SecretBox;
import org.endpointmanager.core.store.Database;
import org.endpointmanager.core.store.DatabaseTest;
import org.endpointmanager.core.store.DeviceRecord;
import org.endpointmanager.core.store.SiteRecord;
import org.junit.jupiter.api.io.TempDir;

/** Key rotation re-encrypts the phones' admin passwords of migration V7, on every database. */
class PhoneCredentialsRotationTest {

    private static final Instant T = Instant.parse("2024-05-01T10:00:00Z");

    @TempDir
    Path tmp;

    @DatabaseTest
    void rotationReencryptsPhoneCredentials(Database db) {
        DeviceRecord d = db.devices().insert(new DeviceRecord(UUID.randomUUID().toString(), MacAddress.parse("000b82000077"),
                "grandstream", "GXP2170", "Desk", SiteRecord.DEFAULT_ID, Optional.empty(), Optional.of("10.0.0.9"),
                "{}", "", List.of(), T, T));
        SecretBox old = db.secrets();
        new ControlStore(db.jdbi(), old).putCredentials(d.id(), "admin", Secret.of("phone-admin-pw"), 80, T);
        assertTrue(KeyRotation.SEALED_COLUMNS.contains(
                new KeyRotation.SealedColumn("endpoint_phone_credentials", List.of("device_id"), "password_enc")));

        SecretBox fresh = SecretBox.open(tmp.resolve("new.key"), Optional.empty());
        assertEquals(1, KeyRotation.reencrypt(db.jdbi(), old, fresh), "the phone password is the only secret stored");

        assertEquals("phone-admin-pw", new ControlStore(db.jdbi(), fresh).credentials(d.id()).orElseThrow().password().reveal());
        assertThrows(IllegalStateException.class, () -> new ControlStore(db.jdbi(), old).credentials(d.id()),
                "the old key no longer opens it");
        Map<String, Boolean> refused = new ControlStore(db.jdbi(), fresh).credentialsRefused(List.of(d.id(), "other"));
        assertEquals(Map.of(d.id(), false), refused);
        assertFalse(refused.containsKey("other"));
    }
}
