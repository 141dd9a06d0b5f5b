package org.endpointmanager.core.jobs;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.endpointmanager.core.store.JobItemRecord;
import org.endpointmanager.core.store.JobRecord;
import org.endpointmanager.core.store.JobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs: each item (one device) is one call of an {@link ItemAction}, at most {@code
 * concurrency} at a time per job, optionally started {@code stagger} apart. Progress and each
 * item's result are written to the job store as they happen, so {@code /jobs} shows them while
 * the job runs. A cancelled job finishes the items already running and marks the rest cancelled.
 */
public final class JobRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    /** The work done for one item. */
    @FunctionalInterface
    public interface ItemAction {
        /** Performs the operation on one target; exceptions count as a failed item. */
        ItemResult run(String target) throws Exception;
    }

    /**
     * The outcome of one item.
     *
     * @param ok whether it succeeded
     * @param detail what happened, for people (never a secret)
     */
    public record ItemResult(boolean ok, String detail) {
        /** Rejects null detail. */
        public ItemResult {
            Objects.requireNonNull(detail, "detail is null");
        }
    }

    /**
     * How a job runs.
     *
     * @param concurrency items in flight at once (1..256)
     * @param stagger pause between starting two items
     */
    public record Options(int concurrency, Duration stagger) {
        /** Validates. */
        public Options {
            if (concurrency < 1 || concurrency > 256) {
                throw new IllegalArgumentException("concurrency must be 1..256");
            }
            Objects.requireNonNull(stagger, "stagger is null");
            if (stagger.isNegative() || stagger.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new IllegalArgumentException("stagger must be 0..300 seconds");
            }
        }
    }

    private final JobStore store;
    private final Clock clock;
    private final ExecutorService workers;
    private final ExecutorService dispatchers;
    private final Map<String, AtomicBoolean> cancelled = new ConcurrentHashMap<>();
    private final Optional<org.endpointmanager.core.cluster.Leases> leases;
    private final List<java.util.function.BiConsumer<String, Boolean>> itemListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicInteger runningJobs = new AtomicInteger();
    private static final Duration LEASE_TTL = Duration.ofSeconds(60);

    /**
     * Creates the runner.
     *
     * @param store where jobs are recorded
     * @param maxWorkers threads shared by all jobs
     */
    public JobRunner(JobStore store, Clock clock, int maxWorkers) {
        this(store, clock, maxWorkers, null);
    }

    /**
     * Creates the runner for one node of several on a database: each job runs under a lease
     * ({@code job:<id>}), renewed while it runs; a node that loses it stops starting items.
     */
    public JobRunner(JobStore store, Clock clock, int maxWorkers, org.endpointmanager.core.cluster.Leases leases) {
        this.leases = Optional.ofNullable(leases);
        this.store = Objects.requireNonNull(store, "store is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.workers = Executors.newFixedThreadPool(maxWorkers, named("em-job-worker"));
        this.dispatchers = Executors.newCachedThreadPool(named("em-job-dispatch"));
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Records a job and starts it.
     *
     * @return the job as created (status {@code queued})
     */
    public JobRecord submit(String kind, String createdBy, String paramsJson, List<String> targets,
            Options options, ItemAction action) {
        String id = UUID.randomUUID().toString();
        JobRecord job = new JobRecord(id, kind, "queued", createdBy, clock.instant(), Optional.empty(),
                targets.size(), 0, 0, paramsJson);
        List<JobItemRecord> items = new ArrayList<>(targets.size());
        for (int i = 0; i < targets.size(); i++) {
            items.add(new JobItemRecord(id, i, targets.get(i), "pending", "", clock.instant()));
        }
        store.create(job, items);
        AtomicBoolean flag = new AtomicBoolean();
        cancelled.put(id, flag);
        dispatchers.execute(() -> run(job, items, options, action, flag));
        LOG.info("job {} started: kind={} items={} concurrency={} by={}", id, kind, targets.size(),
                options.concurrency(), createdBy);
        return job;
    }

    /**
     * Starts a job only if no node ever started one under {@code onceKey} (a bulk operation that
     * every node would otherwise start, or a request retried on another node): with several nodes
     * on one database exactly one runs it.
     *
     * @return the job when this node runs it, empty when another already did
     */
    public Optional<JobRecord> submitOnce(String onceKey, String kind, String createdBy, String paramsJson,
            List<String> targets, Options options, ItemAction action) {
        Objects.requireNonNull(onceKey, "onceKey is null");
        if (leases.isPresent() && !leases.get().acquireForever("once:" + onceKey)) {
            LOG.info("job {} not started here: another node runs it", onceKey);
            return Optional.empty();
        }
        return Optional.of(submit(kind, createdBy, paramsJson, targets, options, action));
    }

    /** Told of every finished item: the job kind and whether it succeeded (the metrics). Must not throw. */
    public void onItem(java.util.function.BiConsumer<String, Boolean> listener) {
        itemListeners.add(Objects.requireNonNull(listener, "listener is null"));
    }

    /** Jobs running on this node now. */
    public int running() {
        return runningJobs.get();
    }

    /** Asks a running job to stop; false when it is not running here. */
    public boolean cancel(String jobId) {
        AtomicBoolean flag = cancelled.get(jobId);
        if (flag == null) {
            return false;
        }
        flag.set(true);
        return true;
    }

    private void run(JobRecord job, List<JobItemRecord> items, Options options, ItemAction action, AtomicBoolean stop) {
        Semaphore slots = new Semaphore(options.concurrency());
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Object progressLock = new Object();
        JobRecord[] state = {withStatus(job, "running", 0, 0, false)};
        String lease = "job:" + job.id();
        if (leases.isPresent() && !leases.get().acquire(lease, LEASE_TTL)) {
            LOG.warn("job {} not run here: node {} does not hold its lease", job.id(), leases.get().node());
            cancelled.remove(job.id());
            return;
        }
        long renewed = clock.millis();
        runningJobs.incrementAndGet();
        store.updateJob(state[0]);
        try {
            for (JobItemRecord item : items) {
                if (leases.isPresent() && clock.millis() - renewed > LEASE_TTL.toMillis() / 3) {
                    renewed = clock.millis();
                    if (!leases.get().acquire(lease, LEASE_TTL)) {
                        LOG.error("job {} lost its lease: items not started are left to the new holder", job.id());
                        stop.set(true);
                    }
                }
                if (stop.get()) {
                    store.updateItem(new JobItemRecord(job.id(), item.seq(), item.target(), "cancelled",
                            "job cancelled before this item started", clock.instant()));
                    continue;
                }
                slots.acquire();
                if (!options.stagger().isZero() && item.seq() > 0) {
                    Thread.sleep(options.stagger().toMillis());
                }
                store.updateItem(new JobItemRecord(job.id(), item.seq(), item.target(), "running", "", clock.instant()));
                workers.execute(() -> {
                    // The slot is released only once the result and the counters are stored, so
                    // the final state written by the dispatcher is never overtaken by progress.
                    try {
                        ItemResult result;
                        try {
                            result = action.run(item.target());
                        } catch (Exception e) {
                            result = new ItemResult(false, "error: " + e.getMessage());
                        }
                        store.updateItem(new JobItemRecord(job.id(), item.seq(), item.target(),
                                result.ok() ? "ok" : "failed", result.detail(), clock.instant()));
                        boolean itemOk = result.ok();
                        itemListeners.forEach(l -> l.accept(job.kind(), itemOk));
                        synchronized (progressLock) {
                            int o = result.ok() ? ok.incrementAndGet() : ok.get();
                            int f = result.ok() ? failed.get() : failed.incrementAndGet();
                            state[0] = withStatus(job, "running", o, f, false);
                            store.updateJob(state[0]);
                        }
                    } catch (RuntimeException e) {
                        LOG.error("job {} item {} could not be recorded: {}", job.id(), item.target(), e.toString());
                    } finally {
                        slots.release();
                    }
                });
            }
            slots.acquire(options.concurrency());
            slots.release(options.concurrency());
            synchronized (progressLock) {
                store.updateJob(withStatus(job, stop.get() ? "cancelled" : "done", ok.get(), failed.get(), true));
            }
            LOG.info("job {} {}: ok={} failed={}", job.id(), stop.get() ? "cancelled" : "done", ok.get(), failed.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            store.updateJob(withStatus(job, "failed", ok.get(), failed.get(), true));
        } catch (RuntimeException e) {
            LOG.error("job {} failed: {}", job.id(), e.toString());
            store.updateJob(withStatus(job, "failed", ok.get(), failed.get(), true));
        } finally {
            runningJobs.decrementAndGet();
            cancelled.remove(job.id());
            leases.ifPresent(l -> {
                try {
                    l.release(lease);
                } catch (RuntimeException e) {
                    LOG.warn("job {} lease not released (it expires): {}", job.id(), e.toString());
                }
            });
        }
    }

    private JobRecord withStatus(JobRecord job, String status, int ok, int failed, boolean finished) {
        return new JobRecord(job.id(), job.kind(), status, job.createdBy(), job.createdAt(),
                finished ? Optional.of(clock.instant()) : Optional.empty(), job.total(), ok, failed, job.paramsJson());
    }

    @Override
    public void close() {
        cancelled.values().forEach(f -> f.set(true));
        dispatchers.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
