package org.endpointmanager.core.pages;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.core.console.DeviceService;
import org.endpointmanager.core.http.ApiException;
import org.endpointmanager.core.http.Json;
import org.endpointmanager.core.store.Database;
import org.endpointmanager.core.store.DeviceRecord;
import org.endpointmanager.core.store.LineRecord;
import org.endpointmanager.core.store.TemplateRecord;

/**
 * Imports device rows through {@link DeviceService} (the same validation, audit and store writes
 * as the console API) inside one database transaction. A dry run, or a real run with any row
 * error, rolls the whole transaction back, audit entries included: an import is all or nothing.
 * A row whose MAC exists updates that device (only vendor, model, label, template and, when the
 * cell is filled, line 1's extension); an empty template cell removes the template.
 */
final class DeviceImport {

    /** What one row did or would do. */
    record Result(int line, String mac, String action, List<String> changes, Optional<String> field,
            Optional<String> error) {
        Result {
            Objects.requireNonNull(mac, "mac is null");
            Objects.requireNonNull(action, "action is null");
            changes = List.copyOf(changes);
            Objects.requireNonNull(field, "field is null");
            Objects.requireNonNull(error, "error is null");
        }
    }

    private static final class RolledBack extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RolledBack() {
            super("rolled back", null, false, false);
        }
    }

    private final Database db;
    private final DeviceService devices;

    DeviceImport(Database db, DeviceService devices) {
        this.db = Objects.requireNonNull(db, "db is null");
        this.devices = Objects.requireNonNull(devices, "devices is null");
    }

    /** Runs the import; {@code applied} in the answer says whether anything was kept. */
    ObjectNode run(List<DeviceCsv.Row> rows, boolean dryRun, String actor) {
        List<Result> results = new ArrayList<>();
        boolean[] applied = {false};
        try {
            db.jdbi().useTransaction(h -> {
                apply(rows, actor, results);
                boolean failed = results.stream().anyMatch(r -> r.error().isPresent());
                if (dryRun || failed) {
                    throw new RolledBack();
                }
                applied[0] = true;
            });
        } catch (RolledBack e) {
            applied[0] = false;
        }
        return report(results, dryRun, applied[0]);
    }

    private void apply(List<DeviceCsv.Row> rows, String actor, List<Result> results) {
        Map<String, TemplateRecord> templatesByName = new HashMap<>();
        Map<String, TemplateRecord> templatesById = new HashMap<>();
        for (TemplateRecord t : db.templates().list()) {
            templatesByName.put(t.name(), t);
            templatesById.put(t.id(), t);
        }
        Set<MacAddress> seen = new HashSet<>();
        for (DeviceCsv.Row row : rows) {
            String macText = row.get("mac").orElse("");
            try {
                if (row.get("_extra").isPresent()) {
                    throw ApiException.invalid("row", "the row has more cells than the header has columns");
                }
                MacAddress mac = DeviceService.mac(macText, "mac");
                macText = mac.colons();
                if (!seen.add(mac)) {
                    throw ApiException.invalid("mac", "MAC " + mac.colons() + " appears twice in the file");
                }
                Optional<String> templateId = Optional.empty();
                String templateCell = row.get("template").orElse("");
                if (!templateCell.isEmpty()) {
                    TemplateRecord t = Optional.ofNullable(templatesByName.get(templateCell))
                            .or(() -> Optional.ofNullable(templatesById.get(templateCell)))
                            .orElseThrow(() -> ApiException.invalid("template", "no template named '" + templateCell + "'"));
                    templateId = Optional.of(t.id());
                }
                ObjectNode body = Json.object();
                body.put("vendor", row.get("vendor").orElse(""));
                row.get("model").ifPresent(v -> body.put("model", v));
                row.get("label").ifPresent(v -> body.put("label", v));
                row.get("extension").filter(v -> !v.isEmpty()).ifPresent(v -> body.put("extension", v));
                if (row.cells().containsKey("template")) {
                    body.put("template_id", templateId.orElse(""));
                }
                Optional<DeviceRecord> before = db.devices().findByMac(mac);
                if (before.isEmpty()) {
                    body.put("mac", mac.colons());
                    if (body.path("template_id").asText().isEmpty()) {
                        body.remove("template_id");
                    }
                    devices.create(body, actor);
                    results.add(new Result(row.line(), macText, "create", List.of(), Optional.empty(), Optional.empty()));
                } else {
                    List<String> changes = changes(before.get(), body, templatesById);
                    if (changes.isEmpty()) {
                        results.add(new Result(row.line(), macText, "unchanged", List.of(), Optional.empty(),
                                Optional.empty()));
                    } else {
                        devices.edit(mac, body, actor);
                        results.add(new Result(row.line(), macText, "update", changes, Optional.empty(), Optional.empty()));
                    }
                }
            } catch (ApiException e) {
                results.add(new Result(row.line(), macText, "error", List.of(), Optional.of(column(e.field().orElse("row"))),
                        Optional.of(e.getMessage())));
            }
        }
    }

    private static String column(String field) {
        return switch (field) {
            case "template_id" -> "template";
            case "username", "lines", "server" -> "extension";
            default -> field;
        };
    }

    private static List<String> changes(DeviceRecord d, ObjectNode body, Map<String, TemplateRecord> templatesById) {
        List<String> out = new ArrayList<>();
        compare(out, "vendor", d.vendor(), body.path("vendor").asText());
        if (body.has("model")) {
            compare(out, "model", d.model(), body.path("model").asText());
        }
        if (body.has("label")) {
            compare(out, "label", d.label(), body.path("label").asText());
        }
        if (body.has("template_id")) {
            String now = d.templateId().map(id -> templatesById.containsKey(id) ? templatesById.get(id).name() : id).orElse("");
            String next = body.path("template_id").asText();
            compare(out, "template", now, next.isEmpty() ? "" : templatesById.get(next).name());
        }
        if (body.has("extension")) {
            String now = d.lines().stream().filter(l -> l.index() == 1).findFirst().flatMap(LineRecord::extension).orElse("");
            compare(out, "extension", now, body.path("extension").asText());
        }
        return out;
    }

    private static void compare(List<String> out, String name, String before, String after) {
        if (!before.equals(after)) {
            out.add(name + ": '" + before + "' -> '" + after + "'");
        }
    }

    private static ObjectNode report(List<Result> results, boolean dryRun, boolean applied) {
        ObjectNode out = Json.object();
        out.put("dry_run", dryRun);
        out.put("applied", applied);
        out.put("rows", results.size());
        for (String a : new String[] {"create", "update", "unchanged", "error"}) {
            out.put(a.equals("error") ? "errors" : a.equals("create") ? "created" : a.equals("update") ? "updated" : a,
                    results.stream().filter(r -> r.action().equals(a)).count());
        }
        ArrayNode arr = out.putArray("results");
        for (Result r : results) {
            ObjectNode o = arr.addObject().put("line", r.line()).put("mac", r.mac()).put("action", r.action());
            ArrayNode ch = o.putArray("changes");
            r.changes().forEach(ch::add);
            o.put("field", r.field().orElse(null));
            o.put("error", r.error().orElse(null));
        }
        return out;
    }
}
