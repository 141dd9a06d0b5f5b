package org.endpointmanager.core.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.endpointmanager.core.config.EndpointManagerConfig;
import org.endpointmanager.core.http.Json;
import org.endpointmanager.core.store.Database;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces the secret key: every stored secret is decrypted with the old key and encrypted with the
 * new one in one transaction (all or nothing), then the key files are swapped, the old key kept as
 * {@code <key file>.<old key id>.bak}.
 *
 * <p>Where secrets are stored: the sealed columns of {@link #SEALED_COLUMNS}, and sealed
 * {@code admin_password} objects ({@code {"encrypted": "v1:..."}}) inside the {@code settings_json}
 * of devices and templates. A feature that stores a new secret adds its column here.
 */
public final class KeyRotation {

    private static final Logger LOG = LoggerFactory.getLogger(KeyRotation.class);

    /**
     * A column holding {@link SecretBox} text.
     *
     * @param table table name
     * @param keys primary key columns
     * @param column the sealed column
     */
    public record SealedColumn(String table, List<String> keys, String column) {
        /** Copies the list. */
        public SealedColumn {
            keys = List.copyOf(keys);
        }
    }

    /** Every column that holds a sealed secret. */
    public static final List<SealedColumn> SEALED_COLUMNS = List.of(
            new SealedColumn("endpoint_device_lines", List.of("device_id", "line_index"), "password_enc"),
            new SealedColumn("endpoint_device_access", List.of("device_id"), "token_enc"),
            new SealedColumn("endpoint_device_access", List.of("device_id"), "http_password_enc"),
            new SealedColumn("endpoint_phone_credentials", List.of("device_id"), "password_enc"));

    private static final List<String> SETTINGS_TABLES = List.of("endpoint_devices", "endpoint_templates");

    /**
     * What was done.
     *
     * @param oldKeyId the replaced key
     * @param newKeyId the key now in force
     * @param values how many sealed values were re-encrypted
     * @param backup where the old key was kept (absent when only the database was re-encrypted)
     */
    public record Result(String oldKeyId, String newKeyId, int values, Optional<Path> backup) {
    }

    private KeyRotation() {
    }

    /**
     * Re-encrypts every stored secret from one key to the other in a single transaction.
     *
     * @return how many values were re-encrypted
     * @throws IllegalStateException when a value cannot be decrypted with {@code from} (nothing is changed)
     */
    public static int reencrypt(Jdbi jdbi, SecretBox from, SecretBox to) {
        Objects.requireNonNull(jdbi, "jdbi is null");
        Objects.requireNonNull(from, "from is null");
        Objects.requireNonNull(to, "to is null");
        return jdbi.inTransaction(h -> {
            int count = 0;
            for (SealedColumn c : SEALED_COLUMNS) {
                count += column(h, c, from, to);
            }
            for (String table : SETTINGS_TABLES) {
                count += settings(h, table, from, to);
            }
            return count;
        });
    }

    private static int column(Handle h, SealedColumn c, SecretBox from, SecretBox to) {
        String keys = String.join(", ", c.keys());
        List<Map<String, Object>> rows = h.createQuery("SELECT " + keys + ", " + c.column() + " AS sealed FROM "
                + c.table() + " WHERE " + c.column() + " IS NOT NULL").mapToMap().list();
        StringBuilder where = new StringBuilder();
        for (String k : c.keys()) {
            where.append(where.length() == 0 ? "" : " AND ").append(k).append(" = :").append(k);
        }
        for (Map<String, Object> row : rows) {
            String resealed = to.encrypt(from.decrypt(String.valueOf(row.get("sealed"))));
            var update = h.createUpdate("UPDATE " + c.table() + " SET " + c.column() + " = :v WHERE " + where)
                    .bind("v", resealed);
            for (String k : c.keys()) {
                update.bind(k, row.get(k));
            }
            update.execute();
        }
        return rows.size();
    }

    private static int settings(Handle h, String table, SecretBox from, SecretBox to) {
        List<Map<String, Object>> rows = h.createQuery("SELECT id, settings_json FROM " + table).mapToMap().list();
        int count = 0;
        for (Map<String, Object> row : rows) {
            ObjectNode json = Json.parseObject(String.valueOf(row.get("settings_json")));
            int changed = reseal(json, from, to);
            if (changed > 0) {
                h.createUpdate("UPDATE " + table + " SET settings_json = :j WHERE id = :id")
                        .bind("j", Json.write(json)).bind("id", row.get("id")).execute();
                count += changed;
            }
        }
        return count;
    }

    /** Re-encrypts sealed {@code {"encrypted": ...}} objects at any depth. */
    private static int reseal(JsonNode node, SecretBox from, SecretBox to) {
        int count = 0;
        if (node instanceof ObjectNode obj) {
            JsonNode sealed = obj.get("encrypted");
            if (obj.size() == 1 && sealed != null && sealed.isTextual() && sealed.asText().startsWith("v1:")) {
                obj.put("encrypted", to.encrypt(from.decrypt(sealed.asText())));
                return 1;
            }
            for (JsonNode child : obj) {
                count += reseal(child, from, to);
            }
        } else if (node != null && node.isArray()) {
            for (JsonNode child : node) {
                count += reseal(child, from, to);
            }
        }
        return count;
    }

    /**
     * The whole rotation for an engine that is stopped: new key file, database re-encrypted, key
     * files swapped.
     *
     * @param dataDirectory the add-on's data directory (where the key file and SQLite live)
     * @throws IllegalStateException when the key comes from the environment, or a half-finished
     *     rotation left {@code <key file>.new} behind
     */
    public static Result rotate(EndpointManagerConfig config, Path dataDirectory) {
        Objects.requireNonNull(config, "config is null");
        Path keyFile = dataDirectory.resolve(config.secrets().keyFile());
        String env = System.getenv(config.secrets().keyEnv());
        if (env != null && !env.isBlank()) {
            throw new IllegalStateException("the key comes from $" + config.secrets().keyEnv()
                    + ": re-encrypt with KeyRotation.reencrypt and set the new key in the environment yourself");
        }
        if (!Files.exists(keyFile)) {
            throw new IllegalStateException("no key file at " + keyFile + ": nothing to rotate");
        }
        Path newFile = keyFile.resolveSibling(keyFile.getFileName() + ".new");
        if (Files.exists(newFile)) {
            throw new IllegalStateException(newFile + " exists: an earlier rotation did not finish. If the engine does not "
                    + "start with " + keyFile + ", that file is the key the database now needs; move it into place");
        }
        SecretBox old = SecretBox.open(keyFile, Optional.empty());
        SecretBox fresh = SecretBox.open(newFile, Optional.empty());
        int values;
        try (Database db = Database.open(config.database(), dataDirectory, old)) {
            values = reencrypt(db.jdbi(), old, fresh);
        } catch (RuntimeException e) {
            deleteQuietly(newFile);
            throw e;
        }
        Path backup = keyFile.resolveSibling(keyFile.getFileName() + "." + old.keyId() + ".bak");
        try {
            Files.move(keyFile, backup, StandardCopyOption.ATOMIC_MOVE);
            Files.move(newFile, keyFile, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("the database is re-encrypted with the key in " + newFile
                    + " but the key files could not be swapped; move it to " + keyFile + " by hand", e);
        }
        LOG.info("secret key rotated: {} -> {}, {} values re-encrypted, old key kept in {}", old.keyId(), fresh.keyId(),
                values, backup);
        return new Result(old.keyId(), fresh.keyId(), values, Optional.of(backup));
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", file, e.getMessage());
        }
    }
}
