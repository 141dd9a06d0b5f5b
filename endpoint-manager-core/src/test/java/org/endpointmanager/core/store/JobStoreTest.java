package org.endpointmanager.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

class JobStoreTest {
    private static final Instant T = Fixtures.T0;

    @DatabaseTest
    void createUpdateAndReadJobsWithItems(Database db) {
        JobRecord job = new JobRecord("j1", "reboot", "queued", "alice", T, Optional.empty(), 3, 0, 0,
                "{\"force\":true}");
        List<JobItemRecord> items = List.of(item("j1", 0, "80:5e:c0:00:00:01", "pending"),
                item("j1", 2, "80:5e:c0:00:00:03", "pending"), item("j1", 1, "80:5e:c0:00:00:02", "pending"));
        db.jobs().create(job, items);
        db.jobs().create(new JobRecord("j0", "resync", "done", "bob", T.minusSeconds(60),
                Optional.of(T.minusSeconds(30)), 0, 0, 0, "{}"), List.of());

        assertEquals(Optional.of(job), db.jobs().find("j1"));
        assertEquals(List.of(0, 1, 2), db.jobs().items("j1").stream().map(JobItemRecord::seq).toList());

        JobItemRecord done = new JobItemRecord("j1", 1, "80:5e:c0:00:00:02", "ok", "200 OK via sip",
                T.plusSeconds(2));
        db.jobs().updateItem(done);
        assertEquals(done, db.jobs().items("j1").get(1));
        assertEquals("pending", db.jobs().items("j1").get(0).status());

        JobRecord finished = new JobRecord("j1", "reboot", "done", "alice", T, Optional.of(T.plusSeconds(10)), 3, 2,
                1, "{\"force\":true}");
        db.jobs().updateJob(finished);
        db.jobs().updateJob(finished);
        assertEquals(Optional.of(finished), db.jobs().find("j1"), "unchanged rewrite still finds the job");

        assertEquals(List.of("j1", "j0"), db.jobs().list(0, 10).stream().map(JobRecord::id).toList());
        assertEquals(List.of("j0"), db.jobs().list(1, 10).stream().map(JobRecord::id).toList());
        assertEquals(Optional.empty(), db.jobs().find("nope"));
    }

    @DatabaseTest
    void updatesOfMissingJobsAreNotFound(Database db) {
        StoreException job = assertThrows(StoreException.class, () -> db.jobs().updateJob(
                new JobRecord("nope", "reboot", "done", "a", T, Optional.empty(), 0, 0, 0, "{}")));
        assertEquals(StoreException.Kind.NOT_FOUND, job.kind());
        db.jobs().create(new JobRecord("j1", "reboot", "queued", "a", T, Optional.empty(), 1, 0, 0, "{}"),
                List.of(item("j1", 0, "x", "pending")));
        StoreException item = assertThrows(StoreException.class,
                () -> db.jobs().updateItem(item("j1", 7, "x", "ok")));
        assertEquals(StoreException.Kind.NOT_FOUND, item.kind());
        StoreException duplicate = assertThrows(StoreException.class, () -> db.jobs().create(
                new JobRecord("j1", "reboot", "queued", "a", T, Optional.empty(), 0, 0, 0, "{}"), List.of()));
        assertEquals(StoreException.Kind.DUPLICATE, duplicate.kind());
    }

    @DatabaseTest
    void unfinishedListsQueuedAndRunningJobsOldestFirst(Database db) {
        String[][] jobs = {{"j-done", "done"}, {"j-run", "running"}, {"j-failed", "failed"}, {"j-queued", "queued"},
            {"j-cancelled", "cancelled"}};
        for (int i = 0; i < jobs.length; i++) {
            db.jobs().create(new JobRecord(jobs[i][0], "reboot", jobs[i][1], "a", T.plusSeconds(i), Optional.empty(), 0, 0,
                    0, "{}"), List.of());
        }
        assertEquals(List.of("j-run", "j-queued"), db.jobs().unfinished(10).stream().map(JobRecord::id).toList());
        assertEquals(List.of("j-run"), db.jobs().unfinished(1).stream().map(JobRecord::id).toList());
    }

    private static JobItemRecord item(String job, int seq, String target, String status) {
        return new JobItemRecord(job, seq, target, status, "", T);
    }
}
