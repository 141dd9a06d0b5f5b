package org.endpointmanager.core.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.endpointmanager.core.cluster.Leases;
import org.endpointmanager.core.config.EndpointManagerConfig;
import org.endpointmanager.core.security.SecretBox;
import org.endpointmanager.core.store.Database;
import org.endpointmanager.core.store.Database.DbKind;
import org.endpointmanager.core.store.JobItemRecord;
import org.endpointmanager.core.store.JobRecord;
import org.endpointmanager.core.store.TestDatabases;
import org.endpointmanager.testkit.MutableClock;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A job whose node dies is finished by another node on the same database. Node A is "killed" by
 * closing its connection pool while one item blocks: nothing it does reaches the database any
 * more, so the job stays running, its lease stops being renewed and its other items stay
 * pending, as a crashed node leaves them. The lease clock is a {@link MutableClock}.
 */
class JobResumptionTest {

    private static final Instant T = Instant.parse("2030-01-01T00:00:00Z");
    private static final String KEY = TestDatabases.randomKey();
    private static final String PARAMS = "{\"concurrency\":2,\"stagger_ms\":0}";

    @TempDir
    Path root;

    /** One node: its own pool on the shared database and a runner holding leases in its name. */
    private final class Node implements AutoCloseable {
        final Database db;
        final JobRunner jobs;

        Node(String name, String url, MutableClock clock) {
            db = Database.open(new EndpointManagerConfig.Database(url, Optional.empty(), Optional.empty(), 4),
                    root.resolve(name), SecretBox.open(root.resolve("unused.key"), Optional.of(KEY)));
            jobs = new JobRunner(db.jobs(), clock, 8, new Leases(db.background(), name, clock));
        }

        @Override
        public void close() {
            jobs.close();
            db.close();
        }
    }

    private static List<String> targets(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add("t" + i);
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DbKind.class)
    void theItemsADeadNodeLeftPendingRunOnceOnAnotherNode(DbKind kind) throws Exception {
        MutableClock clock = new MutableClock(T);
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        Map<String, AtomicInteger> resumedRuns = new ConcurrentHashMap<>();
        JobRunner.ItemAction counting = t -> {
            resumedRuns.computeIfAbsent(t, k -> new AtomicInteger()).incrementAndGet();
            return new JobRunner.ItemResult(true, "done elsewhere");
        };
        try (TestDatabases.EmptyDatabase shared = TestDatabases.createEmpty(kind);
                Node a = new Node("node-a", shared.url(), clock);
                Node b = new Node("node-b", shared.url(), clock);
                Node c = new Node("node-c", shared.url(), clock);
                AutoCloseable unblock = never::countDown) { // before A's runner waits for its worker
            b.jobs.resumable("test", job -> Optional.of(counting));
            c.jobs.resumable("test", job -> Optional.of(counting));
            JobRecord job = a.jobs.submit("test", "tester", PARAMS, targets(10), new JobRunner.Options(1, Duration.ZERO),
                    t -> {
                        if (t.equals("t0")) {
                            return new JobRunner.ItemResult(true, "done on A");
                        }
                        blocked.countDown();
                        never.await(60, TimeUnit.SECONDS);
                        return new JobRunner.ItemResult(true, "too late");
                    });
            assertTrue(blocked.await(20, TimeUnit.SECONDS));
            a.db.close(); // A dies with t1 running

            List<JobItemRecord> left = b.db.jobs().items(job.id());
            assertEquals("running", b.db.jobs().find(job.id()).orElseThrow().status());
            assertEquals(List.of("ok", "running"), left.subList(0, 2).stream().map(JobItemRecord::status).toList());
            assertTrue(left.subList(2, 10).stream().allMatch(i -> i.status().equals("pending")), left.toString());

            assertEquals(List.of(), b.jobs.resumeOrphans(), "A's lease has not expired yet");
            clock.advance(JobRunner.LEASE_TTL.plusSeconds(1));

            // B and C look at the same moment: the job's lease lets exactly one of them take it
            CountDownLatch go = new CountDownLatch(1);
            List<String> taken = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Thread> threads = new ArrayList<>();
            for (Node n : List.of(b, c)) {
                Thread t = new Thread(() -> {
                    try {
                        go.await();
                        taken.addAll(n.jobs.resumeOrphans());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                t.start();
                threads.add(t);
            }
            go.countDown();
            for (Thread t : threads) {
                t.join();
            }
            assertEquals(List.of(job.id()), taken, "one node resumes the job");

            JobRecord done = await(b.db, job.id());
            assertEquals("done", done.status());
            assertEquals(9, done.succeeded());
            assertEquals(1, done.failed());
            List<JobItemRecord> items = b.db.jobs().items(job.id());
            assertEquals("done on A", items.get(0).detail(), "what A finished is not run again");
            assertEquals("failed", items.get(1).status());
            assertEquals("node node-a stopped while this item ran; not retried", items.get(1).detail());
            for (JobItemRecord i : items.subList(2, 10)) {
                assertEquals("ok", i.status(), i.toString());
                assertEquals("done elsewhere", i.detail());
            }
            assertEquals(8, resumedRuns.size());
            resumedRuns.forEach((t, n) -> assertEquals(1, n.get(), t + " ran " + n.get() + " times"));
            assertTrue(!resumedRuns.containsKey("t0") && !resumedRuns.containsKey("t1"));

            clock.advance(JobRunner.LEASE_TTL.plusSeconds(1));
            assertEquals(List.of(), b.jobs.resumeOrphans(), "a finished job is never taken again");
            assertEquals(List.of(), c.jobs.resumeOrphans());
        } finally {
            never.countDown();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DbKind.class)
    void aJobOfAKindNobodyCanRebuildIsMarkedFailed(DbKind kind) throws Exception {
        MutableClock clock = new MutableClock(T);
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        try (TestDatabases.EmptyDatabase shared = TestDatabases.createEmpty(kind);
                Node a = new Node("node-a", shared.url(), clock);
                Node b = new Node("node-b", shared.url(), clock);
                AutoCloseable unblock = never::countDown) {
            JobRecord job = a.jobs.submit("opaque", "tester", "{}", targets(3), new JobRunner.Options(1, Duration.ZERO),
                    t -> {
                        blocked.countDown();
                        never.await(60, TimeUnit.SECONDS);
                        return new JobRunner.ItemResult(true, "too late");
                    });
            assertTrue(blocked.await(20, TimeUnit.SECONDS));
            a.db.close();
            clock.advance(JobRunner.LEASE_TTL.plusSeconds(1));

            assertEquals(List.of(job.id()), b.jobs.resumeOrphans());
            JobRecord failed = b.db.jobs().find(job.id()).orElseThrow();
            assertEquals("failed", failed.status(), "not left running forever");
            assertTrue(failed.finishedAt().isPresent());
            assertEquals(3, failed.failed());
            List<JobItemRecord> items = b.db.jobs().items(job.id());
            assertEquals("node node-a stopped while this item ran; not retried", items.get(0).detail());
            assertEquals("not resumable after node node-a stopped", items.get(1).detail());
            assertEquals("not resumable after node node-a stopped", items.get(2).detail());
        } finally {
            never.countDown();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DbKind.class)
    void aLiveNodeKeepsItsJobByRenewingTheLease(DbKind kind) throws Exception {
        MutableClock clock = new MutableClock(T);
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger onB = new AtomicInteger();
        try (TestDatabases.EmptyDatabase shared = TestDatabases.createEmpty(kind);
                Node a = new Node("node-a", shared.url(), clock);
                Node b = new Node("node-b", shared.url(), clock)) {
            b.jobs.resumable("test", job -> Optional.of(t -> {
                onB.incrementAndGet();
                return new JobRunner.ItemResult(true, "stolen");
            }));
            JobRecord job = a.jobs.submit("test", "tester", PARAMS, targets(3), new JobRunner.Options(1, Duration.ZERO),
                    t -> {
                        blocked.countDown();
                        release.await(60, TimeUnit.SECONDS);
                        return new JobRunner.ItemResult(true, "done on A");
                    });
            assertTrue(blocked.await(20, TimeUnit.SECONDS));
            // a first item runs longer than the lease: renewal, not item progress, keeps the job A's
            clock.advance(Duration.ofSeconds(50));
            a.jobs.renewLeases();
            clock.advance(Duration.ofSeconds(50));
            assertEquals(List.of(), b.jobs.resumeOrphans());
            release.countDown();
            JobRecord done = await(a.db, job.id());
            assertEquals("done", done.status());
            assertEquals(3, done.succeeded());
            assertEquals(0, onB.get());
        } finally {
            release.countDown();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DbKind.class)
    void aNodeThatStopsHandsItsJobOverAtOnce(DbKind kind) throws Exception {
        MutableClock clock = new MutableClock(T);
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        AtomicInteger finished = new AtomicInteger();
        JobRunner.ItemAction action = t -> {
            runs.computeIfAbsent(t, k -> new AtomicInteger()).incrementAndGet();
            Thread.sleep(20);
            finished.incrementAndGet();
            return new JobRunner.ItemResult(true, "ok");
        };
        try (TestDatabases.EmptyDatabase shared = TestDatabases.createEmpty(kind);
                Node b = new Node("node-b", shared.url(), clock)) {
            b.jobs.resumable("test", job -> Optional.of(action));
            Node a = new Node("node-a", shared.url(), clock);
            JobRecord job = a.jobs.submit("test", "tester", PARAMS, targets(40), new JobRunner.Options(2, Duration.ZERO),
                    action);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (finished.get() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            a.close(); // a clean stop: the running items finish, the rest is left with the lease released
            assertEquals(List.of(job.id()), b.jobs.resumeOrphans(), "no wait for the lease to expire");
            JobRecord done = await(b.db, job.id());
            assertEquals("done", done.status());
            assertEquals(40, done.succeeded());
            assertEquals(40, runs.size());
            runs.forEach((t, n) -> assertEquals(1, n.get(), t + " ran " + n.get() + " times"));
        }
    }

    private static JobRecord await(Database db, String id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            JobRecord j = db.jobs().find(id).orElseThrow();
            if (j.finishedAt().isPresent()) {
                return j;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("job did not finish: " + db.jobs().items(id));
    }
}
