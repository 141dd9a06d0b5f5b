package org.endpointmanager.core.session;

import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@code endpoint_console_sessions} table, shared by every node on the database. Rows are
 * keyed by the SHA-256 of the cookie value; the value itself never reaches the database.
 */
public final class ConsoleSessionStore {

    /** Longest principal name stored (the audit log's actor column has the same width). */
    public static final int MAX_NAME = 200;

    /**
     * One stored session.
     *
     * @param tokenHash SHA-256 hex of the cookie value
     * @param principalName who logged in
     * @param role their role's config name
     * @param createdAt login time, epoch millis
     * @param lastSeen last use some node wrote down, epoch millis
     */
    public record Row(String tokenHash, String principalName, String role, long createdAt, long lastSeen) {
        /** Rejects nulls. */
        public Row {
            Objects.requireNonNull(tokenHash, "tokenHash is null");
            Objects.requireNonNull(principalName, "principalName is null");
            Objects.requireNonNull(role, "role is null");
        }
    }

    private final Jdbi jdbi;

    /** Creates the store over the request path's Jdbi. */
    public ConsoleSessionStore(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi is null");
    }

    /** Stores a new session. */
    public void insert(Row row) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO endpoint_console_sessions "
                        + "(token_hash, principal_name, role, created_at, last_seen) "
                        + "VALUES (:hash, :name, :role, :created, :seen)")
                .bind("hash", row.tokenHash()).bind("name", row.principalName()).bind("role", row.role())
                .bind("created", row.createdAt()).bind("seen", row.lastSeen()).execute());
    }

    /** The session with this token hash. */
    public Optional<Row> find(String tokenHash) {
        return jdbi.withHandle(h -> h.createQuery("SELECT token_hash, principal_name, role, created_at, last_seen "
                        + "FROM endpoint_console_sessions WHERE token_hash = :hash")
                .bind("hash", tokenHash)
                .map((rs, ctx) -> new Row(rs.getString("token_hash"), rs.getString("principal_name"),
                        rs.getString("role"), rs.getLong("created_at"), rs.getLong("last_seen")))
                .findOne());
    }

    /**
     * Moves {@code last_seen} forward to {@code now} (never back: another node may have written a
     * later use). Returns false when the row is gone, that is the session ended elsewhere.
     */
    public boolean touch(String tokenHash, long now) {
        return jdbi.withHandle(h -> {
            int updated = h.createUpdate("UPDATE endpoint_console_sessions SET last_seen = CASE WHEN last_seen < :now "
                            + "THEN :now ELSE last_seen END WHERE token_hash = :hash")
                    .bind("now", now).bind("hash", tokenHash).execute();
            if (updated > 0) {
                return true;
            }
            // some drivers count only changed rows: ask whether the row is there at all
            return h.createQuery("SELECT COUNT(*) FROM endpoint_console_sessions WHERE token_hash = :hash")
                    .bind("hash", tokenHash).mapTo(Long.class).one() > 0;
        });
    }

    /** Deletes a session; returns whether it was there. */
    public boolean delete(String tokenHash) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM endpoint_console_sessions WHERE token_hash = :hash")
                .bind("hash", tokenHash).execute()) > 0;
    }

    /** Deletes sessions unused since {@code idleFloor} or created before {@code absoluteFloor}. */
    public int purge(long idleFloor, long absoluteFloor) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM endpoint_console_sessions "
                        + "WHERE last_seen < :idle OR created_at < :absolute")
                .bind("idle", idleFloor).bind("absolute", absoluteFloor).execute());
    }
}
