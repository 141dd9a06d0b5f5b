package org.endpointmanager.core.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.endpointmanager.core.audit.AuditLog;
import org.endpointmanager.core.http.ApiException;
import org.endpointmanager.core.http.Responses;
import org.endpointmanager.core.http.Json;
import org.endpointmanager.core.jobs.JobRunner;
import org.endpointmanager.core.settings.Settings;
import org.endpointmanager.core.settings.SettingsService;
import org.endpointmanager.core.store.AuditEntry;
import org.endpointmanager.core.store.Database;
import org.endpointmanager.core.store.JobItemRecord;
import org.endpointmanager.core.store.JobRecord;

/** Settings, jobs and the audit log. */
public final class AdminRoutes {

    private AdminRoutes() {
    }

    /** Mounts the routes. */
    public static void mount(ConsoleRouter r, Database db, SettingsService settings, JobRunner jobs, AuditLog audit) {
        r.get("/settings", Permission.ADMINISTER, (ctx, p) -> Responses.json(ctx, SettingsService.toJson(settings.current())));
        r.post("/settings", Permission.ADMINISTER, (ctx, p) -> {
            Settings before = settings.current();
            Settings after = settings.update(RequestBodies.read(ctx));
            audit.record(p.name(), "settings.edit", "settings", SettingsService.toJson(before), SettingsService.toJson(after));
            Responses.json(ctx, SettingsService.toJson(after));
        });

        r.get("/jobs", Permission.READ, (ctx, p) -> {
            ObjectNode out = Json.object();
            ArrayNode arr = out.putArray("jobs");
            db.jobs().list(Fields.query(ctx, "offset", 0, 0, 1_000_000), Fields.query(ctx, "limit", 50, 1, 500))
                    .forEach(j -> arr.add(job(j)));
            Responses.json(ctx, out);
        });
        r.get("/jobs/{id}", Permission.READ, (ctx, p) -> {
            JobRecord j = db.jobs().find(ctx.pathParam("id")).orElseThrow(() -> ApiException.notFound("job"));
            ObjectNode out = job(j);
            ArrayNode items = out.putArray("items");
            for (JobItemRecord i : db.jobs().items(j.id())) {
                ObjectNode item = items.addObject().put("seq", i.seq()).put("target", i.target()).put("status", i.status())
                        .put("detail", i.detail()).put("updated_at", i.updatedAt().toString());
                NotifyRoutes.appliedAt(db, j, i, item);
            }
            Responses.json(ctx, out);
        });
        r.post("/jobs/{id}/cancel", Permission.MANAGE_DEVICES, (ctx, p) -> {
            JobRecord j = db.jobs().find(ctx.pathParam("id")).orElseThrow(() -> ApiException.notFound("job"));
            boolean running = jobs.cancel(j.id());
            audit.record(p.name(), "job.cancel", j.id(), null, Json.object().put("was_running", running));
            Responses.json(ctx, Json.object().put("id", j.id()).put("cancelled", running));
        });

        r.get("/audit", Permission.READ_AUDIT, (ctx, p) -> {
            ObjectNode out = Json.object();
            ArrayNode arr = out.putArray("entries");
            for (AuditEntry e : db.audit().list(Fields.query(ctx, "actor", 128), Fields.query(ctx, "action", 64),
                    Fields.query(ctx, "target", 128), Fields.query(ctx, "offset", 0, 0, 10_000_000),
                    Fields.query(ctx, "limit", 100, 1, 1000))) {
                ObjectNode o = arr.addObject();
                o.put("id", e.id()).put("at", e.at().toString()).put("actor", e.actor()).put("action", e.action())
                        .put("target", e.target());
                o.set("detail", Json.parseObject(e.detailJson()));
            }
            Responses.json(ctx, out);
        });
    }

    static ObjectNode job(JobRecord j) {
        ObjectNode o = Json.object();
        o.put("id", j.id()).put("kind", j.kind()).put("status", j.status()).put("created_by", j.createdBy())
                .put("created_at", j.createdAt().toString()).put("finished_at", j.finishedAt().map(Object::toString).orElse(null))
                .put("total", j.total()).put("succeeded", j.succeeded()).put("failed", j.failed())
                .put("progress", j.total() == 0 ? 1.0 : (double) (j.succeeded() + j.failed()) / j.total());
        o.set("params", Json.parseObject(j.paramsJson()));
        return o;
    }
}
