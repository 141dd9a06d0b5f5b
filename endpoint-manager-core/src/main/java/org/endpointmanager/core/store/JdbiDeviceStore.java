package org.endpointmanager.core.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.Secret;
import org.endpointmanager.core.security.SecretBox;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link DeviceStore} over {@code endpoint_devices} and {@code endpoint_device_lines}. */
final class JdbiDeviceStore implements DeviceStore {
    private static final String COLUMNS = "id, mac, vendor, model, label, site_id, template_id, ip_address, "
            + "settings_json, raw_parameters, created_at, updated_at";

    private final Jdbi jdbi;
    private final SecretBox secrets;
    private final Clock clock;

    JdbiDeviceStore(Jdbi jdbi, SecretBox secrets, Clock clock) {
        this.jdbi = jdbi;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** WHERE clause and its bindings for a query's filters. */
    private record Filter(String where, Map<String, String> binds) {
        static Filter of(DeviceQuery q) {
            List<String> conditions = new ArrayList<>();
            Map<String, String> binds = new HashMap<>();
            q.search().filter(s -> !s.isBlank()).ifPresent(s -> {
                conditions.add("(LOWER(mac) LIKE :search ESCAPE '" + Sql.LIKE_ESCAPE + "'"
                        + " OR LOWER(label) LIKE :search ESCAPE '" + Sql.LIKE_ESCAPE + "'"
                        + " OR LOWER(model) LIKE :search ESCAPE '" + Sql.LIKE_ESCAPE + "')");
                binds.put("search", Sql.contains(s.strip().toLowerCase(Locale.ROOT)));
            });
            q.vendor().ifPresent(v -> {
                conditions.add("vendor = :vendor");
                binds.put("vendor", v);
            });
            q.model().ifPresent(m -> {
                conditions.add("LOWER(model) = :model");
                binds.put("model", m.toLowerCase(Locale.ROOT));
            });
            q.siteId().ifPresent(s -> {
                conditions.add("site_id = :siteId");
                binds.put("siteId", s);
            });
            String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
            return new Filter(where, binds);
        }

        Query bindTo(Query query) {
            binds.forEach((k, v) -> query.bind(k, v));
            return query;
        }
    }

    @Override
    public List<DeviceRecord> list(DeviceQuery query) {
        Filter filter = Filter.of(query);
        return jdbi.inTransaction(h -> withLines(h, filter.bindTo(h.createQuery(
                        "SELECT " + COLUMNS + " FROM endpoint_devices" + filter.where()
                        + " ORDER BY mac LIMIT :limit OFFSET :offset"))
                .bind("limit", query.limit())
                .bind("offset", query.offset())
                .map(JdbiDeviceStore::mapDevice)
                .list()));
    }

    @Override
    public long count(DeviceQuery query) {
        Filter filter = Filter.of(query);
        return jdbi.withHandle(h -> filter.bindTo(h.createQuery("SELECT COUNT(*) FROM endpoint_devices" + filter.where()))
                .mapTo(Long.class).one());
    }

    @Override
    public Optional<DeviceRecord> findByMac(MacAddress mac) {
        return jdbi.inTransaction(h -> findBy(h, "mac", mac.hex()));
    }

    @Override
    public Optional<DeviceRecord> findById(String id) {
        return jdbi.inTransaction(h -> findBy(h, "id", id));
    }

    private Optional<DeviceRecord> findBy(Handle h, String column, String value) {
        List<DeviceRecord> found = h.createQuery("SELECT " + COLUMNS + " FROM endpoint_devices WHERE " + column + " = :v")
                .bind("v", value)
                .map(JdbiDeviceStore::mapDevice)
                .list();
        return withLines(h, found).stream().findFirst();
    }

    @Override
    public DeviceRecord insert(DeviceRecord device) {
        checkLines(device.lines());
        return Sql.translate(() -> jdbi.inTransaction(h -> {
            requireFreeMac(h, device);
            requireReferences(h, device);
            h.createUpdate("INSERT INTO endpoint_devices (" + COLUMNS + ") VALUES (:id, :mac, :vendor, :model, :label, "
                            + ":siteId, :templateId, :ip, :settings, :raw, :createdAt, :updatedAt)")
                    .bind("id", device.id())
                    .bind("mac", device.mac().hex())
                    .bind("vendor", device.vendor())
                    .bind("model", device.model())
                    .bind("label", device.label())
                    .bind("siteId", device.siteId())
                    .bind("templateId", device.templateId().orElse(null))
                    .bind("ip", device.ipAddress().orElse(null))
                    .bind("settings", device.settingsJson())
                    .bind("raw", device.rawParameters())
                    .bind("createdAt", Sql.millis(device.createdAt()))
                    .bind("updatedAt", Sql.millis(device.updatedAt()))
                    .execute();
            insertLines(h, device.id(), device.lines());
            return findBy(h, "id", device.id()).orElseThrow();
        }), "a device with MAC " + device.mac().hex() + " already exists", StoreException.Kind.NOT_FOUND,
                "the device's site or template does not exist");
    }

    @Override
    public DeviceRecord update(DeviceRecord device) {
        checkLines(device.lines());
        return Sql.translate(() -> jdbi.inTransaction(h -> {
            if (!Sql.exists(h, "endpoint_devices", device.id())) {
                throw new StoreException(StoreException.Kind.NOT_FOUND, "no device with id " + device.id());
            }
            requireFreeMac(h, device);
            requireReferences(h, device);
            Instant now = clock.instant();
            h.createUpdate("UPDATE endpoint_devices SET mac = :mac, vendor = :vendor, model = :model, label = :label, "
                            + "site_id = :siteId, template_id = :templateId, ip_address = :ip, settings_json = :settings, "
                            + "raw_parameters = :raw, updated_at = :updatedAt WHERE id = :id")
                    .bind("id", device.id())
                    .bind("mac", device.mac().hex())
                    .bind("vendor", device.vendor())
                    .bind("model", device.model())
                    .bind("label", device.label())
                    .bind("siteId", device.siteId())
                    .bind("templateId", device.templateId().orElse(null))
                    .bind("ip", device.ipAddress().orElse(null))
                    .bind("settings", device.settingsJson())
                    .bind("raw", device.rawParameters())
                    .bind("updatedAt", Sql.millis(now))
                    .execute();
            h.createUpdate("DELETE FROM endpoint_device_lines WHERE device_id = :id").bind("id", device.id()).execute();
            insertLines(h, device.id(), device.lines());
            return findBy(h, "id", device.id()).orElseThrow();
        }), "a device with MAC " + device.mac().hex() + " already exists", StoreException.Kind.NOT_FOUND,
                "the device's site or template does not exist");
    }

    @Override
    public boolean delete(MacAddress mac) {
        return jdbi.inTransaction(h -> {
            Optional<String> id = h.createQuery("SELECT id FROM endpoint_devices WHERE mac = :mac")
                    .bind("mac", mac.hex()).mapTo(String.class).findOne();
            if (id.isEmpty()) {
                return false;
            }
            // explicit, so lines go even where a URL turned SQLite's foreign keys off
            h.createUpdate("DELETE FROM endpoint_device_lines WHERE device_id = :id").bind("id", id.get()).execute();
            h.createUpdate("DELETE FROM endpoint_devices WHERE id = :id").bind("id", id.get()).execute();
            return true;
        });
    }

    @Override
    public long countBySite(String siteId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM endpoint_devices WHERE site_id = :s")
                .bind("s", siteId).mapTo(Long.class).one());
    }

    private static void checkLines(List<LineRecord> lines) {
        Set<Integer> seen = new HashSet<>();
        for (LineRecord line : lines) {
            if (!seen.add(line.index())) {
                throw new IllegalArgumentException("line " + line.index() + " appears twice");
            }
        }
    }

    private static void requireFreeMac(Handle h, DeviceRecord device) {
        Optional<String> owner = h.createQuery("SELECT id FROM endpoint_devices WHERE mac = :mac")
                .bind("mac", device.mac().hex()).mapTo(String.class).findOne();
        if (owner.isPresent() && !owner.get().equals(device.id())) {
            throw new StoreException(StoreException.Kind.DUPLICATE,
                    "a device with MAC " + device.mac().hex() + " already exists");
        }
    }

    private static void requireReferences(Handle h, DeviceRecord device) {
        if (!Sql.exists(h, "endpoint_sites", device.siteId())) {
            throw new StoreException(StoreException.Kind.NOT_FOUND, "no site with id " + device.siteId());
        }
        if (device.templateId().isPresent() && !Sql.exists(h, "endpoint_templates", device.templateId().get())) {
            throw new StoreException(StoreException.Kind.NOT_FOUND, "no template with id " + device.templateId().get());
        }
    }

    private void insertLines(Handle h, String deviceId, List<LineRecord> lines) {
        for (LineRecord line : lines) {
            h.createUpdate("INSERT INTO endpoint_device_lines (device_id, line_index, extension, username, password_enc, "
                            + "server, port, label, display_name) VALUES (:deviceId, :index, :extension, :username, "
                            + ":password, :server, :port, :label, :displayName)")
                    .bind("deviceId", deviceId)
                    .bind("index", line.index())
                    .bind("extension", line.extension().orElse(null))
                    .bind("username", line.username().orElse(null))
                    .bind("password", line.password().map(secrets::encrypt).orElse(null))
                    .bind("server", line.server().orElse(null))
                    .bind("port", line.port().orElse(null))
                    .bind("label", line.label().orElse(null))
                    .bind("displayName", line.displayName().orElse(null))
                    .execute();
        }
    }

    private List<DeviceRecord> withLines(Handle h, List<DeviceRecord> devices) {
        if (devices.isEmpty()) {
            return devices;
        }
        Map<String, List<LineRecord>> lines = new LinkedHashMap<>();
        h.createQuery("SELECT device_id, line_index, extension, username, password_enc, server, port, label, display_name "
                        + "FROM endpoint_device_lines WHERE device_id IN (<ids>) ORDER BY device_id, line_index")
                .bindList("ids", devices.stream().map(DeviceRecord::id).collect(Collectors.toList()))
                .map((rs, ctx) -> Map.entry(rs.getString("device_id"), mapLine(rs)))
                .list()
                .forEach(e -> lines.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        List<DeviceRecord> out = new ArrayList<>(devices.size());
        for (DeviceRecord d : devices) {
            out.add(new DeviceRecord(d.id(), d.mac(), d.vendor(), d.model(), d.label(), d.siteId(), d.templateId(),
                    d.ipAddress(), d.settingsJson(), d.rawParameters(), lines.getOrDefault(d.id(), List.of()),
                    d.createdAt(), d.updatedAt()));
        }
        return out;
    }

    private LineRecord mapLine(ResultSet rs) throws SQLException {
        Optional<Secret> password = Sql.optionalString(rs, "password_enc").map(secrets::decrypt);
        return new LineRecord(rs.getInt("line_index"), Sql.optionalString(rs, "extension"),
                Sql.optionalString(rs, "username"), password, Sql.optionalString(rs, "server"),
                Sql.optionalInt(rs, "port"), Sql.optionalString(rs, "label"), Sql.optionalString(rs, "display_name"));
    }

    private static DeviceRecord mapDevice(ResultSet rs, StatementContext ctx)
            throws SQLException {
        return new DeviceRecord(rs.getString("id"), new MacAddress(rs.getString("mac").strip()), rs.getString("vendor"),
                rs.getString("model"), rs.getString("label"), rs.getString("site_id"),
                Sql.optionalString(rs, "template_id"), Sql.optionalString(rs, "ip_address"),
                rs.getString("settings_json"), rs.getString("raw_parameters"), List.of(),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }
}
