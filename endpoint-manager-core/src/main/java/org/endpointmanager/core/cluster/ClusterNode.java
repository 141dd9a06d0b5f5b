package org.endpointmanager.core.cluster;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.endpointmanager.core.pnp.PnpController;
import org.endpointmanager.core.security.SourceThrottle;
import org.endpointmanager.core.settings.SettingsService;
import org.endpointmanager.core.store.CachingDeviceStore;
import org.endpointmanager.core.store.CachingSiteStore;
import org.endpointmanager.core.store.CachingTemplateStore;
import org.endpointmanager.core.store.ChangeLog;
import org.endpointmanager.core.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's part in a cluster of engines on one database: follows the change log (dropping
 * cached devices, sites and templates, reloading settings, applying lock-outs), shares lock-out
 * counters and Digest nonces, holds the job leases and runs the PnP responder only while it holds its lease. With a
 * single node (SQLite) all of this costs one small query every poll.
 *
 * <p>Work done for the whole cluster on a timer runs on one node at a time, the one holding the
 * lease {@code singleton:maintenance}: the phonebook refresher, the registration sweeper, the
 * orphaned-job check (each keeps its timer and asks {@link #leadsMaintenance()}) and the purges of
 * old change-log and lock-out rows ({@link #housekeeping()}). Per-node work (the change-log poll,
 * the fetch-record flush, caches) runs everywhere.
 */
public final class ClusterNode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);
    /** How often the change log is polled: a change is in force everywhere within about this. */
    public static final Duration POLL = Duration.ofMillis(250);
    static final Duration SINGLETON_TTL = Duration.ofSeconds(15);
    /** Digest nonces one node keeps alive at most (as many as one node kept in memory before). */
    static final int NONCES_PER_NODE = 20_000;
    /** How often the maintenance leader purges old shared rows. */
    static final Duration HOUSEKEEPING_EVERY = Duration.ofMinutes(5);
    /** A change older than this was seen by every node long ago (they poll every 250 ms). */
    static final Duration CHANGES_RETENTION = Duration.ofHours(1);
    /** A lock-out row idle this long counts nothing: far longer than any miss window. */
    static final Duration LOCKOUT_RETENTION = Duration.ofDays(1);

    private final Database db;
    private final Clock clock;
    private final ClusterSync sync;
    private final Leases leases;
    private final SharedLockouts lockouts;
    private final SharedNonces nonces;
    private SingletonLease pnpLease;
    private final SingletonLease maintenance;
    private ScheduledExecutorService housekeeper;
    private SourceThrottle throttle;
    private boolean started;

    private ClusterNode(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.sync = new ClusterSync(db.changes());
        this.leases = new Leases(db.background(), db.changes().node(), clock);
        this.lockouts = new SharedLockouts(db.background(), db.changes());
        this.nonces = new SharedNonces(db.background(), NONCES_PER_NODE);
        // SingletonLease logs each take and loss; the tasks ask leading() when their timers fire
        this.maintenance = new SingletonLease(leases, "maintenance", SINGLETON_TTL, leads -> { });
        sync.addListener(this::apply);
    }

    /** Creates the node over an opened database (polling starts with {@link #start()}). */
    public static ClusterNode create(Database db, Clock clock) {
        Objects.requireNonNull(db, "db is null");
        Objects.requireNonNull(clock, "clock is null");
        return new ClusterNode(db, clock);
    }

    private volatile SettingsService settings;

    /** Connects the parts that follow other nodes' changes. */
    public void wire(SettingsService settings, SourceThrottle throttle, PnpController pnp) {
        this.settings = Objects.requireNonNull(settings, "settings is null");
        this.throttle = Objects.requireNonNull(throttle, "throttle is null");
        throttle.share(lockouts);
        pnp.lead(false);
        this.pnpLease = new SingletonLease(leases, "pnp", SINGLETON_TTL, pnp::lead);
    }

    private void apply(ChangeLog.Change c) {
        switch (c.entity()) {
            case DEVICE -> {
                if (db.devices() instanceof CachingDeviceStore d) {
                    d.invalidate(c.key());
                }
            }
            case SITE -> {
                if (db.sites() instanceof CachingSiteStore s) {
                    s.invalidate(c.key());
                }
            }
            case TEMPLATE -> {
                if (db.templates() instanceof CachingTemplateStore t) {
                    t.invalidate(c.key());
                }
            }
            case SETTINGS -> {
                if (settings != null) {
                    settings.reload();
                    LOG.info("settings reloaded: changed on node {}", c.node());
                }
            }
            case LOCKOUT -> {
                String[] parts = c.key().split("\\|");
                if (throttle != null && parts.length == 3 && parts[0].equals(throttle.label())) {
                    try {
                        throttle.lockFromPeer(parts[1], Long.parseLong(parts[2]));
                    } catch (NumberFormatException e) {
                        LOG.warn("malformed lockout change from node {}", c.node());
                    }
                }
            }
            case DEVICE_ACCESS, FIRMWARE, CONSOLE_SESSION -> {
                // their caches listen on the change log itself
            }
            default -> throw new IllegalStateException("unhandled " + c.entity());
        }
    }

    /** Applies running lock-outs, starts polling and takes part in the PnP lease. */
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        if (throttle != null) {
            for (SharedLockouts.Active a : lockouts.active(clock.millis(), 10_000)) {
                if (a.label().equals(throttle.label())) {
                    throttle.lockFromPeer(a.key(), a.until());
                }
            }
        }
        sync.start(POLL);
        if (pnpLease != null) {
            pnpLease.start();
        }
        maintenance.start();
        housekeeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "em-cluster-housekeeping");
            t.setDaemon(true);
            return t;
        });
        long every = HOUSEKEEPING_EVERY.toMillis();
        housekeeper.scheduleWithFixedDelay(() -> {
            try {
                housekeeping();
            } catch (RuntimeException e) {
                LOG.warn("cluster housekeeping failed: {}", e.toString());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Whether this node does the cluster's periodic work now (it holds {@code
     * singleton:maintenance}). Tasks on timers ask this each time they fire.
     */
    public boolean leadsMaintenance() {
        return maintenance.leading();
    }

    /**
     * Deletes change-log rows older than an hour, lock-out rows that count nothing and leases or
     * idempotency claims expired for an hour, when this
     * node holds the maintenance lease (the timer calls it every five minutes).
     *
     * @return whether this node did it
     */
    public boolean housekeeping() {
        if (!leadsMaintenance()) {
            return false;
        }
        long now = clock.millis();
        int changes = db.changes().purge(now - CHANGES_RETENTION.toMillis());
        int idle = lockouts.purge(now, LOCKOUT_RETENTION.toMillis());
        // an hour's grace: a node whose clock runs behind still sees its own lease as live
        int expired = leases.purgeExpired(now - Duration.ofHours(1).toMillis());
        if (changes + idle + expired > 0) {
            LOG.info("cluster housekeeping: deleted {} change-log row(s), {} idle lock-out row(s) and {} expired lease(s)",
                    changes, idle, expired);
        }
        return true;
    }

    /** One attempt at each of this node's singleton leases now (tests; the leases' timers do it otherwise). */
    public void tickLeases() {
        if (pnpLease != null) {
            pnpLease.tick();
        }
        maintenance.tick();
    }

    /** One poll of the change log now (tests). */
    public int pollNow() {
        return sync.poll();
    }

    /** The Digest nonces all nodes share (the provisioning authenticator uses them). */
    public SharedNonces nonces() {
        return nonces;
    }

    /** The leases of this node. */
    public Leases leases() {
        return leases;
    }

    /** This node's id. */
    public String node() {
        return leases.node();
    }

    /** Whether this node runs the PnP responder now. */
    public boolean leadsPnp() {
        return pnpLease != null && pnpLease.leading();
    }

    @Override
    public synchronized void close() {
        if (housekeeper != null) {
            housekeeper.shutdownNow();
        }
        maintenance.close();
        if (pnpLease != null) {
            pnpLease.close();
        }
        sync.close();
    }
}
