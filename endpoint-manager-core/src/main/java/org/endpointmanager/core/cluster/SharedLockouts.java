package org.endpointmanager.core.cluster;

import java.util.List;
import java.util.Objects;
import org.endpointmanager.core.security.SourceThrottle;
import org.endpointmanager.core.store.ChangeLog;
import org.jdbi.v3.core.Jdbi;

/**
 * Lock-out counters in {@code endpoint_lockouts}, shared by all nodes. Only misses reach the
 * database (a phone that is served costs nothing here), and a lock-out is announced in the change
 * log so every node refuses the address from memory within one poll.
 */
public final class SharedLockouts implements SourceThrottle.Shared {

    /**
     * An active lock-out.
     *
     * @param label the throttle
     * @param key the address key
     * @param until epoch millis
     */
    public record Active(String label, String key, long until) {
    }

    private final Jdbi jdbi;
    private final ChangeLog changes;

    /** Creates the shared counters. */
    public SharedLockouts(Jdbi jdbi, ChangeLog changes) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi is null");
        this.changes = Objects.requireNonNull(changes, "changes is null");
    }

    @Override
    public int addMiss(String label, String key, long now, long windowMillis) {
        // no transaction: a failed INSERT (another node's row) must not poison the statements after it
        return jdbi.withHandle(h -> {
            int updated = h.createUpdate("UPDATE endpoint_lockouts SET misses = CASE WHEN window_start < :floor THEN 1 "
                            + "ELSE misses + 1 END, window_start = CASE WHEN window_start < :floor THEN :now "
                            + "ELSE window_start END WHERE label = :label AND source = :key")
                    .bind("floor", now - windowMillis).bind("now", now).bind("label", label).bind("key", key).execute();
            if (updated == 0) {
                try {
                    h.createUpdate("INSERT INTO endpoint_lockouts (label, source, window_start, misses, locked_until) "
                            + "VALUES (:label, :key, :now, 1, 0)")
                            .bind("label", label).bind("key", key).bind("now", now).execute();
                } catch (RuntimeException raced) {
                    return 1; // another node inserted it at the same moment; its count stands
                }
                return 1;
            }
            return h.createQuery("SELECT misses FROM endpoint_lockouts WHERE label = :label AND source = :key")
                    .bind("label", label).bind("key", key).mapTo(Integer.class).one();
        });
    }

    @Override
    public void lock(String label, String key, long until) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE endpoint_lockouts SET locked_until = :until, misses = 0 "
                + "WHERE label = :label AND source = :key").bind("until", until).bind("label", label).bind("key", key)
                .execute());
        changes.append(ChangeLog.Entity.LOCKOUT, label + "|" + key + "|" + until);
    }

    /** Lock-outs still running (a node that starts applies them), at most {@code limit}. */
    public List<Active> active(long now, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT label, source, locked_until FROM endpoint_lockouts "
                        + "WHERE locked_until > :now ORDER BY locked_until DESC")
                .bind("now", now).setMaxRows(limit)
                .map((rs, ctx) -> new Active(rs.getString("label"), rs.getString("source"), rs.getLong("locked_until")))
                .list());
    }

    /** Deletes rows that count nothing any more. */
    public int purge(long now, long windowMillis) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM endpoint_lockouts WHERE locked_until < :now "
                + "AND window_start < :floor").bind("now", now).bind("floor", now - windowMillis).execute());
    }
}
