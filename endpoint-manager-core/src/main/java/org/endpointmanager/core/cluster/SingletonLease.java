package org.endpointmanager.core.cluster;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps something running on one node at a time (the PnP responder, the cluster's maintenance
 * tasks): every {@code ttl / 3} the
 * node takes or renews the lease and tells the callback whether it now leads. A node that cannot
 * reach the database stops leading before its lease runs out, so two nodes never both lead for
 * longer than one renewal period.
 */
public final class SingletonLease implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SingletonLease.class);

    private final Leases leases;
    private final String name;
    private final Duration ttl;
    private final Consumer<Boolean> onChange;
    private final ScheduledExecutorService timer;
    private volatile boolean leading;

    /** Creates the lease keeper; {@link #start()} begins. */
    public SingletonLease(Leases leases, String name, Duration ttl, Consumer<Boolean> onChange) {
        this.leases = Objects.requireNonNull(leases, "leases is null");
        this.name = "singleton:" + Objects.requireNonNull(name, "name is null");
        this.ttl = Objects.requireNonNull(ttl, "ttl is null");
        this.onChange = Objects.requireNonNull(onChange, "onChange is null");
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "em-lease-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Tries at once, then keeps renewing. */
    public void start() {
        tick();
        long period = Math.max(100, ttl.toMillis() / 3);
        timer.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.MILLISECONDS);
    }

    /** One attempt (tests call it). */
    public synchronized void tick() {
        boolean now;
        try {
            now = leases.acquire(name, ttl);
        } catch (RuntimeException e) {
            LOG.warn("lease {} not renewed: {}", name, e.toString());
            now = false;
        }
        if (now != leading) {
            leading = now;
            LOG.info("lease {} {} node={}", name, now ? "taken" : "lost", leases.node());
            onChange.accept(now);
        }
    }

    /** Whether this node leads now. */
    public boolean leading() {
        return leading;
    }

    @Override
    public synchronized void close() {
        timer.shutdownNow();
        if (leading) {
            leading = false;
            onChange.accept(false);
            try {
                leases.release(name);
            } catch (RuntimeException e) {
                LOG.warn("lease {} not released: {}", name, e.toString());
            }
        }
    }
}
