package org.endpointmanager.core.phonebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.endpointmanager.api.vendor.PhonebookEntry;
import org.endpointmanager.core.audit.AuditLog;
import org.endpointmanager.core.console.ConsoleRouter;
import org.endpointmanager.core.console.Permission;
import org.endpointmanager.core.http.ApiException;
import org.endpointmanager.core.http.ErrorCode;
import org.endpointmanager.core.http.Json;
import org.endpointmanager.core.http.Responses;

/**
 * {@code /phonebook/sources}: external phonebook sources (list and read: READ; create, edit,
 * delete, refresh: ADMINISTER), and {@code /phonebook/entries}, the merged phonebook (READ).
 */
public final class PhonebookRoutes {

    private static final Set<String> FIELDS = Set.of("name", "url", "format", "enabled", "refresh_minutes");
    private static final int MAX_BODY = 16 * 1024;

    private PhonebookRoutes() {
    }

    /** Mounts the routes. */
    public static void mount(ConsoleRouter r, PhonebookService service, AuditLog audit, Clock clock) {
        PhonebookSourceStore store = service.sources();
        r.get("/phonebook/sources", Permission.READ, (ctx, p) -> {
            ObjectNode out = Json.object();
            ArrayNode arr = out.putArray("sources");
            store.list().forEach(s -> arr.add(toJson(s, false)));
            Responses.json(ctx, out);
        });
        r.get("/phonebook/sources/{id}", Permission.READ, (ctx, p) ->
                Responses.json(ctx, toJson(find(store, ctx), true)));
        r.get("/phonebook/entries", Permission.READ, (ctx, p) -> {
            ObjectNode out = Json.object();
            out.put("title", service.title());
            ArrayNode arr = out.putArray("entries");
            service.entries().forEach(e -> arr.add(entry(e)));
            Responses.json(ctx, out);
        });
        r.post("/phonebook/sources", Permission.ADMINISTER, (ctx, p) -> {
            ObjectNode body = body(ctx);
            Instant now = clock.instant();
            String id = UUID.randomUUID().toString();
            PhonebookSource s = new PhonebookSource(id, name(body, store, id, null), url(body, null),
                    format(body, PhonebookFormat.AUTO), bool(body, "enabled", true), minutes(body, 60), List.of(),
                    Optional.empty(), Optional.empty(), Optional.empty(), now, now);
            store.insert(s);
            audit.record(p.name(), "phonebook_source.create", id, null, toJson(s, false));
            Responses.json(ctx.status(201), toJson(s, false));
        });
        r.post("/phonebook/sources/{id}/edit", Permission.ADMINISTER, (ctx, p) -> {
            PhonebookSource before = find(store, ctx);
            ObjectNode body = body(ctx);
            PhonebookSource after = new PhonebookSource(before.id(), name(body, store, before.id(), before.name()),
                    url(body, before.url()), format(body, before.format()), bool(body, "enabled", before.enabled()),
                    minutes(body, before.refreshMinutes()), before.lastEntries(), before.lastSuccessAt(),
                    before.lastAttemptAt(), before.lastError(), before.createdAt(), clock.instant());
            if (!store.updateDefinition(after)) {
                throw ApiException.notFound("phonebook source");
            }
            audit.record(p.name(), "phonebook_source.edit", after.id(), toJson(before, false), toJson(after, false));
            Responses.json(ctx, toJson(after, false));
        });
        r.post("/phonebook/sources/{id}/delete", Permission.ADMINISTER, (ctx, p) -> {
            PhonebookSource before = find(store, ctx);
            store.delete(before.id());
            audit.record(p.name(), "phonebook_source.delete", before.id(), toJson(before, false), null);
            Responses.json(ctx, Json.object().put("deleted", before.id()));
        });
        r.post("/phonebook/sources/{id}/refresh", Permission.ADMINISTER, (ctx, p) -> {
            PhonebookSource s = find(store, ctx);
            PhonebookSource after = service.refresh(s.id()).orElseThrow(() -> ApiException.notFound("phonebook source"));
            audit.record(p.name(), "phonebook_source.refresh", s.id(), null, toJson(after, false));
            Responses.json(ctx, toJson(after, false));
        });
    }

    private static PhonebookSource find(PhonebookSourceStore store, Context ctx) {
        return store.find(ctx.pathParam("id")).orElseThrow(() -> ApiException.notFound("phonebook source"));
    }

    private static ObjectNode body(Context ctx) {
        if (ctx.contentLength() > MAX_BODY) {
            throw ApiException.of(ErrorCode.TOO_LARGE, "body is larger than " + MAX_BODY + " bytes");
        }
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        ObjectNode node;
        if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
            node = Json.object();
            for (Map.Entry<String, List<String>> e : ctx.formParamMap().entrySet()) {
                if (!e.getValue().isEmpty()) {
                    node.put(e.getKey(), e.getValue().get(0));
                }
            }
        } else {
            String text = ctx.body();
            if (text.length() > MAX_BODY) {
                throw ApiException.of(ErrorCode.TOO_LARGE, "body is larger than " + MAX_BODY + " bytes");
            }
            node = Json.parseObject(text.isBlank() ? "{}" : text);
        }
        node.fieldNames().forEachRemaining(n -> {
            if (!FIELDS.contains(n)) {
                throw ApiException.invalid(n.length() > 40 ? n.substring(0, 40) : n, "unknown field");
            }
        });
        return node;
    }

    private static String name(ObjectNode body, PhonebookSourceStore store, String id, String fallback) {
        String n = text(body, "name").orElse(fallback);
        if (n == null || n.isBlank()) {
            throw ApiException.invalid("name", "name is required");
        }
        n = n.strip();
        if (n.length() > 64 || !n.equals(PhonebookParser.clean(n))) {
            throw ApiException.invalid("name", "name may hold up to 64 printable characters");
        }
        if (n.equalsIgnoreCase(PhonebookService.EXTENSIONS_GROUP)) {
            throw ApiException.invalid("name", "'" + PhonebookService.EXTENSIONS_GROUP + "' is the host's own group");
        }
        if (store.nameTaken(n, id)) {
            throw ApiException.field(ErrorCode.CONFLICT, "name", "a phonebook source named '" + n + "' already exists");
        }
        return n;
    }

    private static String url(ObjectNode body, String fallback) {
        String u = text(body, "url").orElse(fallback);
        if (u == null || u.isBlank()) {
            throw ApiException.invalid("url", "url is required");
        }
        if (u.length() > 2048) {
            throw ApiException.invalid("url", "url is longer than 2048 characters");
        }
        try {
            return GuardedHttpFetcher.checkUrl(u).toString();
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("url", e.getMessage());
        }
    }

    private static PhonebookFormat format(ObjectNode body, PhonebookFormat fallback) {
        Optional<String> f = text(body, "format");
        if (f.isEmpty()) {
            return fallback;
        }
        return PhonebookFormat.parse(f.get()).orElseThrow(() -> ApiException.invalid("format", "format must be auto, xml or csv"));
    }

    private static boolean bool(ObjectNode body, String field, boolean fallback) {
        Optional<String> v = text(body, field).map(s -> s.toLowerCase(Locale.ROOT));
        if (v.isEmpty()) {
            return fallback;
        }
        return switch (v.get()) {
            case "true", "1", "on", "yes" -> true;
            case "false", "0", "off", "no" -> false;
            default -> throw ApiException.invalid(field, field + " must be true or false");
        };
    }

    private static int minutes(ObjectNode body, int fallback) {
        Optional<String> v = text(body, "refresh_minutes");
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            int m = Integer.parseInt(v.get());
            if (m >= 5 && m <= 10080) {
                return m;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiException.invalid("refresh_minutes", "refresh_minutes must be a whole number 5..10080");
    }

    private static Optional<String> text(ObjectNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (n.isContainerNode()) {
            throw ApiException.invalid(field, field + " must be a string");
        }
        return Optional.of(n.asText().strip());
    }

    private static ObjectNode entry(PhonebookEntry e) {
        ObjectNode o = Json.object();
        o.put("name", e.name());
        ArrayNode n = o.putArray("numbers");
        e.numbers().forEach(n::add);
        o.put("group", e.group());
        return o;
    }

    static ObjectNode toJson(PhonebookSource s, boolean withEntries) {
        ObjectNode o = Json.object();
        o.put("id", s.id());
        o.put("name", s.name());
        o.put("url", s.url());
        o.put("format", s.format().id());
        o.put("enabled", s.enabled());
        o.put("refresh_minutes", s.refreshMinutes());
        o.put("entries", s.lastEntries().size());
        o.put("last_success_at", s.lastSuccessAt().map(Instant::toString).orElse(null));
        o.put("last_attempt_at", s.lastAttemptAt().map(Instant::toString).orElse(null));
        o.put("last_error", s.lastError().orElse(null));
        o.put("created_at", s.createdAt().toString());
        o.put("updated_at", s.updatedAt().toString());
        if (withEntries) {
            ArrayNode arr = o.putArray("entry_list");
            s.lastEntries().forEach(e -> arr.add(entry(e)));
        }
        return o;
    }
}
