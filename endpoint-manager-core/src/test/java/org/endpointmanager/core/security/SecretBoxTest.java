package org.endpointmanager.core.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.endpointmanager.api.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {
    private static final Secret PASSWORD = Secret.of("s3cret-Pw!");

    @TempDir
    Path dir;

    @Test
    void keyFileIsCreatedOwnerOnlyAndReusedOnTheNextStart() throws Exception {
        Path keyFile = dir.resolve("data/keys/secret.key");

        SecretBox first = SecretBox.open(keyFile, Optional.empty());

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        byte[] key = Base64.getDecoder().decode(Files.readString(keyFile).strip());
        assertEquals(32, key.length);
        assertEquals(expectedKeyId(key), first.keyId());

        SecretBox second = SecretBox.open(keyFile, Optional.empty());
        assertEquals(first.keyId(), second.keyId());
        assertEquals(PASSWORD, second.decrypt(first.encrypt(PASSWORD)));
    }

    @Test
    void groupReadableKeyFileIsRefused() throws Exception {
        Path keyFile = dir.resolve("secret.key");
        SecretBox.open(keyFile, Optional.empty());
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r-----"));

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SecretBox.open(keyFile, Optional.empty()));
        assertTrue(e.getMessage().contains(keyFile.toString()), e.getMessage());
    }

    @Test
    void keyFileThatIsNotAKeyIsRefusedWithoutEchoingIt() throws Exception {
        Path keyFile = dir.resolve("secret.key");
        Files.writeString(keyFile, Base64.getEncoder().encodeToString(new byte[16]));
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SecretBox.open(keyFile, Optional.empty()));
        assertTrue(e.getMessage().contains(keyFile.toString()), e.getMessage());
        assertFalse(e.getMessage().contains(Files.readString(keyFile)));
    }

    @Test
    void roundTripIsRandomisedPerValue() {
        SecretBox box = SecretBox.open(dir.resolve("k"), Optional.empty());
        String a = box.encrypt(PASSWORD);
        String b = box.encrypt(PASSWORD);
        assertNotEquals(a, b, "a fresh nonce per value");
        assertTrue(a.startsWith("v1:" + box.keyId() + ":"));
        assertFalse(a.contains("s3cret"));
        assertEquals(PASSWORD, box.decrypt(a));
        assertEquals(Secret.of(""), box.decrypt(box.encrypt(Secret.of(""))));
        assertEquals(Secret.of("pässwörd ☎"), box.decrypt(box.encrypt(Secret.of("pässwörd ☎"))));
    }

    @Test
    void tamperedCiphertextIsRefused() {
        SecretBox box = SecretBox.open(dir.resolve("k"), Optional.empty());
        String stored = box.encrypt(PASSWORD);
        String prefix = stored.substring(0, stored.lastIndexOf(':') + 1);
        byte[] data = Base64.getDecoder().decode(stored.substring(prefix.length()));
        data[data.length - 20] ^= 1;
        String tampered = prefix + Base64.getEncoder().encodeToString(data);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> box.decrypt(tampered));
        assertFalse(e.getMessage().contains("s3cret"));
        assertThrows(IllegalStateException.class, () -> box.decrypt(prefix + "AAAA"));
        assertThrows(IllegalStateException.class, () -> box.decrypt("v2" + stored.substring(2)));
        assertThrows(IllegalStateException.class, () -> box.decrypt("s3cret-Pw!"));
    }

    @Test
    void valueFromAnotherKeyIsRefusedNamingBothKeyIds() {
        SecretBox mine = SecretBox.open(dir.resolve("a.key"), Optional.empty());
        SecretBox other = SecretBox.open(dir.resolve("b.key"), Optional.empty());
        assertNotEquals(mine.keyId(), other.keyId());

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> mine.decrypt(other.encrypt(PASSWORD)));
        assertEquals("value was encrypted with key " + other.keyId() + ", this node has key " + mine.keyId(),
                e.getMessage());
    }

    @Test
    void keyFromTheEnvironmentIsUsedInsteadOfTheFile() throws Exception {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) i;
        }
        Path keyFile = dir.resolve("secret.key");

        SecretBox box = SecretBox.open(keyFile, Optional.of(Base64.getEncoder().encodeToString(key)));

        assertEquals(expectedKeyId(key), box.keyId());
        assertFalse(Files.exists(keyFile), "no key file when the environment holds the key");
        SecretBox again = SecretBox.open(keyFile, Optional.of(" " + Base64.getEncoder().encodeToString(key) + "\n"));
        assertEquals(PASSWORD, again.decrypt(box.encrypt(PASSWORD)));
    }

    @Test
    void environmentKeyOfTheWrongSizeIsRefused() {
        String shortKey = Base64.getEncoder().encodeToString("too short".getBytes(StandardCharsets.US_ASCII));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SecretBox.open(dir.resolve("k"), Optional.of(shortKey)));
        assertEquals("secret key from environment must be 32 bytes base64", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SecretBox.open(dir.resolve("k"), Optional.of("%%%")));
    }

    private static String expectedKeyId(byte[] key) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key)).substring(0, 8);
    }
}
