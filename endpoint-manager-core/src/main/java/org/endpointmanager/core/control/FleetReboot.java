package org.endpointmanager.core.control;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.endpointmanager.api.host.UserDirectory;
import org.endpointmanager.core.audit.AuditLog;
import org.endpointmanager.core.http.Json;
import org.endpointmanager.core.jobs.JobRunner;
import org.endpointmanager.core.sip.AccountUsage;
import org.endpointmanager.core.sip.NotifyAction;
import org.endpointmanager.core.sip.NotifyService;
import org.endpointmanager.core.store.Database;
import org.endpointmanager.core.store.DeviceRecord;
import org.endpointmanager.core.store.JobRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seed 000's bulk reboot: one job, each phone rebooted through its vendor's HTTP driver when it
 * can be driven (driver, {@code ip_address}, stored credentials the phone has not refused), else
 * by SIP NOTIFY. Each item's detail starts with the way taken ({@code via http: ...},
 * {@code via sip: 200 OK}). A failed HTTP reboot is reported, not retried by NOTIFY: the phone
 * was reachable enough to answer, and a second reboot request could reboot it twice.
 */
public final class FleetReboot {

    private static final Logger LOG = LoggerFactory.getLogger(FleetReboot.class);
    /** Marks this service's jobs in their params: a resumed one goes through the driver again where it can. */
    private static final String VIA = "http_or_sip";

    private final Database db;
    private final DriverService control;
    private final NotifyService notify;
    private final UserDirectory users;
    private final JobRunner jobs;
    private final AuditLog audit;

    /** Creates the service. */
    public FleetReboot(Database db, DriverService control, NotifyService notify, UserDirectory users, JobRunner jobs,
            AuditLog audit) {
        this.db = Objects.requireNonNull(db, "db is null");
        this.control = Objects.requireNonNull(control, "control is null");
        this.notify = Objects.requireNonNull(notify, "notify is null");
        this.users = Objects.requireNonNull(users, "users is null");
        this.jobs = Objects.requireNonNull(jobs, "jobs is null");
        this.audit = Objects.requireNonNull(audit, "audit is null");
        // asked before NotifyService's reboot factory; takes only its own jobs (marked by "via")
        jobs.resumable(NotifyAction.REBOOT.kind(), job -> VIA.equals(Json.parseObject(job.paramsJson()).path("via").asText())
                ? Optional.of(resumed()) : Optional.empty());
    }

    private JobRunner.ItemAction resumed() {
        Supplier<AccountUsage> usage = memo(() -> AccountUsage.scan(db.devices(), users));
        return target -> rebootOne(target, usage);
    }

    /**
     * Starts the job.
     *
     * @param ids device ids or MACs (at most {@link NotifyService#MAX_TARGETS})
     */
    public JobRecord submit(List<String> ids, JobRunner.Options options, String actor) {
        if (ids.size() > NotifyService.MAX_TARGETS) {
            throw new IllegalArgumentException("at most " + NotifyService.MAX_TARGETS + " ids");
        }
        FleetTargets targets = FleetTargets.resolve(db.devices(), ids);
        Supplier<AccountUsage> usage = memo(() -> AccountUsage.scan(db.devices(), users));
        var params = Json.object().put("action", NotifyAction.REBOOT.kind()).put("scope", "bulk")
                .put("requested", ids.size()).put("unknown", targets.unknown()).put("concurrency", options.concurrency())
                .put("stagger_ms", options.stagger().toMillis()).put("via", VIA);
        JobRecord job = jobs.submit(NotifyAction.REBOOT.kind(), actor, Json.write(params), targets.targets(), options,
                target -> rebootOne(target, usage));
        audit.record(actor, "fleet.bulk_reboot", "fleet", null,
                params.deepCopy().put("job_id", job.id()).put("targets", targets.targets().size()));
        return job;
    }

    private JobRunner.ItemResult rebootOne(String target, Supplier<AccountUsage> usage) {
        Optional<DeviceRecord> device = FleetTargets.device(db.devices(), target);
        if (device.isEmpty()) {
            return new JobRunner.ItemResult(false, "unknown device");
        }
        Optional<String> whyNot = control.whyNotDrivable(device.get());
        if (whyNot.isEmpty()) {
            DriverService.Outcome o = control.reboot(device.get());
            return new JobRunner.ItemResult(o.ok(), "via http: " + o.toItem().detail());
        }
        LOG.info("bulk reboot of {} by SIP NOTIFY: {}", device.get().mac(), whyNot.get());
        JobRunner.ItemResult r = notify.notifyOne(NotifyAction.REBOOT, target, usage.get());
        return new JobRunner.ItemResult(r.ok(), "via sip: " + r.detail());
    }

    /** Scans the account usage at most once per job, and only when some phone needs a NOTIFY. */
    private static <T> Supplier<T> memo(Supplier<T> source) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = source.get();
                }
                return value;
            }
        };
    }
}
