package org.endpointmanager.core.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.endpointmanager.core.audit.AuditLog;
import org.endpointmanager.core.http.ApiException;
import org.endpointmanager.core.http.ErrorCode;
import org.endpointmanager.core.http.Json;
import org.endpointmanager.core.http.Responses;
import org.endpointmanager.core.store.StoreException;
import org.endpointmanager.core.store.TemplateRecord;
import org.endpointmanager.core.store.TemplateStore;
import org.endpointmanager.core.urimap.UriMapping;
import org.endpointmanager.core.urimap.UriMappings;

/**
 * {@code /uri-mappings} (seed 002's URI settings): a file name below {@code /provision/} mapped to a
 * template. List and read: READ; create, edit, delete: MANAGE_DEVICES, audited. Each answer names
 * the vendors that recognise the name themselves ({@code shadows}): the mapping wins over them.
 */
public final class UriMappingRoutes {

    private static final Set<String> FIELDS = Set.of("path", "template_id", "vendor", "notes");

    private UriMappingRoutes() {
    }

    /** Mounts the routes. */
    public static void mount(ConsoleRouter r, UriMappings mappings, TemplateStore templates,
            Supplier<String> provisionUrlBase, AuditLog audit, Clock clock) {
        r.get("/uri-mappings", Permission.READ, (ctx, p) -> {
            ObjectNode out = Json.object();
            ArrayNode arr = out.putArray("uri_mappings");
            mappings.store().list().forEach(m -> arr.add(toJson(m, mappings, templates, provisionUrlBase.get())));
            Responses.json(ctx, out);
        });
        r.get("/uri-mappings/{id}", Permission.READ, (ctx, p) ->
                Responses.json(ctx, toJson(find(mappings, ctx.pathParam("id")), mappings, templates, provisionUrlBase.get())));
        r.post("/uri-mappings", Permission.MANAGE_DEVICES, (ctx, p) -> {
            ObjectNode body = body(ctx);
            Instant now = clock.instant();
            UriMapping m = new UriMapping(UUID.randomUUID().toString(), Fields.required(body, "path", 128),
                    Fields.required(body, "template_id", 64), vendor(body, Optional.empty()),
                    Fields.text(body, "notes", 500).orElse(""), now, now);
            save(mappings, m, true);
            ObjectNode after = toJson(m, mappings, templates, provisionUrlBase.get());
            audit.record(p.name(), "uri_mapping.create", m.id(), null, after);
            Responses.json(ctx.status(201), after);
        });
        r.post("/uri-mappings/{id}/edit", Permission.MANAGE_DEVICES, (ctx, p) -> {
            UriMapping before = find(mappings, ctx.pathParam("id"));
            ObjectNode body = body(ctx);
            UriMapping after = new UriMapping(before.id(),
                    body.has("path") ? Fields.required(body, "path", 128) : before.path(),
                    body.has("template_id") ? Fields.required(body, "template_id", 64) : before.templateId(),
                    vendor(body, before.vendor()), Fields.text(body, "notes", 500).orElse(before.notes()),
                    before.createdAt(), clock.instant());
            save(mappings, after, false);
            ObjectNode json = toJson(after, mappings, templates, provisionUrlBase.get());
            audit.record(p.name(), "uri_mapping.edit", after.id(),
                    toJson(before, mappings, templates, provisionUrlBase.get()), json);
            Responses.json(ctx, json);
        });
        r.post("/uri-mappings/{id}/delete", Permission.MANAGE_DEVICES, (ctx, p) -> {
            UriMapping before = find(mappings, ctx.pathParam("id"));
            if (!mappings.delete(before.id())) {
                throw ApiException.notFound("URI mapping");
            }
            audit.record(p.name(), "uri_mapping.delete", before.id(),
                    toJson(before, mappings, templates, provisionUrlBase.get()), null);
            Responses.json(ctx, Json.object().put("deleted", before.id()));
        });
    }

    private static void save(UriMappings mappings, UriMapping m, boolean create) {
        try {
            mappings.validate(m);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            int colon = message.indexOf(':');
            String field = colon > 0 ? message.substring(0, colon) : "path";
            ErrorCode code = field.equals("template_id") && message.contains("does not exist")
                    ? ErrorCode.UNPROCESSABLE : null;
            String text = colon > 0 ? message.substring(colon + 1).strip() : message;
            throw code == null ? ApiException.invalid(field, field + " " + text) : ApiException.field(code, field, text);
        }
        if (mappings.pathTaken(m.path(), m.id())) {
            throw ApiException.field(ErrorCode.CONFLICT, "path", "'" + m.path() + "' is already mapped");
        }
        try {
            if (create) {
                mappings.insert(m);
            } else if (!mappings.update(m)) {
                throw ApiException.notFound("URI mapping");
            }
        } catch (StoreException e) {
            throw ApiException.field(ErrorCode.CONFLICT, "path", "'" + m.path() + "' is already mapped");
        }
    }

    private static ObjectNode body(io.javalin.http.Context ctx) {
        ObjectNode body = RequestBodies.read(ctx);
        body.fieldNames().forEachRemaining(n -> {
            if (!FIELDS.contains(n)) {
                throw ApiException.invalid(n.length() > 40 ? n.substring(0, 40) : n, "unknown field");
            }
        });
        return body;
    }

    private static Optional<String> vendor(ObjectNode body, Optional<String> before) {
        if (!body.has("vendor")) {
            return before;
        }
        return Fields.text(body, "vendor", 32).filter(v -> !v.isEmpty());
    }

    private static UriMapping find(UriMappings mappings, String id) {
        return mappings.store().find(id).orElseThrow(() -> ApiException.notFound("URI mapping"));
    }

    private static ObjectNode toJson(UriMapping m, UriMappings mappings, TemplateStore templates, String base) {
        Optional<TemplateRecord> t = templates.find(m.templateId());
        ObjectNode o = Json.object();
        o.put("id", m.id());
        o.put("path", m.path());
        o.put("url", base + "/" + m.path());
        o.put("template_id", m.templateId());
        o.put("template_name", t.map(TemplateRecord::name).orElse(null));
        o.put("vendor", m.vendor().orElse(null));
        o.put("serves_vendor", t.flatMap(TemplateRecord::vendor).or(m::vendor).orElse(null));
        o.put("custom_template", t.flatMap(TemplateRecord::customTemplate).isPresent());
        ArrayNode shadows = o.putArray("shadows");
        mappings.shadowedVendors(m.path()).forEach(shadows::add);
        o.put("notes", m.notes());
        o.put("created_at", m.createdAt().toString());
        o.put("updated_at", m.updatedAt().toString());
        return o;
    }
}
