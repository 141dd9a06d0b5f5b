package org.endpointmanager.core.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.host.Principal;
import org.endpointmanager.core.control.FleetReboot;
import org.endpointmanager.core.control.BulkRequest;
import org.endpointmanager.core.http.ApiException;
import org.endpointmanager.core.http.Responses;
import org.endpointmanager.core.jobs.JobRunner;
import org.endpointmanager.core.sip.NotifyAction;
import org.endpointmanager.core.sip.NotifyApplied;
import org.endpointmanager.core.sip.NotifyService;
import org.endpointmanager.core.store.Database;
import org.endpointmanager.core.store.JobItemRecord;
import org.endpointmanager.core.store.JobRecord;

/**
 * Resync and reboot of one phone (seed 001) and of many (seed 000's bulk routes): each request
 * starts a job and answers 202 with it; {@code ?wait=true} on the one-phone routes returns the
 * finished job instead.
 */
public final class NotifyRoutes {

    /** Default phones in flight at once for bulk jobs. */
    static final int DEFAULT_CONCURRENCY = 20;
    /** Bulk bodies hold up to 10,000 ids: larger than other console bodies. */
    private static final Set<String> BULK_FIELDS = Set.of("concurrency", "stagger_ms");

    private NotifyRoutes() {
    }

    /** Mounts the routes; the bulk reboot uses SIP NOTIFY only. */
    public static void mount(ConsoleRouter r, NotifyService notify, Database db) {
        mount(r, notify, db, Optional.empty());
    }

    /**
     * Mounts the routes.
     *
     * @param httpReboot when present, the bulk reboot goes through it (the HTTP driver where a
     *     phone has one and credentials, else NOTIFY)
     */
    public static void mount(ConsoleRouter r, NotifyService notify, Database db, Optional<FleetReboot> httpReboot) {
        for (NotifyAction action : NotifyAction.values()) {
            r.post("/devices/{mac}/" + action.kind(), Permission.MANAGE_DEVICES, (ctx, p) -> one(ctx, p, action, notify, db));
            Optional<FleetReboot> viaDriver = action == NotifyAction.REBOOT ? httpReboot : Optional.empty();
            r.post("/fleet/bulk/" + action.kind(), Permission.ADMINISTER,
                    (ctx, p) -> bulk(ctx, p, action, notify, viaDriver));
        }
    }

    private static void one(Context ctx, Principal p, NotifyAction action, NotifyService notify, Database db)
            throws InterruptedException {
        MacAddress mac = DeviceService.mac(ctx.pathParam("mac"), "mac");
        if (db.devices().findByMac(mac).isEmpty()) {
            throw ApiException.notFound("device " + mac);
        }
        JobRecord job = notify.submit(action, List.of(mac.colons()), new JobRunner.Options(1, Duration.ZERO), p.name(),
                "device");
        boolean wait = "true".equalsIgnoreCase(ctx.queryParam("wait"));
        if (wait) {
            long end = System.nanoTime() + notify.maxWait().plusSeconds(2).toNanos();
            Optional<JobRecord> now = db.jobs().find(job.id());
            while (now.isPresent() && now.get().finishedAt().isEmpty() && System.nanoTime() < end) {
                Thread.sleep(20);
                now = db.jobs().find(job.id());
            }
            job = now.orElse(job);
        }
        ctx.status(job.finishedAt().isPresent() ? 200 : 202);
        Responses.json(ctx, jobWithItems(db, job));
    }

    private static void bulk(Context ctx, Principal p, NotifyAction action, NotifyService notify,
            Optional<FleetReboot> viaDriver) {
        BulkRequest request = BulkRequest.parse(ctx, BULK_FIELDS);
        ObjectNode body = request.body();
        List<String> list = request.phoneIds();
        int concurrency = Fields.integer(body, "concurrency", 1, 256).orElse(DEFAULT_CONCURRENCY);
        int stagger = Fields.integer(body, "stagger_ms", 0, 300_000).orElse(0);
        JobRunner.Options options = new JobRunner.Options(concurrency, Duration.ofMillis(stagger),
                BulkRequest.idempotencyKey(ctx));
        JobRecord job = viaDriver.isPresent() ? viaDriver.get().submit(list, options, p.name())
                : notify.submit(action, list, options, p.name(), "bulk");
        ctx.status(202);
        Responses.json(ctx, AdminRoutes.job(job));
    }

    /** A job with its items, each NOTIFY item with {@code applied_at}. */
    static ObjectNode jobWithItems(Database db, JobRecord j) {
        ObjectNode out = AdminRoutes.job(j);
        ArrayNode items = out.putArray("items");
        for (JobItemRecord i : db.jobs().items(j.id())) {
            ObjectNode o = items.addObject().put("seq", i.seq()).put("target", i.target()).put("status", i.status())
                    .put("detail", i.detail()).put("updated_at", i.updatedAt().toString());
            appliedAt(db, j, i, o);
        }
        return out;
    }

    /** Adds {@code applied_at} (null until the phone fetched after the 2xx) to a NOTIFY job's item. */
    static void appliedAt(Database db, JobRecord j, JobItemRecord i, ObjectNode item) {
        if (NotifyApplied.isNotifyJob(j)) {
            item.put("applied_at", NotifyApplied.appliedAt(db.fetches(), j, i).map(Object::toString).orElse(null));
        }
    }
}
