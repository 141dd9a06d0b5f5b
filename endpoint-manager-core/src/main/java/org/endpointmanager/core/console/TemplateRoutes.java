package org.endpointmanager.core.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.endpointmanager.api.render.Escaping;
import org.endpointmanager.api.render.TemplateEngine;
import org.endpointmanager.core.audit.AuditLog;
import org.endpointmanager.core.http.ApiException;
import org.endpointmanager.core.http.Responses;
import org.endpointmanager.core.http.ErrorCode;
import org.endpointmanager.core.http.Json;
import org.endpointmanager.core.provisioning.ProfileLayer;
import org.endpointmanager.core.provisioning.ProvisioningService;
import org.endpointmanager.core.provisioning.SettingsSecrets;
import org.endpointmanager.core.render.LineDiff;
import org.endpointmanager.core.render.RawParametersParser;
import org.endpointmanager.core.store.Database;
import org.endpointmanager.core.store.StoreException;
import org.endpointmanager.core.store.TemplateRecord;
import org.endpointmanager.core.vendor.VendorRegistry;

/**
 * Templates (profiles). Seed 000's body is accepted as is: {@code name}, {@code vendor},
 * {@code site_id} and the settings groups ({@code sip_settings}, {@code network_settings},
 * {@code feature_settings}, {@code raw_pconfig}) at the top level; {@code raw_parameters} and
 * {@code custom_template} are the seed 002 additions. Everything is validated before it is saved.
 */
public final class TemplateRoutes {

    private static final Set<String> META = Set.of("name", "vendor", "site_id", "raw_parameters", "custom_template", "settings");

    private TemplateRoutes() {
    }

    /** Mounts the routes. */
    public static void mount(ConsoleRouter r, Database db, VendorRegistry vendors, TemplateEngine engine,
            Supplier<Set<String>> rawSections, ProvisioningService provisioning, AuditLog audit, Clock clock) {
        r.get("/templates", Permission.READ, (ctx, p) -> {
            ObjectNode out = Json.object();
            ArrayNode arr = out.putArray("templates");
            db.templates().list().forEach(t -> arr.add(toJson(t)));
            Responses.json(ctx, out);
        });
        r.get("/templates/{id}", Permission.READ, (ctx, p) ->
                Responses.json(ctx, toJson(db.templates().find(ctx.pathParam("id")).orElseThrow(() -> ApiException.notFound("template")))));
        r.post("/templates", Permission.MANAGE_DEVICES, (ctx, p) -> {
            ObjectNode body = RequestBodies.read(ctx);
            var now = clock.instant();
            TemplateRecord t = build(UUID.randomUUID().toString(), body, Optional.empty(), db, vendors, engine, rawSections, now, now);
            check(provisioning, t);
            try {
                t = db.templates().insert(t);
            } catch (StoreException e) {
                throw ApiException.field(ErrorCode.CONFLICT, "name", "a template named '" + t.name() + "' already exists");
            }
            audit.record(p.name(), "template.create", t.id(), null, toJson(t));
            Responses.json(ctx.status(201), toJson(t));
        });
        r.post("/templates/{id}/edit", Permission.MANAGE_DEVICES, (ctx, p) -> {
            TemplateRecord before = db.templates().find(ctx.pathParam("id")).orElseThrow(() -> ApiException.notFound("template"));
            TemplateRecord after = build(before.id(), RequestBodies.read(ctx), Optional.of(before), db, vendors, engine,
                    rawSections, before.createdAt(), clock.instant());
            check(provisioning, after);
            try {
                after = db.templates().update(after);
            } catch (StoreException e) {
                throw ApiException.field(ErrorCode.CONFLICT, "name", "a template named '" + after.name() + "' already exists");
            }
            audit.record(p.name(), "template.edit", after.id(), toJson(before), toJson(after));
            Responses.json(ctx, toJson(after));
        });
        r.post("/templates/preview", Permission.MANAGE_DEVICES, (ctx, p) -> {
            var mac = DeviceService.mac(Fields.query(ctx, "mac", 32)
                    .orElseThrow(() -> ApiException.invalid("mac", "mac is required: the phone to preview for")), "mac");
            var device = db.devices().findByMac(mac).orElseThrow(() -> ApiException.notFound("device " + mac));
            Optional<TemplateRecord> before = Fields.query(ctx, "template_id", 64)
                    .map(id -> db.templates().find(id).orElseThrow(() -> ApiException.notFound("template")));
            ObjectNode body = RequestBodies.read(ctx);
            if (!body.has("name") && before.isEmpty()) {
                body.put("name", "preview"); // a new template may have no name yet; nothing is stored
            }
            var now = clock.instant();
            TemplateRecord candidate = build(before.map(TemplateRecord::id).orElse("preview"), body, before, db, vendors,
                    engine, rawSections, before.map(TemplateRecord::createdAt).orElse(now), now);
            ProvisioningService.Produced produced;
            try {
                produced = provisioning.previewWith(device, candidate);
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("vendor", e.getMessage());
            } catch (org.endpointmanager.core.provisioning.ProvisioningException e) {
                String field = candidate.customTemplate().isPresent() ? "custom_template" : "settings";
                throw ApiException.invalid(field, "cannot render: " + e.getMessage());
            }
            ObjectNode out = PreviewRoutes.rendered(device, produced);
            try {
                ProvisioningService.Produced current = provisioning.preview(device, Optional.empty());
                ObjectNode cur = out.putObject("current");
                cur.put("hash", current.hash());
                cur.put("changed", !current.hash().equals(produced.hash()));
                ArrayNode diff = cur.putArray("diff");
                LineDiff.unified(current.maskedBody(), produced.maskedBody(), 2).forEach(diff::add);
            } catch (RuntimeException e) {
                out.putObject("current").put("error", "the phone's current file cannot be rendered: " + e.getMessage());
            }
            Responses.json(ctx, out);
        });
        r.post("/templates/{id}/delete", Permission.MANAGE_DEVICES, (ctx, p) -> {
            TemplateRecord before = db.templates().find(ctx.pathParam("id")).orElseThrow(() -> ApiException.notFound("template"));
            try {
                db.templates().delete(before.id());
            } catch (StoreException e) {
                throw ApiException.of(ErrorCode.CONFLICT, "template is in use by a device, a site or a URI mapping");
            }
            audit.record(p.name(), "template.delete", before.id(), toJson(before), null);
            Responses.json(ctx, Json.object().put("deleted", before.id()));
        });
    }

    private static void check(ProvisioningService provisioning, TemplateRecord t) {
        try {
            provisioning.check(t);
        } catch (IllegalArgumentException e) {
            String field = t.customTemplate().isPresent() ? "custom_template" : t.rawParameters().isBlank() ? "settings" : "raw_parameters";
            throw ApiException.invalid(field, "the template renders an invalid file for " + e.getMessage());
        }
    }

    private static TemplateRecord build(String id, ObjectNode body, Optional<TemplateRecord> before, Database db,
            VendorRegistry vendors, TemplateEngine engine, Supplier<Set<String>> rawSections,
            java.time.Instant created, java.time.Instant updated) {
        String name = body.has("name") || before.isEmpty() ? Fields.required(body, "name", 64) : before.get().name();
        Optional<String> vendor = body.has("vendor") ? Fields.text(body, "vendor", 32).filter(s -> !s.isEmpty())
                : before.flatMap(TemplateRecord::vendor);
        vendor.ifPresent(v -> {
            if (vendors.find(v).isEmpty()) {
                throw ApiException.field(ErrorCode.UNPROCESSABLE, "vendor", "unknown vendor '" + v + "'");
            }
        });
        Optional<String> site = body.has("site_id") ? Fields.text(body, "site_id", 64).filter(s -> !s.isEmpty())
                : before.flatMap(TemplateRecord::siteId);
        site.ifPresent(s -> {
            if (db.sites().find(s).isEmpty()) {
                throw ApiException.field(ErrorCode.UNPROCESSABLE, "site_id", "site '" + s + "' does not exist");
            }
        });
        ObjectNode settings = SettingsSecrets.seal(settings(body, before),
                before.map(b -> Json.parseObject(b.settingsJson())), db.secrets());
        ProfileLayer.parse(settings, "settings", Optional.of(db.secrets()));
        String raw = body.has("raw_parameters") ? body.get("raw_parameters").asText("") : before.map(TemplateRecord::rawParameters).orElse("");
        try {
            RawParametersParser.parse(raw, rawSections.get());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("raw_parameters", "raw_parameters " + e.getMessage());
        }
        Optional<String> custom = body.has("custom_template")
                ? Optional.ofNullable(body.get("custom_template")).filter(n -> !n.isNull()).map(JsonNode::asText).filter(s -> !s.isBlank())
                : before.flatMap(TemplateRecord::customTemplate);
        if (custom.isPresent() && vendor.isEmpty()) {
            throw ApiException.invalid("vendor", "a template with custom_template must name its vendor");
        }
        custom.flatMap(org.endpointmanager.core.render.Placeholders::unknown).ifPresent(problem -> {
            throw ApiException.invalid("custom_template", "custom_template " + problem);
        });
        custom.ifPresent(text -> {
            if (text.length() > 256 * 1024) {
                throw ApiException.invalid("custom_template", "custom_template is longer than 256 KB");
            }
            try {
                engine.render(org.endpointmanager.core.render.Placeholders.toMustache(text), Map.of(), Escaping.LINE);
            } catch (TemplateEngine.TemplateException e) {
                throw ApiException.invalid("custom_template", "custom_template: " + e.getMessage());
            }
        });
        return new TemplateRecord(id, name, vendor, site, Json.write(settings), raw, custom, created, updated);
    }

    /** Settings from {@code settings} or from seed 000's top-level groups; absent keeps the stored ones. */
    private static ObjectNode settings(ObjectNode body, Optional<TemplateRecord> before) {
        ObjectNode settings = Json.object();
        boolean given = false;
        if (body.has("settings")) {
            JsonNode s = body.get("settings");
            if (!(s instanceof ObjectNode o)) {
                throw ApiException.invalid("settings", "settings must be a JSON object");
            }
            settings.setAll(o);
            given = true;
        }
        Iterator<Map.Entry<String, JsonNode>> it = body.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!META.contains(e.getKey())) {
                settings.set(e.getKey(), e.getValue());
                given = true;
            }
        }
        if (!given && before.isPresent()) {
            return Json.parseObject(before.get().settingsJson());
        }
        return settings;
    }

    static ObjectNode toJson(TemplateRecord t) {
        ObjectNode o = Json.object();
        o.put("id", t.id());
        o.put("name", t.name());
        o.put("vendor", t.vendor().orElse(null));
        o.put("site_id", t.siteId().orElse(null));
        o.set("settings", SettingsSecrets.mask(Json.parseObject(t.settingsJson())));
        o.put("raw_parameters", t.rawParameters());
        o.put("custom_template", t.customTemplate().orElse(null));
        o.put("created_at", t.createdAt().toString());
        o.put("updated_at", t.updatedAt().toString());
        return o;
    }
}
