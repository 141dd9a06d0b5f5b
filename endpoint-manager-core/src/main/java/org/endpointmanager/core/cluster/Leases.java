package org.endpointmanager.core.cluster;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Named leases in {@code endpoint_leases}: a lease belongs to one node until it expires; the
 * holder renews it, another node takes it only once it has expired. Plain INSERT and conditional
 * UPDATE, so the same statements work on SQLite, MySQL and PostgreSQL.
 */
public final class Leases {

    /** An expiry that never comes: a lease kept as the record that something ran once. */
    static final long FOREVER = Long.MAX_VALUE / 2;

    private final Jdbi jdbi;
    private final String node;
    private final Clock clock;

    /** Leases taken in the name of {@code node}. */
    public Leases(Jdbi jdbi, String node, Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi is null");
        this.node = Objects.requireNonNull(node, "node is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    /** This node's id. */
    public String node() {
        return node;
    }

    /** Takes or renews the lease; true when this node holds it for {@code ttl} from now. */
    public boolean acquire(String name, Duration ttl) {
        return acquireUntil(name, clock.millis() + ttl.toMillis());
    }

    /** Takes the lease for good: true for exactly one node, ever (until the row is deleted). */
    public boolean acquireForever(String name) {
        return acquireUntil(name, FOREVER);
    }

    private boolean acquireUntil(String name, long until) {
        check(name);
        long now = clock.millis();
        int updated = jdbi.withHandle(h -> h.createUpdate("UPDATE endpoint_leases SET holder = :me, expires_at = :until "
                        + "WHERE name = :name AND (holder = :me OR expires_at < :now) AND expires_at < :forever")
                .bind("me", node).bind("until", until).bind("name", name).bind("now", now).bind("forever", FOREVER)
                .execute());
        if (updated == 1) {
            return true;
        }
        try {
            jdbi.useHandle(h -> h.createUpdate("INSERT INTO endpoint_leases (name, holder, expires_at) VALUES (:name, :me, :until)")
                    .bind("name", name).bind("me", node).bind("until", until).execute());
            return true;
        } catch (RuntimeException duplicate) {
            if (until == FOREVER) {
                return false; // taken for good before, by this node or another
            }
            // another node holds it (or took it between the two statements)
            return holder(name).filter(node::equals).isPresent();
        }
    }

    /**
     * Records {@code value} under {@code name} for {@code ttl}, unless a live record is there: empty
     * when this call recorded it, else the earlier value. Exactly one caller gets empty, on however
     * many nodes (the primary key, or the conditional takeover of an expired record, decides).
     */
    public Optional<String> claim(String name, String value, Duration ttl) {
        check(name);
        if (value == null || value.isEmpty() || value.length() > 64) {
            throw new IllegalArgumentException("claim value must be 1..64 characters");
        }
        long now = clock.millis();
        long until = now + ttl.toMillis();
        int updated = jdbi.withHandle(h -> h.createUpdate("UPDATE endpoint_leases SET holder = :v, expires_at = :until "
                + "WHERE name = :name AND expires_at < :now").bind("v", value).bind("until", until).bind("name", name)
                .bind("now", now).execute());
        if (updated == 1) {
            return Optional.empty(); // an expired claim, taken over
        }
        try {
            jdbi.useHandle(h -> h.createUpdate("INSERT INTO endpoint_leases (name, holder, expires_at) VALUES (:name, :v, :until)")
                    .bind("name", name).bind("v", value).bind("until", until).execute());
            return Optional.empty();
        } catch (RuntimeException duplicate) {
            Optional<String> earlier = jdbi.withHandle(h -> h.createQuery("SELECT holder FROM endpoint_leases WHERE name = :name")
                    .bind("name", name).mapTo(String.class).findOne());
            if (earlier.isEmpty()) {
                throw duplicate; // not a duplicate: the insert failed for another reason
            }
            return earlier;
        }
    }

    /** Deletes leases and claims that expired before {@code before} (never the ones kept for good). */
    public int purgeExpired(long before) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM endpoint_leases WHERE expires_at < :before")
                .bind("before", before).execute());
    }

    /** Gives the lease up (only when this node holds it). */
    public void release(String name) {
        check(name);
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM endpoint_leases WHERE name = :name AND holder = :me "
                + "AND expires_at < :forever").bind("name", name).bind("me", node).bind("forever", FOREVER).execute());
    }

    /**
     * Gives the lease up at once but keeps its row (only when this node holds it), so the next
     * holder can tell whose it was ({@link #lastHolder}).
     */
    public void expire(String name) {
        check(name);
        jdbi.useHandle(h -> h.createUpdate("UPDATE endpoint_leases SET expires_at = 0 WHERE name = :name AND holder = :me "
                + "AND expires_at < :forever").bind("name", name).bind("me", node).bind("forever", FOREVER).execute());
    }

    /** Who holds the lease now, if anyone. */
    public Optional<String> holder(String name) {
        check(name);
        long now = clock.millis();
        return jdbi.withHandle(h -> h.createQuery("SELECT holder FROM endpoint_leases WHERE name = :name AND expires_at >= :now")
                .bind("name", name).bind("now", now).mapTo(String.class).findOne());
    }

    /**
     * Who holds the lease or held it last (also once it expired), if its row is there: the node a
     * job was running on when that node stopped renewing.
     */
    public Optional<String> lastHolder(String name) {
        check(name);
        return jdbi.withHandle(h -> h.createQuery("SELECT holder FROM endpoint_leases WHERE name = :name")
                .bind("name", name).mapTo(String.class).findOne());
    }

    private static void check(String name) {
        if (name == null || name.isEmpty() || name.length() > 128) {
            throw new IllegalArgumentException("lease name must be 1..128 characters");
        }
    }
}
