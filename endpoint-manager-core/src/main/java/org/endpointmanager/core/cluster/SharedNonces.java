package org.endpointmanager.core.cluster;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.endpointmanager.core.security.DigestNonces;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Digest nonces in {@code endpoint_digest_nonces}, shared by all nodes: a challenge issued by one
 * node is answered on any other, and a replayed {@code nc} is refused everywhere. Accepting an
 * {@code nc} is one conditional {@code UPDATE} (and a one-shot nonce one {@code DELETE}) whose row
 * count says who won, so two nodes never both accept the same answer, on any of the three
 * databases.
 *
 * <p>Bounds. A row is written per 401 challenge, which any client can ask for: challenges are not
 * misses, so the source throttle does not slow a flood of them (a phone's first request is always
 * challenged, and counting that would lock out phones behind one NAT). Expired rows are purged by
 * the authenticator once a minute, which only bounds the table by what one lifetime can issue. So
 * each node also remembers the nonces it issued that are still alive, at most {@code maxIssuedHere}:
 * past that it deletes its oldest ones in a batch (one statement per {@value #EVICT_BATCH}
 * challenges, and only during a flood), as the in-memory table drops its oldest. The table then
 * holds at most about nodes x {@code maxIssuedHere} rows, plus what stopped nodes issued in their
 * last lifetime. A flood shortens the life of real phones' nonces as before; they are challenged
 * again and retry.
 */
public final class SharedNonces implements DigestNonces {

    private static final Logger LOG = LoggerFactory.getLogger(SharedNonces.class);
    /** How many of this node's oldest nonces go in one statement when it has issued too many. */
    static final int EVICT_BATCH = 256;
    private static final long WARN_EVERY_MILLIS = 60_000;

    private record Issued(String nonce, long at) {
    }

    private final Jdbi jdbi;
    private final int maxIssuedHere;
    private final int evictBatch;
    private final ArrayDeque<Issued> issuedHere = new ArrayDeque<>();
    private long evicted;
    private long lastWarn = Long.MIN_VALUE;

    /** Creates the store; this node keeps at most {@code maxIssuedHere} of its own nonces alive. */
    public SharedNonces(Jdbi jdbi, int maxIssuedHere) {
        this(jdbi, maxIssuedHere, EVICT_BATCH);
    }

    SharedNonces(Jdbi jdbi, int maxIssuedHere, int evictBatch) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi is null");
        if (maxIssuedHere < 1 || evictBatch < 1) {
            throw new IllegalArgumentException("maxIssuedHere and evictBatch must be positive");
        }
        this.maxIssuedHere = maxIssuedHere;
        this.evictBatch = evictBatch;
    }

    @Override
    public void issue(String nonce, long issuedAt) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO endpoint_digest_nonces (nonce, last_nc, at) VALUES (:n, 0, :at)")
                .bind("n", nonce).bind("at", issuedAt).execute());
        List<String> oldest = List.of();
        synchronized (issuedHere) {
            issuedHere.addLast(new Issued(nonce, issuedAt));
            if (issuedHere.size() > maxIssuedHere + evictBatch - 1) {
                List<String> batch = new ArrayList<>(evictBatch);
                while (batch.size() < evictBatch) {
                    batch.add(issuedHere.removeFirst().nonce());
                }
                oldest = batch;
            }
        }
        if (!oldest.isEmpty()) {
            List<String> drop = oldest;
            int deleted = jdbi.withHandle(h -> h.createUpdate("DELETE FROM endpoint_digest_nonces WHERE nonce IN (<nonces>)")
                    .bindList("nonces", drop).execute());
            warnEvicted(deleted, issuedAt);
        }
    }

    private void warnEvicted(int deleted, long now) {
        long total;
        synchronized (issuedHere) {
            evicted += deleted;
            if (lastWarn != Long.MIN_VALUE && now - lastWarn < WARN_EVERY_MILLIS) {
                return; // one line a minute is enough to say a flood is going on
            }
            lastWarn = now;
            total = evicted;
        }
        LOG.warn("digest nonces dropped before expiry: more than {} alive from this node (challenge flood?), "
                + "{} dropped since start", maxIssuedHere, total);
    }

    @Override
    public boolean usable(String nonce, long freshFloor) {
        return jdbi.withHandle(h -> h.createQuery("SELECT at FROM endpoint_digest_nonces WHERE nonce = :n")
                .bind("n", nonce).mapTo(Long.class).findOne()).map(at -> at >= freshFloor).orElse(false);
    }

    @Override
    public boolean advance(String nonce, long nc, long freshFloor) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE endpoint_digest_nonces SET last_nc = :nc "
                        + "WHERE nonce = :n AND last_nc < :nc AND at >= :floor")
                .bind("nc", nc).bind("n", nonce).bind("floor", freshFloor).execute()) == 1;
    }

    @Override
    public boolean consume(String nonce, long freshFloor) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM endpoint_digest_nonces WHERE nonce = :n AND at >= :floor")
                .bind("n", nonce).bind("floor", freshFloor).execute()) == 1;
    }

    /** Deletes every node's expired rows, and forgets this node's expired ones. */
    @Override
    public int purge(long freshFloor) {
        // a full scan (no index on at), once a minute over a table bounded as the class comment says
        int deleted = jdbi.withHandle(h -> h.createUpdate("DELETE FROM endpoint_digest_nonces WHERE at < :floor")
                .bind("floor", freshFloor).execute());
        synchronized (issuedHere) {
            while (!issuedHere.isEmpty() && issuedHere.peekFirst().at() < freshFloor) {
                issuedHere.removeFirst();
            }
        }
        return deleted;
    }

    /** Rows in the table now (tests, metrics). */
    public long rows() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM endpoint_digest_nonces").mapTo(Long.class).one());
    }
}
