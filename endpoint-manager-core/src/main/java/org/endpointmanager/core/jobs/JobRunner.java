package org.endpointmanager.core.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.endpointmanager.core.cluster.Leases;
import org.endpointmanager.core.http.Json;
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
 *
 * <p>With several nodes on one database a job runs under the lease {@code job:<id>}. When its
 * node stops renewing it (the node died), {@link #resumeOrphans()} on another node takes the
 * lease once it expired and runs the items still pending, with the action rebuilt by the factory
 * registered for the job's kind ({@link #resumable}).
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
     * @param idempotencyKey a client's key for this request ({@code Idempotency-Key}): the same
     *     creator and key start one job, on whichever node, however often the request is retried
     */
    public record Options(int concurrency, Duration stagger, Optional<String> idempotencyKey) {
        /** Validates. */
        public Options {
            if (concurrency < 1 || concurrency > 256) {
                throw new IllegalArgumentException("concurrency must be 1..256");
            }
            Objects.requireNonNull(stagger, "stagger is null");
            if (stagger.isNegative() || stagger.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new IllegalArgumentException("stagger must be 0..300 seconds");
            }
            Objects.requireNonNull(idempotencyKey, "idempotencyKey is null");
            idempotencyKey.ifPresent(k -> {
                if (!isIdempotencyKey(k)) {
                    throw new IllegalArgumentException(IDEMPOTENCY_KEY_RULE);
                }
            });
        }

        /** Without an idempotency key. */
        public Options(int concurrency, Duration stagger) {
            this(concurrency, stagger, Optional.empty());
        }

        /** The same options with a client's idempotency key. */
        public Options withIdempotencyKey(Optional<String> key) {
            return new Options(concurrency, stagger, key);
        }
    }

    private static final java.util.regex.Pattern IDEMPOTENCY_KEY = java.util.regex.Pattern.compile("[A-Za-z0-9._:\\-]{1,64}");
    /** What a valid idempotency key is, for error messages. */
    public static final String IDEMPOTENCY_KEY_RULE = "Idempotency-Key must be 1..64 of A-Z a-z 0-9 . _ : -";

    /** Whether a client's idempotency key is well-formed. */
    public static boolean isIdempotencyKey(String key) {
        return key != null && IDEMPOTENCY_KEY.matcher(key).matches();
    }
    /** How long a key stands for the job it started: retries come within minutes, not days. */
    static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);
    /** How long a retried request waits for the job its first attempt is creating on another node. */
    private static final Duration CLAIMED_JOB_WAIT = Duration.ofSeconds(5);

    private final JobStore store;
    private final Clock clock;
    private final ExecutorService workers;
    private final ExecutorService dispatchers;
    /** Jobs this node runs now (also while it is submitting or resuming one). */
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final Optional<Leases> leases;
    private final List<BiConsumer<String, Boolean>> itemListeners = new CopyOnWriteArrayList<>();
    private final Map<String, List<Function<JobRecord, Optional<ItemAction>>>> factories = new ConcurrentHashMap<>();
    private final AtomicInteger runningJobs = new AtomicInteger();
    /** A job's lease lasts this long; the runner renews it every third of it while the job runs. */
    static final Duration LEASE_TTL = Duration.ofSeconds(60);
    /** How often the orphan check runs (when started). */
    static final Duration RESUME_EVERY = Duration.ofSeconds(20);
    private static final int RESUME_BATCH = 1000; // live jobs are listed too: far more than ever run at once
    private final ScheduledExecutorService timer;
    private boolean resuming;

    /**
     * One job running here: {@code stop} when cancelled; {@code left} says why this node stopped
     * running it without finishing it (lease lost, node stopping): it starts no more items and
     * writes no final state, because another node resumes the job.
     */
    private final class Run {
        private final String id;
        final AtomicBoolean stop = new AtomicBoolean();
        volatile String left;
        /** When this node last renewed the job's lease (its own clock). */
        volatile long renewedAt = clock.millis();

        Run(String id) {
            this.id = id;
        }

        boolean left() {
            return left != null;
        }

        /**
         * Whether an item may start: not once the job was left, nor once the lease may have
         * expired unrenewed (the database was unreachable), since another node may run the
         * job's items by then.
         */
        boolean mayStart() {
            if (!left() && leases.isPresent() && clock.millis() - renewedAt >= LEASE_TTL.toMillis()) {
                left = "its lease was not renewed in time";
                LOG.error("job {}: lease not renewed for {} s: no more items start on node {}", id,
                        LEASE_TTL.toSeconds(), leases.get().node());
            }
            return !left();
        }
    }

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
     * ({@code job:<id>}), renewed every {@code 20 s} while it runs; a node that loses it stops
     * starting items and leaves them to the new holder.
     */
    public JobRunner(JobStore store, Clock clock, int maxWorkers, Leases leases) {
        this.leases = Optional.ofNullable(leases);
        this.store = Objects.requireNonNull(store, "store is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.workers = Executors.newFixedThreadPool(maxWorkers, named("em-job-worker"));
        this.dispatchers = Executors.newCachedThreadPool(named("em-job-dispatch"));
        if (leases != null) {
            // renewal runs on its own timer, not between items: an item may run for minutes (a
            // firmware push polls until the phone shows the version), longer than the lease
            this.timer = Executors.newSingleThreadScheduledExecutor(named("em-job-leases"));
            long period = LEASE_TTL.toMillis() / 3;
            timer.scheduleWithFixedDelay(this::renewQuietly, period, period, TimeUnit.MILLISECONDS);
        } else {
            this.timer = null;
        }
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
        if (options.idempotencyKey().isPresent() && leases.isPresent()) {
            Optional<String> earlier = leases.get().claim(claimName(createdBy, options.idempotencyKey().get()), id,
                    IDEMPOTENCY_WINDOW);
            if (earlier.isPresent()) {
                LOG.info("job {} not started again: kind={} by={} repeats an earlier request (same Idempotency-Key)",
                        earlier.get(), kind, createdBy);
                return awaitClaimed(earlier.get());
            }
        }
        JobRecord job = new JobRecord(id, kind, "queued", createdBy, clock.instant(), Optional.empty(),
                targets.size(), 0, 0, paramsJson);
        List<JobItemRecord> items = new ArrayList<>(targets.size());
        for (int i = 0; i < targets.size(); i++) {
            items.add(new JobItemRecord(id, i, targets.get(i), "pending", "", clock.instant()));
        }
        Run run = new Run(id);
        runs.put(id, run);
        String lease = "job:" + id;
        try {
            // the lease is taken before the job exists, so no node ever sees it unfinished and unleased
            if (leases.isPresent() && !leases.get().acquire(lease, LEASE_TTL)) {
                throw new IllegalStateException("lease " + lease + " is held by another node");
            }
            store.create(job, items);
        } catch (RuntimeException e) {
            runs.remove(id);
            leases.ifPresent(l -> releaseQuietly(l, id));
            throw e;
        }
        dispatchers.execute(() -> run(job, items, options, action, run, 0, 0, false));
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

    /** The claim of a creator's key: hashed, so any principal name and key fit the lease name. */
    private static String claimName(String createdBy, String key) {
        return "idempotency:" + org.endpointmanager.core.security.Sha256.hex(createdBy + "\n" + key);
    }

    /**
     * The job an earlier request with the same key started: its row may still be being written by
     * the node that claimed the key, so it is waited for a little.
     */
    private JobRecord awaitClaimed(String jobId) {
        long end = System.nanoTime() + CLAIMED_JOB_WAIT.toNanos();
        while (true) {
            Optional<JobRecord> job = store.find(jobId);
            if (job.isPresent()) {
                return job.get();
            }
            if (System.nanoTime() > end) {
                throw new IllegalStateException("the request with this Idempotency-Key is still being started (job "
                        + jobId + "); ask again later");
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for job " + jobId, e);
            }
        }
    }

    /**
     * Says how to rebuild the action of a job of {@code kind} from its record (its params and
     * creator), so that a job whose node stopped can be finished by another. Several services may
     * use one kind (a reboot by NOTIFY, a bulk reboot by driver or NOTIFY): each factory answers
     * empty for jobs it does not recognise by their params, and the newest registration is asked
     * first. A kind nobody registered is not resumable: its job is marked failed.
     */
    public void resumable(String kind, Function<JobRecord, Optional<ItemAction>> factory) {
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(factory, "factory is null");
        factories.computeIfAbsent(kind, k -> new CopyOnWriteArrayList<>()).add(0, factory);
    }

    /** The kinds with a resume factory. */
    public Set<String> resumableKinds() {
        return Set.copyOf(factories.keySet());
    }

    /** Told of every finished item: the job kind and whether it succeeded (the metrics). Must not throw. */
    public void onItem(BiConsumer<String, Boolean> listener) {
        itemListeners.add(Objects.requireNonNull(listener, "listener is null"));
    }

    /** Jobs running on this node now. */
    public int running() {
        return runningJobs.get();
    }

    /** Asks a running job to stop; false when it is not running here. */
    public boolean cancel(String jobId) {
        Run run = runs.get(jobId);
        if (run == null) {
            return false;
        }
        run.stop.set(true);
        return true;
    }

    /**
     * Checks for orphaned jobs every {@link #RESUME_EVERY} while {@code here} says so (the
     * cluster's maintenance lease: one node looks for all). Call once the resume factories are
     * registered. Without leases (a runner for one process only) there is nothing to check.
     */
    public synchronized void startResuming(BooleanSupplier here) {
        Objects.requireNonNull(here, "here is null");
        if (timer == null || resuming) {
            return;
        }
        resuming = true;
        long period = RESUME_EVERY.toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                if (here.getAsBoolean()) {
                    resumeOrphans();
                }
            } catch (RuntimeException e) {
                LOG.warn("orphaned job check failed: {}", e.toString());
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    /** Renews the lease of every job running here (the timer calls it; tests call it to avoid waiting). */
    public void renewLeases() {
        if (leases.isEmpty()) {
            return;
        }
        for (Map.Entry<String, Run> e : runs.entrySet()) {
            String id = e.getKey();
            try {
                long now = clock.millis();
                if (leases.get().acquire("job:" + id, LEASE_TTL)) {
                    e.getValue().renewedAt = now;
                } else if (!e.getValue().left()) {
                    e.getValue().left = "it lost the job's lease";
                    LOG.error("job {} lost its lease on node {}: items not started are left to the node holding it",
                            id, leases.get().node());
                }
            } catch (RuntimeException ex) {
                // unknown, not lost: another node takes the job over only once the lease expired
                LOG.warn("job {} lease not renewed: {}", id, ex.toString());
            }
        }
    }

    private void renewQuietly() {
        try {
            renewLeases();
        } catch (RuntimeException e) {
            LOG.warn("job lease renewal failed: {}", e.toString());
        }
    }

    /**
     * Takes over jobs left {@code queued} or {@code running} by a node that stopped: those not
     * running here whose lease expired (or is gone). Items still {@code pending} run here under
     * the job's lease, with the action its kind's factory rebuilds; items the stopped node left
     * {@code running} are marked failed and not retried, because their work may have been done
     * already (a NOTIFY sent, a phone rebooting, a firmware URL accepted) and doing it twice can
     * reboot or reset a phone twice; the operator sees which and can run them again. A job whose
     * kind has no factory is marked failed, each pending item saying so.
     *
     * @return the ids of the jobs taken over (resumed or marked failed)
     */
    public List<String> resumeOrphans() {
        if (leases.isEmpty()) {
            return List.of();
        }
        List<String> taken = new ArrayList<>();
        for (JobRecord seen : store.unfinished(RESUME_BATCH)) {
            if (runs.containsKey(seen.id())) {
                continue;
            }
            String lease = "job:" + seen.id();
            String stopped = leases.get().lastHolder(lease).orElse("(unknown)");
            if (!leases.get().acquire(lease, LEASE_TTL)) {
                continue; // its node is alive and renewing
            }
            Run run = new Run(seen.id());
            if (runs.putIfAbsent(seen.id(), run) != null) {
                continue; // submitted or resumed here meanwhile; this node holds the lease for that run
            }
            // read again under the lease: it may have finished between the listing and now
            Optional<JobRecord> job = store.find(seen.id()).filter(j -> j.status().equals("queued")
                    || j.status().equals("running"));
            if (job.isEmpty()) {
                runs.remove(seen.id());
                releaseQuietly(leases.get(), seen.id());
                continue;
            }
            try {
                resume(job.get(), stopped, run);
                taken.add(seen.id());
            } catch (RuntimeException e) {
                runs.remove(seen.id());
                LOG.warn("job {} not resumed: {} (its lease expires and the next check tries again)", seen.id(),
                        e.toString());
            }
        }
        return taken;
    }

    private void resume(JobRecord job, String stopped, Run run) {
        List<JobItemRecord> pending = new ArrayList<>();
        int ok = 0;
        int failed = 0;
        int interrupted = 0;
        for (JobItemRecord item : store.items(job.id())) {
            switch (item.status()) {
                case "pending" -> pending.add(item);
                case "running" -> {
                    store.updateItem(new JobItemRecord(job.id(), item.seq(), item.target(), "failed",
                            "node " + stopped + " stopped while this item ran; not retried", clock.instant()));
                    interrupted++;
                    failed++;
                }
                case "ok" -> ok++;
                case "failed" -> failed++;
                default -> {
                    // cancelled items stay cancelled
                }
            }
        }
        Optional<ItemAction> action = Optional.empty();
        String why = "";
        try {
            action = rebuild(job);
        } catch (RuntimeException e) {
            why = ": " + e.getMessage();
        }
        String node = leases.get().node();
        if (action.isEmpty()) {
            for (JobItemRecord item : pending) {
                store.updateItem(new JobItemRecord(job.id(), item.seq(), item.target(), "failed",
                        "not resumable after node " + stopped + " stopped" + why, clock.instant()));
            }
            store.updateJob(withStatus(job, "failed", ok, failed + pending.size(), true));
            runs.remove(job.id());
            releaseQuietly(leases.get(), job.id());
            LOG.warn("job {} failed on node {}: node {} stopped and kind {} is not resumable{}; {} item(s) not run",
                    job.id(), node, stopped, job.kind(), why, pending.size());
            return;
        }
        Options options = options(job.paramsJson());
        LOG.info("job {} resumed on node {}: node {} stopped; kind={} items left={} left running (marked failed)={}",
                job.id(), node, stopped, job.kind(), pending.size(), interrupted);
        int okBefore = ok;
        int failedBefore = failed;
        ItemAction rebuilt = action.get();
        dispatchers.execute(() -> run(job, pending, options, rebuilt, run, okBefore, failedBefore, true));
    }

    private Optional<ItemAction> rebuild(JobRecord job) {
        for (Function<JobRecord, Optional<ItemAction>> f : factories.getOrDefault(job.kind(), List.of())) {
            Optional<ItemAction> a = f.apply(job);
            if (a.isPresent()) {
                return a;
            }
        }
        return Optional.empty();
    }

    /** The options a job was started with, from its params ({@code concurrency}, {@code stagger_ms}). */
    static Options options(String paramsJson) {
        int concurrency = 1;
        long stagger = 0;
        try {
            JsonNode p = Json.parseObject(paramsJson);
            concurrency = Math.max(1, Math.min(256, p.path("concurrency").asInt(1)));
            stagger = Math.max(0, Math.min(300_000, p.path("stagger_ms").asLong(0)));
        } catch (RuntimeException e) {
            // params that are not an object: one at a time, no pause
        }
        return new Options(concurrency, Duration.ofMillis(stagger));
    }

    private void run(JobRecord job, List<JobItemRecord> items, Options options, ItemAction action, Run run,
            int okBefore, int failedBefore, boolean resumed) {
        Semaphore slots = new Semaphore(options.concurrency());
        AtomicInteger ok = new AtomicInteger(okBefore);
        AtomicInteger failed = new AtomicInteger(failedBefore);
        Object progressLock = new Object();
        runningJobs.incrementAndGet();
        boolean startedOne = false;
        try {
            store.updateJob(withStatus(job, "running", ok.get(), failed.get(), false));
            for (JobItemRecord item : items) {
                if (!run.mayStart()) {
                    break; // the node holding the lease now runs what is left
                }
                if (run.stop.get()) {
                    store.updateItem(new JobItemRecord(job.id(), item.seq(), item.target(), "cancelled",
                            "job cancelled before this item started", clock.instant()));
                    continue;
                }
                slots.acquire();
                if (!options.stagger().isZero() && startedOne) {
                    Thread.sleep(options.stagger().toMillis());
                }
                if (!run.mayStart()) {
                    slots.release();
                    break;
                }
                startedOne = true;
                Runnable work = () -> {
                    // The slot is released only once the result and the counters are stored, so
                    // the final state written by the dispatcher is never overtaken by progress.
                    try {
                        if (!run.mayStart()) {
                            return; // queued when this node left the job: never started, so still pending
                        }
                        // marked here, not when queued: "running" means the work may have begun; a
                        // node that cannot write this (its database is gone) does not start the work
                        store.updateItem(new JobItemRecord(job.id(), item.seq(), item.target(), "running", "",
                                clock.instant()));
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
                            if (!run.left()) {
                                store.updateJob(withStatus(job, "running", o, f, false));
                            }
                        }
                    } catch (RuntimeException e) {
                        LOG.error("job {} item {} could not be recorded: {}", job.id(), item.target(), e.toString());
                    } finally {
                        slots.release();
                    }
                };
                try {
                    workers.execute(work);
                } catch (RejectedExecutionException stopping) {
                    // the node is stopping (close() shut the workers): the item never ran and stays pending
                    slots.release();
                    break;
                }
            }
            slots.acquire(options.concurrency());
            slots.release(options.concurrency());
            if (run.left()) {
                LOG.warn("job {} left unfinished on node {}: {}; another node resumes it", job.id(),
                        leases.map(Leases::node).orElse("-"), run.left);
                return;
            }
            synchronized (progressLock) {
                int o = ok.get();
                int f = failed.get();
                if (resumed) {
                    // a resumed job counts from the items: the stopped node's counters may lag its items
                    List<JobItemRecord> all = store.items(job.id());
                    o = (int) all.stream().filter(i -> i.status().equals("ok")).count();
                    f = (int) all.stream().filter(i -> i.status().equals("failed")).count();
                }
                store.updateJob(withStatus(job, run.stop.get() ? "cancelled" : "done", o, f, true));
                LOG.info("job {} {}: ok={} failed={}", job.id(), run.stop.get() ? "cancelled" : "done", o, f);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failQuietly(job, run, ok.get(), failed.get());
        } catch (RuntimeException e) {
            LOG.error("job {} failed: {}", job.id(), e.toString());
            failQuietly(job, run, ok.get(), failed.get());
        } finally {
            // the lease goes before the job leaves the map, so the orphan check never finds it unleased and unrun
            if (!run.left()) {
                leases.ifPresent(l -> releaseQuietly(l, job.id()));
            }
            runs.remove(job.id());
            runningJobs.decrementAndGet();
        }
    }

    private void failQuietly(JobRecord job, Run run, int ok, int failed) {
        if (run.left()) {
            return; // not this node's to finish
        }
        try {
            store.updateJob(withStatus(job, "failed", ok, failed, true));
        } catch (RuntimeException e) {
            LOG.error("job {} could not be marked failed: {}", job.id(), e.toString());
        }
    }

    private static void releaseQuietly(Leases l, String jobId) {
        try {
            l.release("job:" + jobId);
        } catch (RuntimeException e) {
            LOG.warn("job {} lease not released (it expires): {}", jobId, e.toString());
        }
    }

    private JobRecord withStatus(JobRecord job, String status, int ok, int failed, boolean finished) {
        return new JobRecord(job.id(), job.kind(), status, job.createdBy(), job.createdAt(),
                finished ? Optional.of(clock.instant()) : Optional.empty(), job.total(), ok, failed, job.paramsJson());
    }

    /**
     * Stops. With leases, jobs running here are handed over rather than failed: no more items
     * start, those running get five seconds, and the leases are released so another node (or
     * this one after a restart) resumes the rest. Without leases nothing would resume them, so
     * they are cancelled.
     */
    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        List<String> handed = leases.isPresent() ? List.copyOf(runs.keySet()) : List.of();
        for (Run r : runs.values()) {
            if (leases.isPresent()) {
                r.left = "the node is stopping";
            } else {
                r.stop.set(true);
            }
        }
        dispatchers.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!handed.isEmpty()) {
            // expired rather than deleted: the node resuming a job can say whose it was
            handed.forEach(id -> {
                try {
                    leases.get().expire("job:" + id);
                } catch (RuntimeException e) {
                    LOG.warn("job {} lease not given up (it expires): {}", id, e.toString());
                }
            });
            LOG.info("{} job(s) handed over: node {} is stopping; their items not started are resumed elsewhere",
                    handed.size(), leases.get().node());
        }
    }
}
