package org.endpointmanager.core.sip;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.host.SipSender;
import org.endpointmanager.api.host.UserDirectory;
import org.endpointmanager.api.vendor.VendorPlugin;
import org.endpointmanager.core.audit.AuditLog;
import org.endpointmanager.core.config.EndpointManagerConfig;
import org.endpointmanager.core.http.Json;
import org.endpointmanager.core.jobs.JobRunner;
import org.endpointmanager.core.store.Database;
import org.endpointmanager.core.store.DeviceRecord;
import org.endpointmanager.core.store.JobRecord;
import org.endpointmanager.core.vendor.VendorRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resync and reboot by SIP NOTIFY. Every request is a job with one item per device; the item's
 * detail is what really happened ({@code 200 OK}, {@code 486 Busy Here}, {@code timeout after
 * 32000 ms}, {@code no address}, {@code refused: ...}) and it is ok only on a 2xx. One operator log
 * line per NOTIFY outcome.
 */
public final class NotifyService {

    private static final Logger LOG = LoggerFactory.getLogger(NotifyService.class);

    /** Ids accepted in one bulk request. */
    public static final int MAX_TARGETS = 10_000;

    private final Database db;
    private final VendorRegistry vendors;
    private final UserDirectory users;
    private final NotifyTargetResolver resolver;
    private final SipSenderProvider senders;
    private final JobRunner jobs;
    private final AuditLog audit;
    private final EndpointManagerConfig.Sip sip;

    /** Creates the service. */
    public NotifyService(Database db, VendorRegistry vendors, UserDirectory users, NotifyTargetResolver resolver,
            SipSenderProvider senders, JobRunner jobs, AuditLog audit, EndpointManagerConfig.Sip sip) {
        this.db = Objects.requireNonNull(db, "db is null");
        this.vendors = Objects.requireNonNull(vendors, "vendors is null");
        this.users = Objects.requireNonNull(users, "users is null");
        this.resolver = Objects.requireNonNull(resolver, "resolver is null");
        this.senders = Objects.requireNonNull(senders, "senders is null");
        this.jobs = Objects.requireNonNull(jobs, "jobs is null");
        this.audit = Objects.requireNonNull(audit, "audit is null");
        this.sip = Objects.requireNonNull(sip, "sip is null");
        // a resync or reboot job whose node stopped is finished elsewhere: its params need nothing but the kind
        for (NotifyAction action : NotifyAction.values()) {
            jobs.resumable(action.kind(), job -> Optional.of(resumed(action)));
        }
    }

    /** The item action of a resumed job: as {@link #submit}'s, the account usage scanned at its first item. */
    private JobRunner.ItemAction resumed(NotifyAction action) {
        AccountUsage[] usage = new AccountUsage[1];
        return target -> {
            AccountUsage u;
            synchronized (usage) {
                if (usage[0] == null) {
                    usage[0] = AccountUsage.scan(db.devices(), users);
                }
                u = usage[0];
            }
            return notifyOne(action, target, u);
        };
    }

    /** How long one NOTIFY may take: a challenge means two transactions. */
    public Duration maxWait() {
        return Duration.ofMillis(2 * sip.transactionTimeoutMillis() + 1000);
    }

    /**
     * Starts a job that NOTIFYs each device once.
     *
     * @param action resync or reboot
     * @param ids device ids or MACs in any spelling; duplicates are dropped, unknown ones become
     *     failed items ({@code unknown device})
     * @param options concurrency and stagger
     * @param actor principal name (audit)
     * @param scope {@code device} or {@code bulk} (recorded with the job)
     */
    public JobRecord submit(NotifyAction action, List<String> ids, JobRunner.Options options, String actor, String scope) {
        Objects.requireNonNull(action, "action is null");
        if (ids.size() > MAX_TARGETS) {
            throw new IllegalArgumentException("at most " + MAX_TARGETS + " ids");
        }
        Set<String> targets = new LinkedHashSet<>();
        int unknown = 0;
        for (String id : ids) {
            Optional<DeviceRecord> d = find(id);
            if (d.isEmpty()) {
                unknown++;
            }
            targets.add(d.map(r -> r.mac().colons()).orElse(id));
        }
        AccountUsage usage = AccountUsage.scan(db.devices(), users);
        var params = Json.object().put("action", action.kind()).put("scope", scope).put("requested", ids.size())
                .put("unknown", unknown).put("concurrency", options.concurrency())
                .put("stagger_ms", options.stagger().toMillis());
        JobRecord job = jobs.submit(action.kind(), actor, Json.write(params), new ArrayList<>(targets), options,
                target -> notifyOne(action, target, usage));
        String auditTarget = scope.equals("device") && targets.size() == 1 ? targets.iterator().next() : "fleet";
        audit.record(actor, (scope.equals("device") ? "device." : "fleet.bulk_") + action.kind(), auditTarget, null,
                params.deepCopy().put("job_id", job.id()).put("targets", targets.size()));
        return job;
    }

    private Optional<DeviceRecord> find(String id) {
        Optional<MacAddress> mac = MacAddress.tryParse(id);
        if (mac.isPresent()) {
            Optional<DeviceRecord> d = db.devices().findByMac(mac.get());
            if (d.isPresent()) {
                return d;
            }
        }
        return db.devices().findById(id);
    }

    /**
     * NOTIFYs one device and says what happened. Public for jobs that mix NOTIFY with other ways
     * of reaching a phone (the bulk reboot uses the HTTP driver where it can).
     *
     * @param target the device's MAC
     * @param usage the job's account usage ({@link AccountUsage#scan})
     */
    public JobRunner.ItemResult notifyOne(NotifyAction action, String target, AccountUsage usage) {
        Optional<DeviceRecord> found = MacAddress.tryParse(target).flatMap(db.devices()::findByMac);
        if (found.isEmpty()) {
            LOG.info("NOTIFY {} {}: unknown device", action.kind(), target);
            return new JobRunner.ItemResult(false, "unknown device");
        }
        DeviceRecord device = found.get();
        Optional<VendorPlugin> vendor = vendors.find(device.vendor());
        if (vendor.isEmpty()) {
            return outcome(action, device, "-", false, "refused: vendor " + device.vendor() + " is not installed");
        }
        NotifyTarget resolved = resolver.resolve(device, usage);
        if (resolved instanceof NotifyTarget.Refused r) {
            return outcome(action, device, "-", false, "refused: " + r.reason());
        }
        if (!(resolved instanceof NotifyTarget.Phone phone)) {
            return outcome(action, device, "-", false, "no address");
        }
        String event = action.event(vendor.get().notifyEvents());
        SipSender.OutOfDialogRequest request = new SipSender.OutOfDialogRequest("NOTIFY", phone.requestUri(),
                Map.of("Event", event, "Subscription-State", "terminated"),
                phone.account().flatMap(LineAccount::authUser), phone.account().flatMap(LineAccount::authPassword));
        String where = phone.requestUri() + phone.destination().map(d -> " via " + d.getAddress().getHostAddress() + ":"
                + d.getPort()).orElse("") + " (" + phone.source() + ", Event " + event + ")";
        long waitMillis = maxWait().toMillis();
        SipSender.Outcome o;
        try {
            o = senders.sender().send(request, phone.destination()).toCompletableFuture().get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return outcome(action, device, where, false, "timeout after " + waitMillis + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return outcome(action, device, where, false, "interrupted");
        } catch (ExecutionException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            return outcome(action, device, where, false, "failed: " + cause.getMessage());
        }
        return outcome(action, device, where, o.status() >= 200 && o.status() < 300, detail(o));
    }

    /** The item detail for a final outcome. */
    static String detail(SipSender.Outcome o) {
        if (o.status() == 0) {
            String reason = o.reason() == null ? "" : o.reason();
            if (reason.toLowerCase(java.util.Locale.ROOT).contains("timeout")) {
                return "timeout after " + o.elapsed().toMillis() + " ms";
            }
            return "failed: " + reason;
        }
        return o.status() + (o.reason() == null || o.reason().isBlank() ? "" : " " + o.reason());
    }

    private JobRunner.ItemResult outcome(NotifyAction action, DeviceRecord device, String where, boolean ok, String detail) {
        LOG.info("NOTIFY {} {} to {}: {}", action.kind(), device.mac(), where, detail);
        return new JobRunner.ItemResult(ok, detail);
    }
}
