package org.endpointmanager.core.cluster;

import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * One encryption key for all nodes: the first node to start stores its key id in
 * {@code endpoint_cluster}; a node whose key id differs refuses to start, saying which ids differ
 * (ids only: never key material), instead of failing later on every secret it reads.
 */
public final class KeyGuard {

    static final String KEY_ID = "secret_key_id";

    private KeyGuard() {
    }

    /**
     * Records or checks the key id.
     *
     * @throws IllegalStateException naming both key ids when they differ
     */
    public static void check(Jdbi jdbi, String keyId) {
        Objects.requireNonNull(keyId, "keyId is null");
        Optional<String> stored = read(jdbi);
        if (stored.isEmpty()) {
            try {
                jdbi.useHandle(h -> h.createUpdate("INSERT INTO endpoint_cluster (name, cluster_value) VALUES (:n, :v)")
                        .bind("n", KEY_ID).bind("v", keyId).execute());
                return;
            } catch (RuntimeException raced) {
                stored = read(jdbi); // another node started at the same moment
            }
        }
        if (stored.isPresent() && !stored.get().equals(keyId)) {
            if (rotatedTo(jdbi, stored.get(), keyId)) {
                // the rotate-key tool re-sealed every secret with this node's key: follow it
                replace(jdbi, keyId);
                return;
            }
            throw new IllegalStateException("this node's secret key (key id " + keyId + ") is not the key the database "
                    + "was set up with (key id " + stored.get() + "): give every node the same key file or "
                    + "[secrets] key_env value; after a key rotation, start the nodes with the new key");
        }
    }

    /** Updates the stored key id after a key rotation (the rotate-key tool). */
    public static void replace(Jdbi jdbi, String keyId) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM endpoint_cluster WHERE name = :n").bind("n", KEY_ID).execute();
            h.createUpdate("INSERT INTO endpoint_cluster (name, cluster_value) VALUES (:n, :v)")
                    .bind("n", KEY_ID).bind("v", keyId).execute();
        });
    }

    /** True when no secret is sealed with the old key any more and some are sealed with the new one. */
    private static boolean rotatedTo(Jdbi jdbi, String oldId, String newId) {
        long old = 0;
        long current = 0;
        for (var c : org.endpointmanager.core.security.KeyRotation.SEALED_COLUMNS) {
            old += count(jdbi, c.table(), c.column(), oldId);
            current += count(jdbi, c.table(), c.column(), newId);
        }
        return old == 0 && current > 0;
    }

    private static long count(Jdbi jdbi, String table, String column, String keyId) {
        // table and column come from a constant list; the key id is hex and bound as a parameter
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table + " WHERE " + column + " LIKE :p")
                .bind("p", "v1:" + keyId + ":%").mapTo(Long.class).one());
    }

    private static Optional<String> read(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT cluster_value FROM endpoint_cluster WHERE name = :n")
                .bind("n", KEY_ID).mapTo(String.class).findOne());
    }
}
