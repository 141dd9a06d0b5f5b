package org.endpointmanager.core.firmware;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.endpointmanager.api.host.Principal;
import org.endpointmanager.core.audit.AuditLog;
import org.endpointmanager.core.console.ConsoleRouter;
import org.endpointmanager.core.console.Permission;
import org.endpointmanager.core.http.ApiException;
import org.endpointmanager.core.http.ErrorCode;
import org.endpointmanager.core.http.Json;
import org.endpointmanager.core.http.Responses;
import org.endpointmanager.core.settings.SettingsService;
import org.endpointmanager.core.store.DeviceQuery;
import org.endpointmanager.core.store.DeviceRecord;
import org.endpointmanager.core.store.FetchRecord;
import org.endpointmanager.core.store.FetchStore;
import org.endpointmanager.core.store.DeviceStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /firmware}: list (READ), multipart upload, edit and delete (ADMINISTER), and the
 * compliance view (READ). Uploads are streamed from the request body; see {@link FirmwareRepository}.
 */
public final class FirmwareRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(FirmwareRoutes.class);
    private static final Set<String> FIELDS = Set.of("vendor", "model", "version", "hw_revision", "notes", "file");
    /** Room for the form fields and part headers around the file. */
    private static final long FORM_OVERHEAD = 64 * 1024;

    private FirmwareRoutes() {
    }

    /**
     * Mounts the routes.
     *
     * @param provisioningBase the settings' provisioning URL base (download URLs are shown under it)
     */
    public static void mount(ConsoleRouter r, FirmwareRepository repository, FirmwareTargets targets,
            DeviceStore devices, FetchStore fetches, SettingsService settings, AuditLog audit) {
        r.get("/firmware", Permission.READ, (ctx, p) -> {
            ObjectNode out = Json.object();
            ArrayNode arr = out.putArray("firmware");
            String base = settings.current().provisionUrlBase();
            repository.list().forEach(f -> arr.add(toJson(f, base)));
            out.put("total_bytes", repository.totalBytes());
            out.put("max_file_bytes", repository.limits().maxFileBytes());
            out.put("max_total_bytes", repository.limits().maxTotalBytes());
            Responses.json(ctx, out);
        });
        r.post("/firmware", Permission.ADMINISTER, (ctx, p) -> {
            Form form = readForm(ctx, repository, true);
            FirmwareRecord f = commit(() -> repository.add(form.meta(), form.file().orElseThrow()));
            audit.record(p.name(), "firmware.create", f.id(), null, toJson(f, settings.current().provisionUrlBase()));
            Responses.json(ctx.status(201), toJson(f, settings.current().provisionUrlBase()));
        });
        r.post("/firmware/{id}/edit", Permission.ADMINISTER, (ctx, p) -> {
            String id = ctx.pathParam("id");
            FirmwareRecord before = repository.find(id).orElseThrow(() -> ApiException.notFound("firmware"));
            Form form = readForm(ctx, repository, false, before);
            FirmwareRecord f = commit(() -> repository.edit(id, form.meta(), form.file()));
            String base = settings.current().provisionUrlBase();
            audit.record(p.name(), "firmware.edit", f.id(), toJson(before, base), toJson(f, base));
            Responses.json(ctx, toJson(f, base));
        });
        r.post("/firmware/{id}/delete", Permission.ADMINISTER, (ctx, p) -> {
            FirmwareRecord f = commit(() -> repository.delete(ctx.pathParam("id")));
            audit.record(p.name(), "firmware.delete", f.id(), toJson(f, settings.current().provisionUrlBase()), null);
            Responses.json(ctx, Json.object().put("deleted", f.id()));
        });
        r.get("/firmware/compliance", Permission.READ, (ctx, p) -> compliance(ctx, p, targets, devices, fetches));
    }

    private static void compliance(Context ctx, Principal p, FirmwareTargets targets, DeviceStore devices,
            FetchStore fetches) {
        ObjectNode out = Json.object();
        ArrayNode arr = out.putArray("devices");
        Map<String, Integer> counts = new HashMap<>();
        int offset = 0;
        while (true) {
            var page = devices.list(new DeviceQuery(Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), offset, 1000));
            for (DeviceRecord d : page) {
                Optional<FetchRecord> last = fetches.latest(d.mac());
                Optional<String> running = last.flatMap(FetchRecord::firmware);
                Optional<FirmwareRecord> target = targets.target(d.vendor(), Optional.of(d.model()), Optional.of(d.mac()),
                        Optional.empty());
                String status;
                if (target.isEmpty()) {
                    status = "no_target";
                } else if (running.isEmpty()) {
                    status = "unknown";
                } else {
                    status = running.get().equalsIgnoreCase(target.get().version()) ? "compliant" : "outdated";
                }
                counts.merge(status, 1, Integer::sum);
                ObjectNode o = arr.addObject();
                o.put("mac", d.mac().colons());
                o.put("vendor", d.vendor());
                o.put("model", d.model());
                o.put("label", d.label());
                o.put("running_version", running.orElse(null));
                o.put("last_fetch_at", last.map(f -> f.at().toString()).orElse(null));
                o.put("target_version", target.map(FirmwareRecord::version).orElse(null));
                o.put("target_id", target.map(FirmwareRecord::id).orElse(null));
                o.put("status", status);
            }
            if (page.size() < 1000) {
                break;
            }
            offset += 1000;
        }
        ObjectNode summary = out.putObject("summary");
        for (String s : new String[] {"compliant", "outdated", "unknown", "no_target"}) {
            summary.put(s, counts.getOrDefault(s, 0));
        }
        Responses.json(ctx, out);
    }

    private interface Commit {
        FirmwareRecord run();
    }

    private static FirmwareRecord commit(Commit c) {
        try {
            return c.run();
        } catch (FirmwareException e) {
            throw toApi(e);
        }
    }

    private static ApiException toApi(FirmwareException e) {
        ErrorCode code = switch (e.kind()) {
            case INVALID -> ErrorCode.INVALID_INPUT;
            case UNPROCESSABLE -> ErrorCode.UNPROCESSABLE;
            case TOO_LARGE -> ErrorCode.TOO_LARGE;
            case NOT_FOUND -> ErrorCode.NOT_FOUND;
        };
        return e.field().map(f -> ApiException.field(code, f, e.getMessage())).orElseGet(() -> ApiException.of(code, e.getMessage()));
    }

    private record Form(FirmwareUpload meta, Optional<FirmwareRepository.StagedFile> file) {
    }

    private static Form readForm(Context ctx, FirmwareRepository repository, boolean fileRequired) {
        return readForm(ctx, repository, fileRequired, null);
    }

    /**
     * Reads the multipart form, streaming the file part to a staged temp file. Any failure removes
     * the staged file: nothing of a refused or broken upload stays.
     */
    private static Form readForm(Context ctx, FirmwareRepository repository, boolean fileRequired, FirmwareRecord before) {
        long length = ctx.req().getContentLengthLong();
        if (length > repository.limits().maxFileBytes() + FORM_OVERHEAD) {
            // refused before a byte of the body is read: a client that sent Expect: 100-continue sends nothing
            ctx.header("Connection", "close");
            throw ApiException.field(ErrorCode.TOO_LARGE, "file", "the upload is larger than the limit of "
                    + repository.limits().maxFileBytes() + " bytes ([firmware] max_file_mb)");
        }
        MultipartReader reader;
        try {
            reader = new MultipartReader(ctx.req().getInputStream(), ctx.contentType());
        } catch (IllegalArgumentException | IOException e) {
            throw ApiException.invalid("body", "send multipart/form-data with the fields vendor, model, version, "
                    + "hw_revision, notes and file");
        }
        Map<String, String> fields = new HashMap<>();
        FirmwareRepository.StagedFile staged = null;
        boolean ok = false;
        try {
            Optional<MultipartReader.Part> part;
            while ((part = reader.next()).isPresent()) {
                MultipartReader.Part pt = part.get();
                if (!FIELDS.contains(pt.name())) {
                    throw ApiException.invalid(pt.name(), "unknown field '" + printable(pt.name()) + "'");
                }
                if (pt.name().equals("file")) {
                    if (staged != null) {
                        throw ApiException.invalid("file", "send one file");
                    }
                    if (pt.fileName().isEmpty() || pt.fileName().get().isEmpty()) {
                        // an empty file input in an edit form: keep the stored file
                        pt.body().skip(Long.MAX_VALUE);
                        continue;
                    }
                    staged = stage(repository, pt.fileName().get(), pt.body());
                } else {
                    try {
                        fields.put(pt.name(), MultipartReader.text(pt, pt.name().equals("notes") ? 4000 : 256));
                    } catch (IllegalArgumentException e) {
                        throw ApiException.invalid(pt.name(), e.getMessage());
                    }
                }
            }
            if (fileRequired && staged == null) {
                throw ApiException.invalid("file", "file is required");
            }
            String vendor = fields.getOrDefault("vendor", before == null ? "" : before.vendor()).strip();
            if (vendor.isEmpty()) {
                throw ApiException.invalid("vendor", "vendor is required");
            }
            FirmwareUpload meta = new FirmwareUpload(vendor,
                    field(fields, "model", before == null ? Optional.empty() : before.model()),
                    fields.getOrDefault("version", before == null ? "" : before.version()),
                    field(fields, "hw_revision", before == null ? Optional.empty() : before.hwRevision()),
                    fields.getOrDefault("notes", before == null ? "" : before.notes()));
            ok = true;
            return new Form(meta, Optional.ofNullable(staged));
        } catch (IOException e) {
            LOG.info("firmware upload aborted ip={} reason={}", ctx.ip(), e.getMessage());
            throw ApiException.invalid("body", "the upload was cut off or malformed: " + e.getMessage());
        } finally {
            if (!ok) {
                repository.discard(staged);
            }
        }
    }

    private static FirmwareRepository.StagedFile stage(FirmwareRepository repository, String name, InputStream body)
            throws IOException {
        try {
            return repository.stage(name, body);
        } catch (FirmwareException e) {
            throw toApi(e);
        }
    }

    private static Optional<String> field(Map<String, String> fields, String name, Optional<String> fallback) {
        return fields.containsKey(name) ? Optional.of(fields.get(name).strip()).filter(s -> !s.isEmpty()) : fallback;
    }

    private static String printable(String s) {
        String t = s.length() > 40 ? s.substring(0, 40) : s;
        return t.replaceAll("[^A-Za-z0-9_.-]", "?");
    }

    static ObjectNode toJson(FirmwareRecord f, String provisioningBase) {
        ObjectNode o = Json.object();
        o.put("id", f.id());
        o.put("vendor", f.vendor());
        o.put("model", f.model().orElse(""));
        o.put("version", f.version());
        o.put("hw_revision", f.hwRevision().orElse(""));
        o.put("notes", f.notes());
        o.put("file_name", f.fileName());
        o.put("size", f.size());
        o.put("sha256", f.sha256());
        o.put("url", FirmwareTargets.url(provisioningBase, f));
        o.put("created_at", f.createdAt().toString());
        o.put("updated_at", f.updatedAt().toString());
        return o;
    }
}
