package org.endpointmanager.core.control;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.endpointmanager.api.Secret;
import org.endpointmanager.core.security.SecretBox;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The control tables of migration V7: phone credentials (password sealed by {@link SecretBox}),
 * the last status poll per phone, and the firmware push history. Upserts are update-then-insert
 * in one transaction so the same SQL runs on SQLite, PostgreSQL and MySQL.
 */
public final class ControlStore {

    private static final int MAX_TEXT = 500;

    private final Jdbi jdbi;
    private final SecretBox secrets;

    /** Creates the store over the engine's database. */
    public ControlStore(Jdbi jdbi, SecretBox secrets) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi is null");
        this.secrets = Objects.requireNonNull(secrets, "secrets is null");
    }

    /** Stores (replaces) a phone's credentials and clears any refusal. */
    public void putCredentials(String deviceId, String username, Secret password, int port, Instant now) {
        String sealed = secrets.encrypt(password);
        jdbi.useTransaction(h -> {
            int n = h.createUpdate("UPDATE endpoint_phone_credentials SET username = :u, password_enc = :p, "
                    + "http_port = :port, refused = NULL, updated_at = :at WHERE device_id = :id")
                    .bind("u", username).bind("p", sealed).bind("port", port).bind("at", now.toEpochMilli())
                    .bind("id", deviceId).execute();
            if (n == 0) {
                h.createUpdate("INSERT INTO endpoint_phone_credentials (device_id, username, password_enc, http_port, "
                        + "refused, updated_at) VALUES (:id, :u, :p, :port, NULL, :at)")
                        .bind("u", username).bind("p", sealed).bind("port", port).bind("at", now.toEpochMilli())
                        .bind("id", deviceId).execute();
            }
        });
    }

    /** A phone's credentials, decrypted. */
    public Optional<PhoneCredentials> credentials(String deviceId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT username, password_enc, http_port, refused "
                + "FROM endpoint_phone_credentials WHERE device_id = :id").bind("id", deviceId)
                .map((rs, ctx) -> new PhoneCredentials(rs.getString("username"), secrets.decrypt(rs.getString("password_enc")),
                        rs.getInt("http_port"), Optional.ofNullable(rs.getString("refused"))))
                .findOne());
    }

    /** Marks a phone's credentials as refused by the phone. */
    public void markRefused(String deviceId, String why) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE endpoint_phone_credentials SET refused = :why WHERE device_id = :id")
                .bind("why", bound(why)).bind("id", deviceId).execute());
    }

    /** Which of the given devices have credentials stored. */
    public Map<String, Boolean> credentialsSet(Collection<String> deviceIds) {
        Map<String, Boolean> out = new HashMap<>();
        if (deviceIds.isEmpty()) {
            return out;
        }
        jdbi.useHandle(h -> h.createQuery("SELECT device_id FROM endpoint_phone_credentials WHERE device_id IN (<ids>)")
                .bindList("ids", List.copyOf(deviceIds)).mapTo(String.class).forEach(id -> out.put(id, true)));
        return out;
    }

    /**
     * For the given devices that have credentials stored: whether the phone refused them, by
     * device id (nothing is decrypted).
     */
    public Map<String, Boolean> credentialsRefused(Collection<String> deviceIds) {
        Map<String, Boolean> out = new HashMap<>();
        if (deviceIds.isEmpty()) {
            return out;
        }
        jdbi.useHandle(h -> h.createQuery("SELECT device_id, refused FROM endpoint_phone_credentials WHERE device_id IN (<ids>)")
                .bindList("ids", List.copyOf(deviceIds))
                .map((rs, ctx) -> Map.entry(rs.getString("device_id"), rs.getString("refused") != null))
                .forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }

    /** Records a good poll (clears the last error). */
    public void saveStatus(String deviceId, Instant at, Optional<String> model, Optional<String> firmware,
            Optional<String> reportedMac, Optional<String> ip, Optional<Boolean> registered, Optional<Duration> uptime) {
        jdbi.useTransaction(h -> {
            ensureStatusRow(h, deviceId);
            h.createUpdate("UPDATE endpoint_phone_status SET polled_at = :at, model = :model, firmware = :fw, "
                    + "reported_mac = :mac, ip_address = :ip, registered = :reg, uptime_seconds = :up, "
                    + "last_error = NULL, last_error_at = NULL WHERE device_id = :id")
                    .bind("at", at.toEpochMilli()).bind("model", model.orElse(null)).bind("fw", firmware.orElse(null))
                    .bind("mac", reportedMac.orElse(null)).bind("ip", ip.orElse(null))
                    .bind("reg", registered.map(r -> r ? 1 : 0).orElse(null))
                    .bind("up", uptime.map(Duration::toSeconds).orElse(null)).bind("id", deviceId).execute();
        });
    }

    /** Records a failed poll, keeping the values of the last good one. */
    public void saveStatusError(String deviceId, Instant at, String error) {
        jdbi.useTransaction(h -> {
            ensureStatusRow(h, deviceId);
            h.createUpdate("UPDATE endpoint_phone_status SET last_error = :e, last_error_at = :at WHERE device_id = :id")
                    .bind("e", bound(error)).bind("at", at.toEpochMilli()).bind("id", deviceId).execute();
        });
    }

    /** The last polls of the given devices, by device id. */
    public Map<String, PhoneStatusRecord> statuses(Collection<String> deviceIds) {
        Map<String, PhoneStatusRecord> out = new HashMap<>();
        if (deviceIds.isEmpty()) {
            return out;
        }
        jdbi.useHandle(h -> h.createQuery("SELECT * FROM endpoint_phone_status WHERE device_id IN (<ids>)")
                .bindList("ids", List.copyOf(deviceIds))
                .map((rs, ctx) -> new PhoneStatusRecord(rs.getString("device_id"), instant(rs.getObject("polled_at")),
                        Optional.ofNullable(rs.getString("model")), Optional.ofNullable(rs.getString("firmware")),
                        Optional.ofNullable(rs.getString("reported_mac")), Optional.ofNullable(rs.getString("ip_address")),
                        Optional.ofNullable(rs.getObject("registered")).map(v -> ((Number) v).intValue() == 1),
                        Optional.ofNullable(rs.getObject("uptime_seconds")).map(v -> Duration.ofSeconds(((Number) v).longValue())),
                        Optional.ofNullable(rs.getString("last_error")), instant(rs.getObject("last_error_at"))))
                .forEach(r -> out.put(r.deviceId(), r)));
        return out;
    }

    /** Appends to the firmware push history. */
    public void recordFirmwarePush(FirmwarePushRecord r) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO endpoint_firmware_pushes (id, mac, firmware_url, target_version, "
                + "job_id, actor, status, detail, created_at) VALUES (:id, :mac, :url, :tv, :job, :actor, :status, :detail, :at)")
                .bind("id", r.id()).bind("mac", r.mac()).bind("url", r.firmwareUrl()).bind("tv", r.targetVersion().orElse(null))
                .bind("job", r.jobId().orElse(null)).bind("actor", r.actor()).bind("status", r.status())
                .bind("detail", bound(r.detail())).bind("at", r.createdAt().toEpochMilli()).execute());
    }

    /** The newest firmware pushes, optionally of one phone. */
    public List<FirmwarePushRecord> firmwarePushes(Optional<String> mac, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM endpoint_firmware_pushes"
                + (mac.isPresent() ? " WHERE mac = :mac" : "") + " ORDER BY created_at DESC, id LIMIT :limit")
                .bind("mac", mac.orElse(null)).bind("limit", limit)
                .map((rs, ctx) -> new FirmwarePushRecord(rs.getString("id"), rs.getString("mac"), rs.getString("firmware_url"),
                        Optional.ofNullable(rs.getString("target_version")), Optional.ofNullable(rs.getString("job_id")),
                        rs.getString("actor"), rs.getString("status"), rs.getString("detail"),
                        Instant.ofEpochMilli(rs.getLong("created_at"))))
                .list());
    }

    private static void ensureStatusRow(Handle h, String deviceId) {
        boolean exists = h.createQuery("SELECT COUNT(*) FROM endpoint_phone_status WHERE device_id = :id")
                .bind("id", deviceId).mapTo(Long.class).one() > 0;
        if (!exists) {
            h.createUpdate("INSERT INTO endpoint_phone_status (device_id) VALUES (:id)").bind("id", deviceId).execute();
        }
    }

    private static Optional<Instant> instant(Object epochMillis) {
        return Optional.ofNullable(epochMillis).map(v -> Instant.ofEpochMilli(((Number) v).longValue()));
    }

    private static String bound(String text) {
        return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
    }
}
