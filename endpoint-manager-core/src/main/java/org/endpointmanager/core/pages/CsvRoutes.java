package org.endpointmanager.core.pages;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.endpointmanager.core.console.ConsoleRouter;
import org.endpointmanager.core.console.DeviceService;
import org.endpointmanager.core.console.Permission;
import org.endpointmanager.core.http.ApiException;
import org.endpointmanager.core.http.ErrorCode;
import org.endpointmanager.core.http.Responses;
import org.endpointmanager.core.store.Database;
import org.endpointmanager.core.store.DeviceQuery;
import org.endpointmanager.core.store.DeviceRecord;
import org.endpointmanager.core.store.LineRecord;

/**
 * {@code GET /devices.csv} (export) and {@code POST /devices/import?dry_run=true|false} (import with
 * a report per row; see {@link DeviceImport} for the all-or-nothing rule).
 */
public final class CsvRoutes {

    private static final int MAX_BODY = 1_000_000;

    private CsvRoutes() {
    }

    /** Mounts both routes. */
    public static void mount(ConsoleRouter r, Database db, DeviceService devices) {
        DeviceImport importer = new DeviceImport(db, devices);
        r.get("/devices.csv", Permission.READ, (ctx, p) -> {
            Map<String, String> templateNames = new HashMap<>();
            db.templates().list().forEach(t -> templateNames.put(t.id(), t.name()));
            StringBuilder out = new StringBuilder(DeviceCsv.line(DeviceCsv.COLUMNS));
            for (int offset = 0; ; offset += 1000) {
                List<DeviceRecord> page = db.devices().list(new DeviceQuery(Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), offset, 1000));
                for (DeviceRecord d : page) {
                    List<String> cells = new ArrayList<>();
                    cells.add(d.mac().colons());
                    cells.add(d.vendor());
                    cells.add(d.model());
                    cells.add(d.label());
                    cells.add(d.lines().stream().filter(l -> l.index() == 1).findFirst()
                            .flatMap(LineRecord::extension).orElse(""));
                    cells.add(d.templateId().map(id -> templateNames.getOrDefault(id, id)).orElse(""));
                    out.append(DeviceCsv.line(cells));
                }
                if (page.size() < 1000) {
                    break;
                }
            }
            ctx.header("Content-Disposition", "attachment; filename=\"devices.csv\"");
            ctx.contentType("text/csv; charset=utf-8").result(out.toString());
        });
        r.post("/devices/import", Permission.MANAGE_DEVICES, (ctx, p) -> {
            String dry = Optional.ofNullable(ctx.queryParam("dry_run")).orElse("true");
            if (!dry.equals("true") && !dry.equals("false")) {
                throw ApiException.invalid("dry_run", "dry_run must be true or false");
            }
            String type = Optional.ofNullable(ctx.contentType()).orElse("");
            if (!type.toLowerCase(java.util.Locale.ROOT).startsWith("text/csv")) {
                throw ApiException.invalid("body", "send the CSV with Content-Type: text/csv");
            }
            if (ctx.contentLength() > MAX_BODY) {
                throw ApiException.of(ErrorCode.TOO_LARGE, "body is larger than " + MAX_BODY + " bytes");
            }
            String text = ctx.body();
            if (text.length() > MAX_BODY) {
                throw ApiException.of(ErrorCode.TOO_LARGE, "body is larger than " + MAX_BODY + " bytes");
            }
            List<DeviceCsv.Row> rows;
            try {
                rows = DeviceCsv.parse(text);
            } catch (DeviceCsv.MalformedCsvException e) {
                throw ApiException.invalid("body", e.getMessage());
            }
            ObjectNode report = importer.run(rows, dry.equals("true"), p.name());
            boolean refused = !report.path("dry_run").asBoolean() && !report.path("applied").asBoolean();
            ctx.status(refused ? 422 : 200);
            Responses.json(ctx, report);
        });
    }

}
