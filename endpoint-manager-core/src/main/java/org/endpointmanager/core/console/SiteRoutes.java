package org.endpointmanager.core.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.endpointmanager.core.audit.AuditLog;
import org.endpointmanager.core.http.ApiException;
import org.endpointmanager.core.http.Responses;
import org.endpointmanager.core.http.ErrorCode;
import org.endpointmanager.core.http.Json;
import org.endpointmanager.core.security.Cidr;
import org.endpointmanager.core.store.Database;
import org.endpointmanager.core.store.SiteRecord;
import org.endpointmanager.core.store.StoreException;

/** Sites (seed 000's {@code site_id}): name, subnets, default template. */
public final class SiteRoutes {

    private static final Set<String> FIELDS = Set.of("name", "subnets", "default_template_id");

    private SiteRoutes() {
    }

    /** Mounts the routes. */
    public static void mount(ConsoleRouter r, Database db, AuditLog audit, Clock clock) {
        r.get("/sites", Permission.READ, (ctx, p) -> {
            ObjectNode out = Json.object();
            ArrayNode arr = out.putArray("sites");
            db.sites().list().forEach(s -> arr.add(toJson(s, db.devices().countBySite(s.id()))));
            Responses.json(ctx, out);
        });
        r.get("/sites/{id}", Permission.READ, (ctx, p) -> {
            SiteRecord s = db.sites().find(ctx.pathParam("id")).orElseThrow(() -> ApiException.notFound("site"));
            Responses.json(ctx, toJson(s, db.devices().countBySite(s.id())));
        });
        r.post("/sites", Permission.ADMINISTER, (ctx, p) -> {
            ObjectNode body = RequestBodies.read(ctx);
            check(body);
            var now = clock.instant();
            SiteRecord s = new SiteRecord(UUID.randomUUID().toString(), Fields.required(body, "name", 64),
                    subnets(body.get("subnets")), template(db, Fields.text(body, "default_template_id", 64)), now, now);
            try {
                s = db.sites().insert(s);
            } catch (StoreException e) {
                throw ApiException.field(ErrorCode.CONFLICT, "name", "a site named '" + s.name() + "' already exists");
            }
            audit.record(p.name(), "site.create", s.id(), null, toJson(s, 0));
            Responses.json(ctx.status(201), toJson(s, 0));
        });
        r.post("/sites/{id}/edit", Permission.ADMINISTER, (ctx, p) -> {
            SiteRecord before = db.sites().find(ctx.pathParam("id")).orElseThrow(() -> ApiException.notFound("site"));
            ObjectNode body = RequestBodies.read(ctx);
            check(body);
            SiteRecord after = new SiteRecord(before.id(),
                    body.has("name") ? Fields.required(body, "name", 64) : before.name(),
                    body.has("subnets") ? subnets(body.get("subnets")) : before.subnets(),
                    body.has("default_template_id") ? template(db, Fields.text(body, "default_template_id", 64))
                            : before.defaultTemplateId(),
                    before.createdAt(), clock.instant());
            try {
                after = db.sites().update(after);
            } catch (StoreException e) {
                throw ApiException.field(ErrorCode.CONFLICT, "name", "a site named '" + after.name() + "' already exists");
            }
            long count = db.devices().countBySite(after.id());
            audit.record(p.name(), "site.edit", after.id(), toJson(before, count), toJson(after, count));
            Responses.json(ctx, toJson(after, count));
        });
        r.post("/sites/{id}/delete", Permission.ADMINISTER, (ctx, p) -> {
            SiteRecord before = db.sites().find(ctx.pathParam("id")).orElseThrow(() -> ApiException.notFound("site"));
            try {
                db.sites().delete(before.id());
            } catch (StoreException e) {
                throw ApiException.of(ErrorCode.CONFLICT, before.id().equals(SiteRecord.DEFAULT_ID)
                        ? "the default site cannot be deleted" : "site still has devices: move or delete them first");
            }
            audit.record(p.name(), "site.delete", before.id(), toJson(before, 0), null);
            Responses.json(ctx, Json.object().put("deleted", before.id()));
        });
    }

    private static void check(ObjectNode body) {
        body.fieldNames().forEachRemaining(n -> {
            if (!FIELDS.contains(n)) {
                throw ApiException.invalid(n, "unknown field '" + n + "'");
            }
        });
    }

    private static Optional<String> template(Database db, Optional<String> id) {
        Optional<String> t = id.filter(s -> !s.isEmpty());
        t.ifPresent(x -> {
            if (db.templates().find(x).isEmpty()) {
                throw ApiException.field(ErrorCode.UNPROCESSABLE, "default_template_id", "template '" + x + "' does not exist");
            }
        });
        return t;
    }

    private static List<String> subnets(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        List<String> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> items.add(n.asText()));
        } else {
            for (String s : node.asText().split("[\\s,]+")) {
                if (!s.isBlank()) {
                    items.add(s);
                }
            }
        }
        if (items.size() > 64) {
            throw ApiException.invalid("subnets", "at most 64 subnets");
        }
        for (String s : items) {
            try {
                out.add(Cidr.parse(s).toString());
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("subnets", e.getMessage());
            }
        }
        return out;
    }

    static ObjectNode toJson(SiteRecord s, long devices) {
        ObjectNode o = Json.object();
        o.put("id", s.id());
        o.put("name", s.name());
        ArrayNode sub = o.putArray("subnets");
        s.subnets().forEach(sub::add);
        o.put("default_template_id", s.defaultTemplateId().orElse(null));
        o.put("devices", devices);
        o.put("created_at", s.createdAt().toString());
        o.put("updated_at", s.updatedAt().toString());
        return o;
    }
}
