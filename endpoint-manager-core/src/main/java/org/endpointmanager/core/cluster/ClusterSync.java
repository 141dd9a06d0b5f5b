package org.endpointmanager.core.cluster;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.endpointmanager.core.store.ChangeLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the change log every {@code interval} (250 ms in the engine) and hands other nodes'
 * changes to the listeners, which drop cached devices, sites and templates, reload the settings
 * and apply lock-outs, and then to the change log's own listeners (cached device access rows and
 * firmware choices). Sequence numbers can become visible out of order (PostgreSQL and MySQL
 * hand them out before commit), so each poll looks back over a window of recent numbers and
 * skips those already handled. Old rows are deleted by the node holding the maintenance lease
 * ({@link ClusterNode#housekeeping()}), not by every poller.
 */
public final class ClusterSync implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterSync.class);
    private static final long LOOK_BACK = 500;
    private static final int MAX_ROWS = 5_000;

    private final ChangeLog log;
    private final List<Consumer<ChangeLog.Change>> listeners = new CopyOnWriteArrayList<>();
    private final Set<Long> seen = new HashSet<>();
    private final ArrayDeque<Long> seenOrder = new ArrayDeque<>();
    private final ScheduledExecutorService timer;
    private long high;
    private long polls;

    /** Starts from the log's current end: what happened before this node started is in the database already. */
    public ClusterSync(ChangeLog log) {
        this.log = Objects.requireNonNull(log, "log is null");
        this.high = log.head();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "em-cluster-sync");
            t.setDaemon(true);
            return t;
        });
    }

    /** Called, on the poller's thread, for each change another node made. */
    public void addListener(Consumer<ChangeLog.Change> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener is null"));
    }

    /** Starts polling. */
    public void start(Duration interval) {
        timer.scheduleWithFixedDelay(this::pollQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One poll (tests call it to avoid waiting); returns the changes handed out. */
    public synchronized int poll() {
        List<ChangeLog.Change> rows = log.since(Math.max(0, high - LOOK_BACK), MAX_ROWS);
        int handed = 0;
        for (ChangeLog.Change c : rows) {
            if (!seen.add(c.seq())) {
                continue;
            }
            seenOrder.addLast(c.seq());
            high = Math.max(high, c.seq());
            if (c.node().equals(log.node())) {
                continue; // this node acted on its own change when it made it
            }
            handed++;
            for (Consumer<ChangeLog.Change> l : listeners) {
                try {
                    l.accept(c);
                } catch (RuntimeException e) {
                    LOG.warn("cluster change not applied entity={} reason={}", c.entity(), e.toString());
                }
            }
            log.deliver(c); // the caches that listen on the log itself (device access, firmware)
        }
        while (seenOrder.size() > LOOK_BACK * 4) {
            seen.remove(seenOrder.removeFirst());
        }
        polls++;
        return handed;
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (RuntimeException e) {
            LOG.warn("cluster change log poll failed: {}", e.toString());
        }
    }

    /** Polls since start. */
    public synchronized long polls() {
        return polls;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
