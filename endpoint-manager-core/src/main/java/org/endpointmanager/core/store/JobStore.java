package org.endpointmanager.core.store;

import java.util.List;
import java.util.Optional;

/** Jobs and their items. */
public interface JobStore {
    /** Inserts a job with its items (all {@code pending}). */
    void create(JobRecord job, List<JobItemRecord> items);

    /** Replaces a job's status, counters and finish time. */
    void updateJob(JobRecord job);

    /** Replaces one item's status and detail. */
    void updateItem(JobItemRecord item);

    /** One job. */
    Optional<JobRecord> find(String id);

    /** A job's items by seq. */
    List<JobItemRecord> items(String jobId);

    /** Newest first. */
    List<JobRecord> list(int offset, int limit);

    /**
     * Jobs still {@code queued} or {@code running}, oldest first, at most {@code limit}: what a
     * node that died may have left behind (the runner resumes those nobody holds a lease for).
     */
    List<JobRecord> unfinished(int limit);
}
