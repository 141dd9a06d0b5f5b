package org.endpointmanager.core.store;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code endpoint_changes} table: one row per change other nodes must notice (a device, site,
 * template or setting written, an address locked out, a console session ended). Each node polls it and drops what it cached.
 *
 * <p>Caches that are not wired into the cluster node by hand {@linkplain #addListener listen} here:
 * they hear this node's appends at once and other nodes' changes when {@code ClusterSync} polls.
 */
public final class ChangeLog {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeLog.class);

    /** What changes are about. */
    public enum Entity {
        /** A device (key: MAC hex) or all devices (key {@code *}). */
        DEVICE,
        /** A site (key: id). */
        SITE,
        /** A template (key: id). */
        TEMPLATE,
        /** The admin settings (key {@code *}). */
        SETTINGS,
        /** A lock-out (key: {@code label/source}). */
        LOCKOUT,
        /** A device's provisioning token or HTTP credentials (key: MAC hex, or {@code *}). */
        DEVICE_ACCESS,
        /** A firmware repository row (key: vendor id, or {@code *}). */
        FIRMWARE,
        /** A console session ended (key: SHA-256 hex of its cookie value, or {@code *}). */
        CONSOLE_SESSION;

        String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One row.
     *
     * @param seq position in the log
     * @param entity what changed
     * @param key which one
     * @param node the node that changed it
     * @param at when, epoch millis
     */
    public record Change(long seq, Entity entity, String key, String node, long at) {
        /** Rejects nulls. */
        public Change {
            Objects.requireNonNull(entity, "entity is null");
            Objects.requireNonNull(key, "key is null");
            Objects.requireNonNull(node, "node is null");
        }
    }

    private final Jdbi jdbi;
    private final Jdbi writer;
    private final String node;
    private final Clock clock;
    private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();

    /** Creates the log for one node, reading and writing through one Jdbi. */
    public ChangeLog(Jdbi jdbi, String node, Clock clock) {
        this(jdbi, jdbi, node, clock);
    }

    /**
     * Creates the log for one node.
     *
     * @param jdbi for polls and housekeeping (timer threads)
     * @param writer for appends: the Jdbi the writes themselves go through, so an append made inside
     *     an open transaction joins it (and rolls back with it) instead of waiting for a second
     *     connection, which SQLite's single connection would never free
     */
    public ChangeLog(Jdbi jdbi, Jdbi writer, String node, Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi is null");
        this.writer = Objects.requireNonNull(writer, "writer is null");
        this.node = Objects.requireNonNull(node, "node is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    /** This node's id. */
    public String node() {
        return node;
    }

    /**
     * Hears every change: this node's own as it is appended (before the caller's transaction
     * commits, so a listener that caches must also guard against loads overlapping the write), and
     * other nodes' as {@code ClusterSync} finds them. Listeners run on the caller's thread and must
     * be quick; an exception is logged and does not stop the others.
     */
    public void addListener(Consumer<Change> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener is null"));
    }

    /** Hands a change to the listeners (this node's appends, and other nodes' changes from the poller). */
    public void deliver(Change change) {
        for (Consumer<Change> l : listeners) {
            try {
                l.accept(change);
            } catch (RuntimeException e) {
                LOG.warn("change not applied entity={} reason={}", change.entity().id(), e.toString());
            }
        }
    }

    /**
     * Appends a change. A failure is logged, not thrown: the write it follows has happened, and the
     * other nodes' caches still expire on the next change of the same row or on restart. This
     * node's listeners hear of it in any case.
     */
    public void append(Entity entity, String key) {
        deliver(new Change(0, entity, key, node, clock.millis()));
        try {
            writer.useHandle(h -> h.createUpdate("INSERT INTO endpoint_changes (entity, entity_key, node, at) "
                    + "VALUES (:e, :k, :n, :at)")
                    .bind("e", entity.id()).bind("k", key.length() > 128 ? key.substring(0, 128) : key)
                    .bind("n", node).bind("at", clock.millis()).execute());
        } catch (RuntimeException e) {
            LOG.warn("change log append failed entity={} reason={}", entity.id(), e.toString());
        }
    }

    /** The highest sequence number now (0 when empty). */
    public long head() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(MAX(seq), 0) FROM endpoint_changes")
                .mapTo(Long.class).one());
    }

    /** Rows with {@code seq > after}, oldest first, at most {@code limit}. */
    public List<Change> since(long after, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT seq, entity, entity_key, node, at FROM endpoint_changes "
                        + "WHERE seq > :after ORDER BY seq")
                .bind("after", after).setMaxRows(limit)
                .map((rs, ctx) -> {
                    Entity e;
                    try {
                        e = Entity.valueOf(rs.getString("entity").toUpperCase(java.util.Locale.ROOT));
                    } catch (IllegalArgumentException unknown) {
                        e = Entity.DEVICE; // a newer node's kind: dropping all devices is the safe answer
                        return new Change(rs.getLong("seq"), e, "*", rs.getString("node"), rs.getLong("at"));
                    }
                    return new Change(rs.getLong("seq"), e, rs.getString("entity_key"), rs.getString("node"), rs.getLong("at"));
                })
                .list());
    }

    /** Deletes rows older than {@code beforeMillis}. */
    public int purge(long beforeMillis) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM endpoint_changes WHERE at < :t")
                .bind("t", beforeMillis).execute());
    }
}
