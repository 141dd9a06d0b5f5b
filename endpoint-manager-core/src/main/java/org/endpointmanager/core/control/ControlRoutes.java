package org.endpointmanager.core.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.Secret;
import org.endpointmanager.api.host.Principal;
import org.endpointmanager.core.audit.AuditLog;
import org.endpointmanager.core.console.ConsoleRouter;
import org.endpointmanager.core.console.DeviceService;
import org.endpointmanager.core.console.Permission;
import org.endpointmanager.core.http.ApiException;
import org.endpointmanager.core.http.ErrorCode;
import org.endpointmanager.core.http.Json;
import org.endpointmanager.core.http.Responses;
import org.endpointmanager.core.jobs.JobRunner;
import org.endpointmanager.core.store.DeviceQuery;
import org.endpointmanager.core.store.DeviceRecord;
import org.endpointmanager.core.store.JobRecord;

/**
 * Seed 000's phone control routes: credentials, provision (push config), factory reset, firmware
 * URL push, status poll, the fleet listing and the firmware push history. Every operation on a
 * phone runs as a one-item job (its result per phone in {@code /jobs/{id}}) and every write is
 * audited; the status poll is a read and answers at once.
 */
public final class ControlRoutes {

    private static final int MAX_BODY = 64 * 1024;
    private static final JobRunner.Options ONE = new JobRunner.Options(1, Duration.ZERO);

    private final DriverService control;
    private final DeviceService devices;
    private final JobRunner jobs;
    private final AuditLog audit;

    private ControlRoutes(DriverService control, DeviceService devices, JobRunner jobs, AuditLog audit) {
        this.control = Objects.requireNonNull(control, "control is null");
        this.devices = Objects.requireNonNull(devices, "devices is null");
        this.jobs = Objects.requireNonNull(jobs, "jobs is null");
        this.audit = Objects.requireNonNull(audit, "audit is null");
    }

    /** Mounts the routes. */
    public static void mount(ConsoleRouter r, DriverService control, DeviceService devices, JobRunner jobs, AuditLog audit) {
        ControlRoutes routes = new ControlRoutes(control, devices, jobs, audit);
        r.put("/devices/{mac}/credentials", Permission.MANAGE_DEVICES, routes::putCredentials);
        // HTML forms cannot PUT; the console's other writes are POSTs too
        r.post("/devices/{mac}/credentials", Permission.MANAGE_DEVICES, routes::putCredentials);
        r.get("/devices/{mac}/credentials", Permission.READ, routes::getCredentials);
        r.post("/devices/{mac}/provision", Permission.MANAGE_DEVICES, routes::provision);
        r.post("/devices/{mac}/factory-reset", Permission.MANAGE_DEVICES, routes::factoryReset);
        r.post("/devices/{mac}/firmware", Permission.ADMINISTER, routes::firmware);
        r.get("/devices/{mac}/status", Permission.READ, routes::status);
        r.get("/fleet", Permission.READ, routes::fleet);
        r.get("/fleet/firmware-pushes", Permission.READ, routes::firmwarePushes);
    }

    /**
     * Registers how the one-phone jobs are resumed after their node stopped (the engine calls it
     * once): the target is the MAC and the params hold the rest. A job that is resumed never ran
     * its item (an item left running is not retried), so a reset or push runs once.
     */
    public static void registerResumable(JobRunner jobs, DriverService control) {
        jobs.resumable("provision", job -> {
            ObjectNode p = Json.parseObject(job.paramsJson());
            boolean force = p.path("force").asBoolean(false);
            boolean rebootAfter = p.path("reboot_after").asBoolean(false);
            return Optional.of(target -> current(control, target).map(x -> control.provision(x, force, rebootAfter).toItem())
                    .orElseGet(ControlRoutes::gone));
        });
        jobs.resumable("factory_reset", job -> Optional.of(target -> current(control, target)
                .map(x -> control.factoryReset(x).toItem()).orElseGet(ControlRoutes::gone)));
        jobs.resumable("firmware", job -> {
            ObjectNode p = Json.parseObject(job.paramsJson());
            if (!p.path("firmware_url").isTextual()) {
                return Optional.empty(); // the bulk push by version (FleetFirmware)
            }
            String url = p.get("firmware_url").asText();
            Optional<String> version = Optional.of(p.path("target_version")).filter(JsonNode::isTextual).map(JsonNode::asText);
            return Optional.of(target -> current(control, target)
                    .map(x -> control.pushFirmware(x, url, version, job.createdBy(), Optional.of(job.id())).toItem())
                    .orElseGet(ControlRoutes::gone));
        });
    }

    private static Optional<DeviceRecord> current(DriverService control, String target) {
        return MacAddress.tryParse(target).flatMap(control::device);
    }

    private DeviceRecord device(Context ctx) {
        return devices.require(DeviceService.mac(ctx.pathParam("mac"), "mac"));
    }

    private void putCredentials(Context ctx, Principal p) {
        DeviceRecord d = device(ctx);
        ObjectNode body = body(ctx, Set.of("username", "password", "port"));
        String username = text(body, "username", 128).filter(s -> !s.isEmpty())
                .orElseThrow(() -> ApiException.invalid("username", "username is required"));
        JsonNode pw = body.get("password");
        if (pw == null || !pw.isTextual() || pw.asText().isEmpty()) {
            throw ApiException.invalid("password", "password is required");
        }
        if (pw.asText().length() > 256 || pw.asText().chars().anyMatch(Character::isISOControl)) {
            throw ApiException.invalid("password", "password must be at most 256 characters without control characters");
        }
        int port = integer(body, "port", 1, 65535).orElse(80);
        control.setCredentials(d, username, Secret.of(pw.asText()), port);
        ObjectNode after = Json.object().put("username", username).put("password", Secret.MASK).put("port", port);
        audit.record(p.name(), "device.credentials", d.mac().colons(), null, after);
        Responses.json(ctx, credentialsJson(d));
    }

    private void getCredentials(Context ctx, Principal p) {
        Responses.json(ctx, credentialsJson(device(ctx)));
    }

    private ObjectNode credentialsJson(DeviceRecord d) {
        ObjectNode o = Json.object().put("mac", d.mac().colons());
        Optional<PhoneCredentials> c = control.store().credentials(d.id());
        o.put("credentials_set", c.isPresent());
        o.put("username", c.map(PhoneCredentials::username).orElse(null));
        if (c.isPresent()) {
            o.put("port", c.get().port());
        } else {
            o.putNull("port");
        }
        o.put("refused", c.flatMap(PhoneCredentials::refused).orElse(null));
        return o;
    }

    private void provision(Context ctx, Principal p) {
        DeviceRecord d = device(ctx);
        ObjectNode body = body(ctx, Set.of("force", "reboot_after"));
        boolean force = bool(body, "force");
        boolean rebootAfter = bool(body, "reboot_after");
        ObjectNode params = Json.object().put("mac", d.mac().colons()).put("force", force).put("reboot_after", rebootAfter);
        JobRecord job = jobs.submit("provision", p.name(), Json.write(params), List.of(d.mac().colons()), ONE,
                target -> current(d).map(x -> control.provision(x, force, rebootAfter).toItem()).orElseGet(ControlRoutes::gone));
        audit.record(p.name(), "device.provision", d.mac().colons(), null, params.put("job_id", job.id()));
        accepted(ctx, job);
    }

    private void factoryReset(Context ctx, Principal p) {
        DeviceRecord d = device(ctx);
        body(ctx, Set.of());
        ObjectNode params = Json.object().put("mac", d.mac().colons());
        JobRecord job = jobs.submit("factory_reset", p.name(), Json.write(params), List.of(d.mac().colons()), ONE,
                target -> current(d).map(x -> control.factoryReset(x).toItem()).orElseGet(ControlRoutes::gone));
        audit.record(p.name(), "device.factory_reset", d.mac().colons(), null, params.put("job_id", job.id()));
        accepted(ctx, job);
    }

    private void firmware(Context ctx, Principal p) {
        DeviceRecord d = device(ctx);
        ObjectNode body = body(ctx, Set.of("firmware_url", "target_version"));
        String url = text(body, "firmware_url", 1000).filter(s -> s.matches("(?i)(https?|tftp)://\\S+"))
                .orElseThrow(() -> ApiException.invalid("firmware_url", "firmware_url must be an http, https or tftp URL"));
        Optional<String> version = text(body, "target_version", 64).filter(s -> !s.isEmpty());
        if (version.isPresent() && !version.get().matches("[0-9A-Za-z._\\-]+")) {
            throw ApiException.invalid("target_version", "target_version may contain letters, digits and . _ -");
        }
        ObjectNode params = Json.object().put("mac", d.mac().colons()).put("firmware_url", url)
                .put("target_version", version.orElse(null));
        // the item records its job id in the history; the id exists only once submit returns
        CompletableFuture<String> jobId = new CompletableFuture<>();
        JobRecord job = jobs.submit("firmware", p.name(), Json.write(params), List.of(d.mac().colons()), ONE,
                target -> {
                    String id = jobId.get(10, TimeUnit.SECONDS);
                    return current(d).map(x -> control.pushFirmware(x, url, version, p.name(), Optional.of(id)).toItem())
                            .orElseGet(ControlRoutes::gone);
                });
        jobId.complete(job.id());
        audit.record(p.name(), "device.firmware_push", d.mac().colons(), null, params.put("job_id", job.id()));
        accepted(ctx, job);
    }

    private void status(Context ctx, Principal p) {
        DeviceRecord d = device(ctx);
        boolean refresh = !"false".equalsIgnoreCase(Optional.ofNullable(ctx.queryParam("refresh")).orElse("true"));
        ObjectNode o = Json.object().put("mac", d.mac().colons());
        if (refresh) {
            DriverService.Outcome outcome = control.pollStatus(d);
            o.put("polled", outcome.ok());
            o.put("failure", outcome.failure().map(f -> f.name().toLowerCase(java.util.Locale.ROOT)).orElse(null));
            o.put("detail", outcome.detail());
        }
        o.set("status", statusJson(control.store().statuses(List.of(d.id())).get(d.id())));
        Responses.json(ctx, o);
    }

    private void fleet(Context ctx, Principal p) {
        DeviceQuery q = new DeviceQuery(query(ctx, "search", 64), query(ctx, "vendor", 32), query(ctx, "model", 48),
                query(ctx, "site_id", 64), intQuery(ctx, "offset", 0, 0, 10_000_000), intQuery(ctx, "limit", 100, 1, 1000));
        List<DeviceRecord> page = control.deviceStore().list(q);
        List<String> ids = page.stream().map(DeviceRecord::id).toList();
        Map<String, PhoneStatusRecord> statuses = control.store().statuses(ids);
        Map<String, Boolean> creds = control.store().credentialsSet(ids);
        ObjectNode out = Json.object();
        out.put("total", control.deviceStore().count(q));
        ArrayNode arr = out.putArray("phones");
        for (DeviceRecord d : page) {
            ObjectNode o = arr.addObject();
            o.put("id", d.id());
            o.put("mac", d.mac().colons());
            o.put("label", d.label());
            o.put("vendor", d.vendor());
            o.put("site_id", d.siteId());
            o.put("ip_address", d.ipAddress().orElse(null));
            o.put("credentials_set", creds.getOrDefault(d.id(), false));
            o.put("driver", control.hasDriver(d));
            PhoneStatusRecord s = statuses.get(d.id());
            o.put("model", s == null ? d.model() : s.model().orElse(d.model()));
            o.put("firmware", s == null ? null : s.firmware().orElse(null));
            o.set("status", statusJson(s));
        }
        Responses.json(ctx, out);
    }

    private void firmwarePushes(Context ctx, Principal p) {
        Optional<String> mac = query(ctx, "mac", 17).map(m -> DeviceService.mac(m, "mac").lower());
        ObjectNode out = Json.object();
        ArrayNode arr = out.putArray("pushes");
        for (FirmwarePushRecord r : control.store().firmwarePushes(mac, intQuery(ctx, "limit", 50, 1, 500))) {
            arr.addObject().put("id", r.id()).put("mac", org.endpointmanager.api.MacAddress.parse(r.mac()).colons())
                    .put("firmware_url", r.firmwareUrl()).put("target_version", r.targetVersion().orElse(null))
                    .put("job_id", r.jobId().orElse(null)).put("actor", r.actor()).put("status", r.status())
                    .put("detail", r.detail()).put("at", r.createdAt().toString());
        }
        Responses.json(ctx, out);
    }

    private static ObjectNode statusJson(PhoneStatusRecord s) {
        ObjectNode o = Json.object();
        if (s == null) {
            o.putNull("polled_at");
            return o;
        }
        o.put("polled_at", s.polledAt().map(Object::toString).orElse(null));
        o.put("model", s.model().orElse(null));
        o.put("firmware", s.firmware().orElse(null));
        o.put("mac", s.reportedMac().map(m -> org.endpointmanager.api.MacAddress.parse(m).colons()).orElse(null));
        o.put("ip_address", s.ipAddress().orElse(null));
        if (s.registered().isPresent()) {
            o.put("registered", s.registered().get());
            o.put("registration", s.registered().get() ? "registered" : "unregistered");
        } else {
            o.putNull("registered");
            o.put("registration", "unknown");
        }
        if (s.uptime().isPresent()) {
            o.put("uptime_seconds", s.uptime().get().toSeconds());
        } else {
            o.putNull("uptime_seconds");
        }
        o.put("last_error", s.lastError().orElse(null));
        o.put("last_error_at", s.lastErrorAt().map(Object::toString).orElse(null));
        return o;
    }

    /** The device as it is when the job runs (it may have been edited or deleted since). */
    private Optional<DeviceRecord> current(DeviceRecord d) {
        return control.device(d.mac());
    }

    private static JobRunner.ItemResult gone() {
        return new JobRunner.ItemResult(false, "not_configured: the device no longer exists");
    }

    private static void accepted(Context ctx, JobRecord job) {
        Responses.json(ctx.status(202), Json.object().put("job_id", job.id()).put("kind", job.kind())
                .put("status", job.status()).put("total", job.total()));
    }

    private static ObjectNode body(Context ctx, Set<String> allowed) {
        if (ctx.contentLength() > MAX_BODY) {
            throw ApiException.of(ErrorCode.TOO_LARGE, "body is larger than " + MAX_BODY + " bytes");
        }
        String text = ctx.body();
        if (text.length() > MAX_BODY) {
            throw ApiException.of(ErrorCode.TOO_LARGE, "body is larger than " + MAX_BODY + " bytes");
        }
        ObjectNode body = Json.parseObject(text);
        body.fieldNames().forEachRemaining(n -> {
            if (!allowed.contains(n)) {
                throw ApiException.invalid(n, "unknown field '" + n + "'");
            }
        });
        return body;
    }

    private static Optional<String> text(ObjectNode body, String field, int max) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw ApiException.invalid(field, field + " must be a string");
        }
        String t = v.asText().strip();
        if (t.length() > max || t.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.invalid(field, field + " must be at most " + max + " characters without control characters");
        }
        return Optional.of(t);
    }

    private static boolean bool(ObjectNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw ApiException.invalid(field, field + " must be true or false");
        }
        return v.booleanValue();
    }

    private static Optional<Integer> integer(ObjectNode body, String field, int min, int max) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isInt() || v.intValue() < min || v.intValue() > max) {
            throw ApiException.invalid(field, field + " must be a whole number " + min + ".." + max);
        }
        return Optional.of(v.intValue());
    }

    private static Optional<String> query(Context ctx, String name, int max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        if (v.length() > max) {
            throw ApiException.invalid(name, name + " is longer than " + max + " characters");
        }
        return Optional.of(v.strip());
    }

    private static int intQuery(Context ctx, String name, int dflt, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        if (!v.strip().matches("\\d{1,9}") || Integer.parseInt(v.strip()) < min || Integer.parseInt(v.strip()) > max) {
            throw ApiException.invalid(name, name + " must be " + min + ".." + max);
        }
        return Integer.parseInt(v.strip());
    }
}
