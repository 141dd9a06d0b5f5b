package org.endpointmanager.core.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.endpointmanager.core.config.EndpointManagerConfig;
import org.endpointmanager.core.security.SecretBox;
import org.endpointmanager.core.store.Database;
import org.endpointmanager.core.store.JobItemRecord;
import org.endpointmanager.core.store.JobRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobRunnerTest {

    @TempDir
    Path dir;

    private Database open() {
        return Database.open(new EndpointManagerConfig.Database("jdbc:sqlite:jobs.db", Optional.empty(), Optional.empty(), 4),
                dir, SecretBox.open(dir.resolve("k.key"), Optional.empty()));
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
        throw new AssertionError("job did not finish");
    }

    @Test
    void runsEveryItemWithinTheConcurrencyCapAndRecordsEachResult() throws Exception {
        try (Database db = open(); JobRunner runner = new JobRunner(db.jobs(), Clock.systemUTC(), 16)) {
            AtomicInteger inFlight = new AtomicInteger();
            AtomicInteger peak = new AtomicInteger();
            List<String> targets = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                targets.add("t" + i);
            }
            JobRecord job = runner.submit("test", "tester", "{}", targets, new JobRunner.Options(3, Duration.ZERO), t -> {
                int now = inFlight.incrementAndGet();
                peak.accumulateAndGet(now, Math::max);
                Thread.sleep(5);
                inFlight.decrementAndGet();
                return new JobRunner.ItemResult(!t.equals("t7"), t.equals("t7") ? "refused" : "ok");
            });
            JobRecord done = await(db, job.id());
            assertEquals("done", done.status());
            assertEquals(39, done.succeeded());
            assertEquals(1, done.failed());
            assertTrue(peak.get() <= 3, "peak concurrency " + peak.get());
            List<JobItemRecord> items = db.jobs().items(job.id());
            assertEquals(40, items.size());
            assertEquals("failed", items.get(7).status());
            assertEquals("refused", items.get(7).detail());
        }
    }

    @Test
    void cancelStopsItemsNotYetStarted() throws Exception {
        try (Database db = open(); JobRunner runner = new JobRunner(db.jobs(), Clock.systemUTC(), 4)) {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            JobRecord job = runner.submit("test", "tester", "{}", List.of("a", "b", "c", "d"),
                    new JobRunner.Options(1, Duration.ZERO), t -> {
                        started.countDown();
                        release.await(10, TimeUnit.SECONDS);
                        return new JobRunner.ItemResult(true, "ok");
                    });
            assertTrue(started.await(10, TimeUnit.SECONDS));
            assertTrue(runner.cancel(job.id()));
            release.countDown();
            JobRecord done = await(db, job.id());
            assertEquals("cancelled", done.status());
            long cancelled = db.jobs().items(job.id()).stream().filter(i -> i.status().equals("cancelled")).count();
            assertTrue(cancelled >= 2, "items cancelled: " + cancelled);
        }
    }
}
