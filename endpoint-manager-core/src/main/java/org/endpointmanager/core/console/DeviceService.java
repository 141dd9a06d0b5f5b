package org.endpointmanager.core.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.Secret;
import org.endpointmanager.api.host.UserDirectory;
import org.endpointmanager.api.vendor.VendorPlugin;
import org.endpointmanager.core.audit.AuditLog;
import org.endpointmanager.core.control.ControlStore;
import org.endpointmanager.core.http.ApiException;
import org.endpointmanager.core.http.Responses;
import org.endpointmanager.core.http.ErrorCode;
import org.endpointmanager.core.http.Json;
import org.endpointmanager.core.provisioning.ProfileLayer;
import org.endpointmanager.core.provisioning.SettingsSecrets;
import org.endpointmanager.core.render.RawParametersParser;
import org.endpointmanager.core.security.Cidr;
import org.endpointmanager.core.settings.Settings;
import org.endpointmanager.core.store.Database;
import org.endpointmanager.core.store.DeviceQuery;
import org.endpointmanager.core.store.DeviceRecord;
import org.endpointmanager.core.store.LineRecord;
import org.endpointmanager.core.store.SiteRecord;
import org.endpointmanager.core.store.StoreException;
import org.endpointmanager.core.vendor.UnknownVendorException;
import org.endpointmanager.core.vendor.VendorRegistry;

/**
 * Device management behind the console API: strict input parsing (seed 001's fields plus lines,
 * settings and raw parameters), store writes, audit entries, and the JSON view (never a secret).
 */
public final class DeviceService {

    private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9 ._+()/\\-]{0,48}");
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._+!~*'()%&=$,;?\\-]{1,64}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.\\-]{0,252})|\\[[0-9a-fA-F:.]{2,45}]|[0-9.]{7,15}");
    private static final Set<String> FIELDS = Set.of("mac", "vendor", "model", "label", "username", "password", "server",
            "extension", "site_id", "template_id", "ip_address", "lines", "settings", "raw_parameters", "display_name");

    private final Database db;
    private final VendorRegistry vendors;
    private final UserDirectory users;
    private final AuditLog audit;
    private final Supplier<Set<String>> rawSections;
    private final Supplier<Settings> settings;
    private final Clock clock;
    private final ControlStore credentials;

    /** Creates the service. */
    public DeviceService(Database db, VendorRegistry vendors, UserDirectory users, AuditLog audit,
            Supplier<Set<String>> rawSections, Supplier<Settings> settings, Clock clock) {
        this.db = Objects.requireNonNull(db, "db is null");
        this.vendors = Objects.requireNonNull(vendors, "vendors is null");
        this.users = Objects.requireNonNull(users, "users is null");
        this.audit = Objects.requireNonNull(audit, "audit is null");
        this.rawSections = Objects.requireNonNull(rawSections, "rawSections is null");
        this.settings = Objects.requireNonNull(settings, "settings is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.credentials = new ControlStore(db.jdbi(), db.secrets());
    }

    /** Parses a MAC from a path or body in any spelling; 400 naming the field otherwise. */
    public static MacAddress mac(String text, String field) {
        return MacAddress.tryParse(text).orElseThrow(() -> ApiException.invalid(field,
                field + " is not a MAC address (12 hex digits, optionally separated by ':', '-' or '.')"));
    }

    /** The device with this MAC, or 404. */
    public DeviceRecord require(MacAddress mac) {
        return db.devices().findByMac(mac).orElseThrow(() -> ApiException.notFound("device " + mac));
    }

    /** A page of devices as JSON. */
    public ObjectNode list(DeviceQuery query) {
        ObjectNode out = Json.object();
        ArrayNode arr = out.putArray("devices");
        List<DeviceRecord> page = db.devices().list(query);
        Map<String, Boolean> refused = credentials.credentialsRefused(page.stream().map(DeviceRecord::id).toList());
        page.forEach(d -> arr.add(toJson(d, refused)));
        out.put("total", db.devices().count(query));
        out.put("offset", query.offset());
        out.put("limit", query.limit());
        return out;
    }

    /** Creates a device from seed 001's fields (and the richer ones). */
    public DeviceRecord create(ObjectNode body, String actor) {
        unknownFields(body);
        MacAddress mac = mac(Fields.required(body, "mac", 32), "mac");
        VendorPlugin vendor = vendor(Fields.required(body, "vendor", 32));
        String model = model(body).orElse("");
        String label = Fields.text(body, "label", 128).orElse("");
        String siteId = site(Fields.text(body, "site_id", 64).orElse(SiteRecord.DEFAULT_ID));
        Optional<String> templateId = template(Fields.text(body, "template_id", 64));
        Optional<String> ip = ip(body);
        String settingsJson = settingsJson(body.get("settings"), Optional.empty()).orElse("{}");
        String raw = raw(body).orElse("");
        List<LineRecord> lines = body.has("lines") ? lines(body.get("lines"), List.of()) : seedLine(body, Optional.empty())
                .map(List::of).orElse(List.of());
        var now = clock.instant();
        DeviceRecord d = new DeviceRecord(UUID.randomUUID().toString(), mac, vendor.id(), model, label, siteId,
                templateId, ip, settingsJson, raw, lines, now, now);
        try {
            d = db.devices().insert(d);
        } catch (StoreException e) {
            throw translate(e, "mac", "a device with MAC " + mac + " already exists");
        }
        audit.record(actor, "device.create", mac.colons(), null, toJson(d));
        return d;
    }

    /** Changes a device: only the fields present in the body. */
    public DeviceRecord edit(MacAddress current, ObjectNode body, String actor) {
        unknownFields(body);
        DeviceRecord before = require(current);
        MacAddress mac = body.has("mac") ? mac(Fields.required(body, "mac", 32), "mac") : before.mac();
        String vendor = body.has("vendor") ? vendor(Fields.required(body, "vendor", 32)).id() : before.vendor();
        String model = body.has("model") ? model(body).orElse("") : before.model();
        String label = body.has("label") ? Fields.text(body, "label", 128).orElse("") : before.label();
        String siteId = body.has("site_id") ? site(Fields.required(body, "site_id", 64)) : before.siteId();
        Optional<String> templateId = body.has("template_id") ? template(Fields.text(body, "template_id", 64).filter(s -> !s.isEmpty()))
                : before.templateId();
        Optional<String> ip = body.has("ip_address") ? ip(body) : before.ipAddress();
        String settingsJson = body.has("settings") ? settingsJson(body.get("settings"), Optional.of(before.settingsJson()))
                .orElse("{}") : before.settingsJson();
        String raw = body.has("raw_parameters") ? raw(body).orElse("") : before.rawParameters();
        List<LineRecord> lines = before.lines();
        if (body.has("lines")) {
            lines = lines(body.get("lines"), before.lines());
        } else {
            Optional<LineRecord> first = before.lines().stream().filter(l -> l.index() == 1).findFirst();
            Optional<LineRecord> changed = seedLine(body, first);
            if (changed.isPresent()) {
                List<LineRecord> next = new ArrayList<>(before.lines().stream().filter(l -> l.index() != 1).toList());
                next.add(0, changed.get());
                lines = next;
            }
        }
        DeviceRecord after = new DeviceRecord(before.id(), mac, vendor, model, label, siteId, templateId, ip, settingsJson,
                raw, lines, before.createdAt(), clock.instant());
        try {
            after = db.devices().update(after);
        } catch (StoreException e) {
            throw translate(e, "mac", "a device with MAC " + mac + " already exists");
        }
        audit.record(actor, "device.edit", mac.colons(), toJson(before), toJson(after));
        return after;
    }

    /** Deletes a device; 404 when absent. */
    public void delete(MacAddress mac, String actor) {
        DeviceRecord before = require(mac);
        if (!db.devices().delete(mac)) {
            throw ApiException.notFound("device " + mac);
        }
        audit.record(actor, "device.delete", mac.colons(), toJson(before), null);
    }

    /** The JSON view of a device: seed 001's fields, lines, settings; passwords only as {@code password_set}. */
    public ObjectNode toJson(DeviceRecord d) {
        return toJson(d, credentials.credentialsRefused(List.of(d.id())));
    }

    /**
     * The JSON view with the phone-control credential state taken from a batch lookup.
     *
     * @param refused device id to whether the stored credentials were refused; absent = none stored
     */
    private ObjectNode toJson(DeviceRecord d, Map<String, Boolean> refused) {
        ObjectNode o = Json.object();
        o.put("id", d.id());
        o.put("mac", d.mac().colons());
        o.put("vendor", d.vendor());
        o.put("model", d.model());
        o.put("label", d.label());
        o.put("site_id", d.siteId());
        o.put("template_id", d.templateId().orElse(null));
        o.put("ip_address", d.ipAddress().orElse(null));
        // seed 000's phone admin login: whether one is stored and whether the phone refused it, never the login
        o.put("credentials_set", refused.containsKey(d.id()));
        o.put("credentials_refused", refused.getOrDefault(d.id(), false));
        Optional<LineRecord> first = d.lines().stream().filter(l -> l.index() == 1).findFirst();
        o.put("username", first.flatMap(LineRecord::username).or(() -> first.flatMap(LineRecord::extension)).orElse(null));
        o.put("password_set", first.map(l -> l.password().filter(p -> !p.isEmpty()).isPresent() || l.extension().isPresent())
                .orElse(false));
        o.put("server", first.flatMap(l -> l.server().map(s -> l.port().map(p -> s + ":" + p).orElse(s))).orElse(null));
        ArrayNode lines = o.putArray("lines");
        for (LineRecord l : d.lines()) {
            ObjectNode ln = lines.addObject();
            ln.put("index", l.index());
            ln.put("extension", l.extension().orElse(null));
            ln.put("username", l.username().orElse(null));
            ln.put("password_set", l.password().filter(p -> !p.isEmpty()).isPresent());
            ln.put("server", l.server().orElse(null));
            if (l.port().isPresent()) {
                ln.put("port", l.port().get());
            } else {
                ln.putNull("port");
            }
            ln.put("label", l.label().orElse(null));
            ln.put("display_name", l.displayName().orElse(null));
        }
        try {
            o.set("settings", SettingsSecrets.mask(Json.mapper().readTree(d.settingsJson())));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            o.putObject("settings");
        }
        o.put("raw_parameters", d.rawParameters());
        VendorPlugin plugin = vendors.find(d.vendor()).orElse(null);
        if (plugin != null) {
            o.put("provision_url", settings.get().provisionUrlBase() + "/" + plugin.deviceConfigFileName(d.mac(), d.model()));
        }
        o.put("created_at", d.createdAt().toString());
        o.put("updated_at", d.updatedAt().toString());
        return o;
    }

    private static void unknownFields(ObjectNode body) {
        body.fieldNames().forEachRemaining(n -> {
            if (!FIELDS.contains(n)) {
                throw ApiException.invalid(n, "unknown field '" + n + "'");
            }
        });
    }

    private VendorPlugin vendor(String id) {
        try {
            return vendors.require(id);
        } catch (UnknownVendorException e) {
            throw ApiException.field(ErrorCode.UNPROCESSABLE, "vendor", e.getMessage());
        }
    }

    private static Optional<String> model(ObjectNode body) {
        Optional<String> m = Fields.text(body, "model", 48);
        m.ifPresent(v -> {
            if (!MODEL.matcher(v).matches()) {
                throw ApiException.invalid("model", "model may contain only letters, digits, spaces and . _ + ( ) / -");
            }
        });
        return m;
    }

    private String site(String id) {
        if (db.sites().find(id).isEmpty()) {
            throw ApiException.field(ErrorCode.UNPROCESSABLE, "site_id", "site '" + id + "' does not exist");
        }
        return id;
    }

    private Optional<String> template(Optional<String> id) {
        id.ifPresent(t -> {
            if (db.templates().find(t).isEmpty()) {
                throw ApiException.field(ErrorCode.UNPROCESSABLE, "template_id", "template '" + t + "' does not exist");
            }
        });
        return id;
    }

    private static Optional<String> ip(ObjectNode body) {
        Optional<String> ip = Fields.text(body, "ip_address", 45).filter(s -> !s.isEmpty());
        ip.ifPresent(v -> {
            if (Cidr.literal(v).isEmpty()) {
                throw ApiException.invalid("ip_address", "ip_address must be an IPv4 or IPv6 address");
            }
        });
        return ip;
    }

    private Optional<String> settingsJson(JsonNode node, Optional<String> previous) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!(node instanceof ObjectNode obj)) {
            throw ApiException.invalid("settings", "settings must be a JSON object");
        }
        ObjectNode sealed = SettingsSecrets.seal(obj.deepCopy(), previous.map(Json::parseObject), db.secrets());
        ProfileLayer.parse(sealed, "settings", Optional.of(db.secrets()));
        return Optional.of(Json.write(sealed));
    }

    private Optional<String> raw(ObjectNode body) {
        Optional<String> raw = Optional.ofNullable(body.get("raw_parameters")).filter(n -> !n.isNull()).map(JsonNode::asText);
        raw.ifPresent(r -> {
            try {
                RawParametersParser.parse(r, rawSections.get());
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("raw_parameters", "raw_parameters " + e.getMessage());
            }
        });
        return raw;
    }

    /** Line 1 from seed 001's flat fields; empty when none of them is present. */
    private Optional<LineRecord> seedLine(ObjectNode body, Optional<LineRecord> existing) {
        boolean any = body.has("username") || body.has("password") || body.has("server") || body.has("extension")
                || body.has("display_name");
        if (!any) {
            return Optional.empty();
        }
        ObjectNode line = Json.object();
        for (String f : List.of("username", "password", "server", "extension", "display_name")) {
            if (body.has(f)) {
                line.set(f, body.get(f));
            }
        }
        line.put("index", 1);
        return Optional.of(line(line, "", existing));
    }

    private List<LineRecord> lines(JsonNode node, List<LineRecord> existing) {
        if (!node.isArray() || node.size() > 16) {
            throw ApiException.invalid("lines", "lines must be a list of at most 16 lines");
        }
        List<LineRecord> out = new ArrayList<>();
        int position = 0;
        for (JsonNode n : node) {
            position++;
            if (!(n instanceof ObjectNode obj)) {
                throw ApiException.invalid("lines", "each line must be an object");
            }
            int index = Fields.integer(obj, "index", 1, 16).orElse(position);
            if (out.stream().anyMatch(l -> l.index() == index)) {
                throw ApiException.invalid("lines", "line index " + index + " appears twice");
            }
            Optional<LineRecord> before = existing.stream().filter(l -> l.index() == index).findFirst();
            out.add(line(obj, "lines[" + (position - 1) + "].", before));
        }
        return out;
    }

    private LineRecord line(ObjectNode obj, String prefix, Optional<LineRecord> before) {
        for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) obj::fields) {
            if (!Set.of("index", "extension", "username", "password", "server", "label", "display_name").contains(e.getKey())) {
                throw ApiException.invalid(prefix + e.getKey(), "unknown field '" + prefix + e.getKey() + "'");
            }
        }
        int index = Fields.integer(obj, "index", 1, 16).orElse(1);
        Optional<String> extension = obj.has("extension") ? Fields.text(obj, "extension", 32).filter(s -> !s.isEmpty())
                : before.flatMap(LineRecord::extension);
        extension.ifPresent(x -> {
            if (users.find(x).isEmpty()) {
                throw ApiException.field(ErrorCode.UNPROCESSABLE, prefix + "extension", "extension " + x
                        + " does not exist in the host's user directory");
            }
        });
        Optional<String> username = obj.has("username") ? Fields.text(obj, "username", 64).filter(s -> !s.isEmpty())
                : before.flatMap(LineRecord::username);
        username.ifPresent(u -> {
            if (!USER.matcher(u).matches()) {
                throw ApiException.invalid(prefix + "username", prefix + "username contains characters a SIP user part cannot hold");
            }
        });
        Optional<Secret> password = obj.has("password")
                ? Optional.of(Secret.of(Fields.text(obj, "password", 128).orElse(""))).filter(s -> !s.isEmpty())
                : before.flatMap(LineRecord::password);
        Optional<String> server = before.flatMap(LineRecord::server);
        Optional<Integer> port = before.flatMap(LineRecord::port);
        if (obj.has("server")) {
            Optional<String> hostPort = Fields.text(obj, "server", 261).filter(s -> !s.isEmpty());
            server = Optional.empty();
            port = Optional.empty();
            if (hostPort.isPresent()) {
                String hp = hostPort.get();
                int colon = hp.lastIndexOf(':');
                String host = hp;
                if (colon > 0 && !hp.endsWith("]") && hp.indexOf(':') == colon) {
                    host = hp.substring(0, colon);
                    String p = hp.substring(colon + 1);
                    if (!p.matches("\\d{1,5}") || Integer.parseInt(p) < 1 || Integer.parseInt(p) > 65535) {
                        throw ApiException.invalid(prefix + "server", prefix + "server port must be 1..65535");
                    }
                    port = Optional.of(Integer.parseInt(p));
                }
                if (!HOST.matcher(host).matches()) {
                    throw ApiException.invalid(prefix + "server", prefix + "server must be host[:port]");
                }
                server = Optional.of(host);
            }
        }
        Optional<String> label = obj.has("label") ? Fields.text(obj, "label", 64).filter(s -> !s.isEmpty())
                : before.flatMap(LineRecord::label);
        Optional<String> display = obj.has("display_name") ? Fields.text(obj, "display_name", 64).filter(s -> !s.isEmpty())
                : before.flatMap(LineRecord::displayName);
        if (extension.isEmpty() && username.isEmpty()) {
            throw ApiException.invalid(prefix + "username", "a line needs a username or an extension");
        }
        return new LineRecord(index, extension, username, password, server, port, label, display);
    }

    private static ApiException translate(StoreException e, String field, String duplicateMessage) {
        return switch (e.kind()) {
            case DUPLICATE -> ApiException.field(ErrorCode.CONFLICT, field, duplicateMessage);
            case NOT_FOUND -> ApiException.of(ErrorCode.NOT_FOUND, e.getMessage());
            case IN_USE -> ApiException.of(ErrorCode.CONFLICT, e.getMessage());
        };
    }
}
