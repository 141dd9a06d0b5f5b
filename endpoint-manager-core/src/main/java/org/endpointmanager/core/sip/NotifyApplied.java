package org.endpointmanager.core.sip;

import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.core.store.FetchRecord;
import org.endpointmanager.core.store.FetchStore;
import org.endpointmanager.core.store.JobItemRecord;
import org.endpointmanager.core.store.JobRecord;

/**
 * Whether a phone acted on an answered NOTIFY: the first fetch of its configuration after the
 * item's 2xx. Computed when a job is read, from the fetch records, so it never goes stale.
 */
public final class NotifyApplied {

    /** Fetches looked at per item: plenty for the minutes after a NOTIFY. */
    private static final int HISTORY = 200;

    private NotifyApplied() {
    }

    /** Whether the job is a NOTIFY job (its items may carry {@code applied_at}). */
    public static boolean isNotifyJob(JobRecord job) {
        return NotifyAction.ofKind(job.kind()).isPresent();
    }

    /**
     * When the item's phone first fetched after the NOTIFY was answered; empty when it has not
     * (yet), when the item did not succeed, or when the job is not a NOTIFY job.
     */
    public static Optional<Instant> appliedAt(FetchStore fetches, JobRecord job, JobItemRecord item) {
        if (!isNotifyJob(job) || !item.status().equals("ok")) {
            return Optional.empty();
        }
        Optional<MacAddress> mac = MacAddress.tryParse(item.target());
        if (mac.isEmpty()) {
            return Optional.empty();
        }
        // The item is stored right after its 2xx, so its time is the 2xx's, a few ms late at most.
        Instant answered = item.updatedAt();
        return fetches.history(mac.get(), HISTORY).stream().map(FetchRecord::at)
                .filter(at -> !at.isBefore(answered)).min(Comparator.naturalOrder());
    }
}
