package org.endpointmanager.core.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.endpointmanager.api.Secret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encrypts secrets at rest with AES-256-GCM, a fresh random 12-byte nonce per value.
 *
 * <p>A stored value reads {@code v1:<keyId>:<base64(nonce || ciphertext || tag)>}. The key id
 * (first 8 hex digits of the key's SHA-256) lets a node that was started with a different key say
 * so plainly instead of failing with a bare authentication error. The version and key id are also
 * bound into the tag as associated data, so they cannot be swapped either.
 *
 * <p>Neither clear text nor key material ever appears in a log line or exception message.
 */
public final class SecretBox {
    private static final Logger LOG = LoggerFactory.getLogger(SecretBox.class);

    private static final String VERSION = "v1";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** Ciphertext of an absurdly long secret is refused before decoding: stored text is input too. */
    private static final int MAX_STORED_CHARS = 64 * 1024;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final SecretKeySpec key;
    private final String keyId;
    private final SecureRandom random = new SecureRandom();

    private SecretBox(byte[] keyBytes) {
        this.key = new SecretKeySpec(keyBytes, "AES");
        this.keyId = computeKeyId(keyBytes);
        Arrays.fill(keyBytes, (byte) 0);
    }

    /**
     * Opens the box with the key from the environment when given, else from the key file,
     * creating the file (owner-only, 32 random bytes in base64) on first start.
     *
     * @param keyFile the key file; its parent directories are created when missing
     * @param base64KeyFromEnv the base64 key taken from the environment, if the variable is set
     * @throws IllegalArgumentException if the environment key is not 32 bytes of base64
     * @throws IllegalStateException if the key file is readable by group or others or is not a key
     */
    public static SecretBox open(Path keyFile, Optional<String> base64KeyFromEnv) {
        Objects.requireNonNull(keyFile, "keyFile is null");
        Objects.requireNonNull(base64KeyFromEnv, "base64KeyFromEnv is null");
        if (base64KeyFromEnv.isPresent()) {
            byte[] bytes = decodeKey(base64KeyFromEnv.get())
                    .orElseThrow(() -> new IllegalArgumentException("secret key from environment must be 32 bytes base64"));
            SecretBox box = new SecretBox(bytes);
            LOG.info("secret key taken from the environment, key id {}", box.keyId);
            return box;
        }
        try {
            if (!Files.exists(keyFile)) {
                Optional<SecretBox> created = create(keyFile);
                if (created.isPresent()) {
                    return created.get();
                }
                // another process created it between our check and our create: read theirs
            }
            return read(keyFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use secret key file " + keyFile, e);
        }
    }

    /** First 8 hex digits of the SHA-256 of the key: tells keys apart without revealing them. */
    public String keyId() {
        return keyId;
    }

    /** Encrypts a secret into its stored form. */
    public String encrypt(Secret secret) {
        Objects.requireNonNull(secret, "secret is null");
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(keyId));
            byte[] sealed = cipher.doFinal(secret.reveal().getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
            return VERSION + ":" + keyId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * Decrypts a stored value.
     *
     * @throws IllegalStateException if the value is malformed, was encrypted with another key or
     *     was altered
     */
    public Secret decrypt(String stored) {
        Objects.requireNonNull(stored, "stored is null");
        if (stored.length() > MAX_STORED_CHARS) {
            throw new IllegalStateException("stored secret is too long");
        }
        String[] parts = stored.split(":", -1);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw new IllegalStateException("stored secret is not in the " + VERSION + " format");
        }
        String storedKeyId = parts[1];
        if (!storedKeyId.equals(keyId)) {
            if (!storedKeyId.matches("[0-9a-f]{8}")) {
                throw new IllegalStateException("stored secret has a malformed key id");
            }
            throw new IllegalStateException("value was encrypted with key " + storedKeyId
                    + ", this node has key " + keyId);
        }
        byte[] data;
        try {
            data = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("stored secret is not valid base64");
        }
        if (data.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalStateException("stored secret is too short");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData(keyId));
            byte[] clear = cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES);
            return Secret.of(new String(clear, StandardCharsets.UTF_8));
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("stored secret failed authentication: it was altered or is corrupt");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public String toString() {
        return "SecretBox[keyId=" + keyId + "]";
    }

    private static Optional<SecretBox> create(Path keyFile) throws IOException {
        Path parent = keyFile.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        boolean posix = supportsPosix(keyFile);
        byte[] bytes = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(bytes);
        byte[] text = (Base64.getEncoder().encodeToString(bytes) + "\n").getBytes(StandardCharsets.US_ASCII);
        try {
            // created owner-only in the same system call, so there is no moment it is readable by others
            if (posix) {
                Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(keyFile);
            }
        } catch (FileAlreadyExistsException e) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(keyFile, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(text);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            // an empty key file would refuse every later start: leave nothing half-written
            Files.deleteIfExists(keyFile);
            throw e;
        } finally {
            Arrays.fill(text, (byte) 0);
        }
        SecretBox box = new SecretBox(bytes);
        LOG.info("created secret key file {} (owner-only), key id {}", keyFile, box.keyId);
        return Optional.of(box);
    }

    private static SecretBox read(Path keyFile) throws IOException {
        if (supportsPosix(keyFile)) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(keyFile);
            for (PosixFilePermission p : perms) {
                if (!p.name().startsWith("OWNER_")) {
                    throw new IllegalStateException("secret key file " + keyFile
                            + " is accessible by group or others (" + PosixFilePermissions.toString(perms)
                            + "); run chmod 600 on it");
                }
            }
        }
        if (Files.size(keyFile) > 1024) {
            throw new IllegalStateException("secret key file " + keyFile + " is not a 32-byte base64 key");
        }
        String text = Files.readString(keyFile, StandardCharsets.US_ASCII);
        byte[] bytes = decodeKey(text).orElseThrow(() -> new IllegalStateException(
                "secret key file " + keyFile + " is not a 32-byte base64 key"));
        SecretBox box = new SecretBox(bytes);
        LOG.info("secret key read from {}, key id {}", keyFile, box.keyId);
        return box;
    }

    private static Optional<byte[]> decodeKey(String base64) {
        try {
            byte[] bytes = Base64.getDecoder().decode(base64.strip());
            if (bytes.length != KEY_BYTES) {
                Arrays.fill(bytes, (byte) 0);
                return Optional.empty();
            }
            return Optional.of(bytes);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean supportsPosix(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static byte[] associatedData(String keyId) {
        return (VERSION + ":" + keyId).getBytes(StandardCharsets.US_ASCII);
    }

    private static String computeKeyId(byte[] keyBytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyBytes);
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
