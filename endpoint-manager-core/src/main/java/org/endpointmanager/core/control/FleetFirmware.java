package org.endpointmanager.core.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.endpointmanager.api.driver.DriverFailure;
import org.endpointmanager.api.host.UserDirectory;
import org.endpointmanager.api.vendor.PhoneIdentity;
import org.endpointmanager.core.audit.AuditLog;
import org.endpointmanager.core.firmware.FirmwareRecord;
import org.endpointmanager.core.firmware.FirmwareRepository;
import org.endpointmanager.core.firmware.FirmwareTargets;
import org.endpointmanager.core.http.Json;
import org.endpointmanager.core.jobs.JobRunner;
import org.endpointmanager.core.sip.AccountUsage;
import org.endpointmanager.core.sip.NotifyAction;
import org.endpointmanager.core.sip.NotifyService;
import org.endpointmanager.core.store.Database;
import org.endpointmanager.core.store.DeviceRecord;
import org.endpointmanager.core.store.FetchRecord;
import org.endpointmanager.core.store.JobRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seed 000's firmware push by target version: for each phone the firmware store's row of its
 * vendor and model (hardware revision when known) with that version is pushed, and the item is
 * done only once the phone is seen running that version.
 *
 * <p>A phone with an HTTP driver and usable credentials is pointed at the row's URL through the
 * driver and then polled (right away, then after {@link Polling#first()}, doubling up to
 * {@link Polling#max()}) until its status shows the version or the deadline passes. A phone
 * without one is only resynced by SIP NOTIFY, and only when the repository's own selection for
 * it (what its configuration file already carries) is the target row: devices have no
 * per-device firmware URL setting, so pushing another version would need the target to become
 * the repository's choice for that model first. Such a phone is done when a configuration
 * fetch after the NOTIFY reports the version in its User-Agent.
 *
 * <p>Every phone's final result (done, failed, timeout) lands in the firmware push history.
 */
public final class FleetFirmware {

    private static final Logger LOG = LoggerFactory.getLogger(FleetFirmware.class);
    /** Failures a later poll will not cure: stop polling at once. */
    private static final Set<DriverFailure> FINAL = EnumSet.of(DriverFailure.WRONG_CREDENTIALS, DriverFailure.LOCKED,
            DriverFailure.ADDRESS_REFUSED, DriverFailure.MAC_MISMATCH, DriverFailure.NOT_CONFIGURED,
            DriverFailure.UNSUPPORTED);

    /**
     * The status poll schedule after a push.
     *
     * @param first the pause after the immediate first poll
     * @param max the longest pause between two polls
     */
    public record Polling(Duration first, Duration max) {
        /** Validates. */
        public Polling {
            Objects.requireNonNull(first, "first is null");
            Objects.requireNonNull(max, "max is null");
            if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
                throw new IllegalArgumentException("polling pauses must be positive and first <= max");
            }
        }

        /** 5 s, doubling up to 60 s. */
        public static Polling defaults() {
            return new Polling(Duration.ofSeconds(5), Duration.ofSeconds(60));
        }
    }

    private final Database db;
    private final DriverService control;
    private final FirmwareRepository firmware;
    private final FirmwareTargets selection;
    private final NotifyService notify;
    private final UserDirectory users;
    private final JobRunner jobs;
    private final AuditLog audit;
    private final Supplier<String> provisionUrlBase;
    private final Polling polling;
    private final Clock clock;

    /** Creates the service. */
    public FleetFirmware(Database db, DriverService control, FirmwareRepository firmware, FirmwareTargets selection,
            NotifyService notify, UserDirectory users, JobRunner jobs, AuditLog audit, Supplier<String> provisionUrlBase,
            Polling polling, Clock clock) {
        this.db = Objects.requireNonNull(db, "db is null");
        this.control = Objects.requireNonNull(control, "control is null");
        this.firmware = Objects.requireNonNull(firmware, "firmware is null");
        this.selection = Objects.requireNonNull(selection, "selection is null");
        this.notify = Objects.requireNonNull(notify, "notify is null");
        this.users = Objects.requireNonNull(users, "users is null");
        this.jobs = Objects.requireNonNull(jobs, "jobs is null");
        this.audit = Objects.requireNonNull(audit, "audit is null");
        this.provisionUrlBase = Objects.requireNonNull(provisionUrlBase, "provisionUrlBase is null");
        this.polling = Objects.requireNonNull(polling, "polling is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
        // the bulk push's params hold the version and deadline; the per-device push (ControlRoutes) has a URL instead
        jobs.resumable("firmware", job -> {
            var p = Json.parseObject(job.paramsJson());
            if (!p.path("scope").asText().equals("bulk") || !p.path("target_version").isTextual()
                    || !p.path("deadline_seconds").canConvertToLong()) {
                return Optional.empty();
            }
            String version = p.get("target_version").asText();
            Duration deadline = Duration.ofSeconds(p.get("deadline_seconds").asLong());
            Supplier<AccountUsage> usage = usageOnce();
            return Optional.of(target -> pushOne(target, version, deadline, job.createdBy(), job.id(), usage));
        });
    }

    private Supplier<AccountUsage> usageOnce() {
        AccountUsage[] usage = new AccountUsage[1];
        return () -> {
            synchronized (usage) {
                if (usage[0] == null) {
                    usage[0] = AccountUsage.scan(db.devices(), users);
                }
                return usage[0];
            }
        };
    }

    /**
     * Starts the job.
     *
     * @param ids device ids or MACs
     * @param version the target version, as the firmware store's rows name it
     * @param deadline how long each phone may take to show the version after its push
     */
    public JobRecord submit(List<String> ids, String version, JobRunner.Options options, Duration deadline, String actor) {
        Objects.requireNonNull(version, "version is null");
        Objects.requireNonNull(deadline, "deadline is null");
        FleetTargets targets = FleetTargets.resolve(db.devices(), ids);
        Supplier<AccountUsage> usageOnce = usageOnce();
        var params = Json.object().put("target_version", version).put("scope", "bulk").put("requested", ids.size())
                .put("unknown", targets.unknown()).put("concurrency", options.concurrency())
                .put("stagger_ms", options.stagger().toMillis()).put("deadline_seconds", deadline.toSeconds());
        // items record their job id in the history; the id exists only once submit returns
        CompletableFuture<String> jobId = new CompletableFuture<>();
        JobRecord job = jobs.submit("firmware", actor, Json.write(params), targets.targets(), options,
                target -> pushOne(target, version, deadline, actor, jobId.get(10, TimeUnit.SECONDS), usageOnce));
        jobId.complete(job.id());
        audit.record(actor, "fleet.bulk_firmware", "fleet", null,
                params.deepCopy().put("job_id", job.id()).put("targets", targets.targets().size()));
        return job;
    }

    private JobRunner.ItemResult pushOne(String target, String version, Duration deadline, String actor, String jobId,
            Supplier<AccountUsage> usage) throws InterruptedException {
        Optional<DeviceRecord> found = FleetTargets.device(db.devices(), target);
        if (found.isEmpty()) {
            return new JobRunner.ItemResult(false, "unknown device");
        }
        DeviceRecord d = found.get();
        Optional<String> hw = selection.lastIdentity(d.mac()).flatMap(PhoneIdentity::hardwareRevision);
        Optional<String> model = Optional.of(d.model()).filter(m -> !m.isBlank())
                .or(() -> Optional.ofNullable(control.store().statuses(List.of(d.id())).get(d.id()))
                        .flatMap(PhoneStatusRecord::model));
        Optional<FirmwareRecord> row = FirmwareVersionChoice.choose(firmware.list(), d.vendor(), version, model, hw);
        if (row.isEmpty()) {
            String detail = "no_firmware: the firmware store has no " + d.vendor() + " image " + version + " for model "
                    + model.orElse("(unknown)") + hw.map(h -> " hardware " + h).orElse("");
            LOG.info("firmware push of {} not started: {}", d.mac(), detail);
            return new JobRunner.ItemResult(false, detail);
        }
        String url = FirmwareTargets.url(provisionUrlBase.get(), row.get());
        Optional<String> whyNot = control.whyNotDrivable(d);
        JobRunner.ItemResult result = whyNot.isEmpty()
                ? viaHttp(d, url, version, deadline)
                : viaSip(d, row.get(), version, deadline, whyNot.get(), usage);
        String status = result.ok() ? "done" : result.detail().contains("timeout:") ? "timeout" : "failed";
        control.recordFirmwarePush(d, url, Optional.of(version), actor, Optional.of(jobId), status, result.detail());
        LOG.info("firmware push of {} to {}: {} {}", d.mac(), version, status, result.detail());
        return result;
    }

    private JobRunner.ItemResult viaHttp(DeviceRecord d, String url, String version, Duration deadline)
            throws InterruptedException {
        DriverService.Outcome sent = control.sendFirmware(d, url);
        if (!sent.ok()) {
            return new JobRunner.ItemResult(false, "via http: " + sent.toItem().detail());
        }
        Instant end = clock.instant().plus(deadline);
        Duration pause = polling.first();
        Optional<String> seen = Optional.empty();
        String lastError = "";
        for (int polls = 1;; polls++) {
            Optional<DeviceRecord> now = FleetTargets.device(db.devices(), d.mac().colons());
            if (now.isEmpty()) {
                return new JobRunner.ItemResult(false, "via http: firmware URL accepted, then the device was deleted");
            }
            DriverService.Outcome poll = control.pollStatus(now.get());
            if (poll.ok()) {
                seen = Optional.ofNullable(control.store().statuses(List.of(d.id())).get(d.id()))
                        .flatMap(PhoneStatusRecord::firmware);
                if (seen.filter(version::equals).isPresent()) {
                    return new JobRunner.ItemResult(true, "via http: firmware URL accepted; status poll " + polls
                            + " shows " + version);
                }
            } else {
                lastError = poll.toItem().detail();
                if (poll.failure().filter(FINAL::contains).isPresent()) {
                    return new JobRunner.ItemResult(false, "via http: firmware URL accepted, but polling failed: "
                            + lastError);
                }
            }
            Duration left = Duration.between(clock.instant(), end);
            if (left.isNegative() || left.isZero()) {
                return new JobRunner.ItemResult(false, "via http: timeout: after " + deadline.toSeconds() + " s and "
                        + polls + " polls the phone reports " + seen.orElse("no version")
                        + (lastError.isEmpty() ? "" : " (last poll: " + lastError + ")") + ", not " + version);
            }
            Thread.sleep(Math.min(pause.toMillis(), left.toMillis()));
            pause = pause.multipliedBy(2).compareTo(polling.max()) > 0 ? polling.max() : pause.multipliedBy(2);
        }
    }

    private JobRunner.ItemResult viaSip(DeviceRecord d, FirmwareRecord row, String version, Duration deadline,
            String whyNot, Supplier<AccountUsage> usage) throws InterruptedException {
        Optional<FirmwareRecord> offered = selection.target(d.vendor(), Optional.of(d.model()), Optional.of(d.mac()),
                Optional.empty());
        if (offered.isEmpty() || !offered.get().id().equals(row.id())) {
            return new JobRunner.ItemResult(false, "via sip: not pushed: " + whyNot + ", and the phone's configuration "
                    + "offers " + offered.map(r -> "firmware " + r.version()).orElse("no firmware")
                    + " (the firmware store's choice for its model), not " + version
                    + "; make " + version + " the newest image for this model or set up HTTP control");
        }
        Instant sentAt = clock.instant();
        JobRunner.ItemResult r = notify.notifyOne(NotifyAction.RESYNC, d.mac().colons(), usage.get());
        if (!r.ok()) {
            return new JobRunner.ItemResult(false, "via sip: resync " + r.detail());
        }
        Instant end = sentAt.plus(deadline);
        Duration pause = polling.first();
        Optional<String> seen = Optional.empty();
        while (true) {
            Optional<FetchRecord> fetch = db.fetches().latest(d.mac()).filter(f -> !f.at().isBefore(sentAt));
            seen = fetch.flatMap(FetchRecord::firmware);
            if (seen.filter(version::equals).isPresent()) {
                return new JobRunner.ItemResult(true, "via sip: resync " + r.detail() + "; a later fetch reports " + version);
            }
            Duration left = Duration.between(clock.instant(), end);
            if (left.isNegative() || left.isZero()) {
                return new JobRunner.ItemResult(false, "via sip: timeout: resync " + r.detail() + ", but after "
                        + deadline.toSeconds() + " s no fetch reports " + version
                        + seen.map(s -> " (last: " + s + ")").orElse(""));
            }
            Thread.sleep(Math.min(pause.toMillis(), left.toMillis()));
            pause = pause.multipliedBy(2).compareTo(polling.max()) > 0 ? polling.max() : pause.multipliedBy(2);
        }
    }
}
