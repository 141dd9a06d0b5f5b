package org.endpointmanager.vendor.grandstream.driver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.driver.DeviceDriver;
import org.endpointmanager.api.driver.DeviceStatus;
import org.endpointmanager.api.driver.DriverContext;
import org.endpointmanager.api.driver.DriverException;
import org.endpointmanager.api.driver.DriverFailure;
import org.endpointmanager.api.driver.DriverResult;
import org.endpointmanager.api.driver.DriverTarget;
import org.endpointmanager.api.driver.OutboundHttp;
import org.endpointmanager.api.vendor.ConfigSyntax;
import org.endpointmanager.api.vendor.RenderedFile;

/**
 * Controls Grandstream GXP/GRP phones over their CGI web API (seed 000).
 *
 * <ul>
 *   <li>Login: challenge-response ({@code /cgi-bin/access}, then {@code /cgi-bin/dologin} with
 *       {@code sha256hex(password + token)}), or the plain-password login of older firmware where
 *       {@code /cgi-bin/access} answers 404. The session cookies are kept by the engine's client
 *       per host; the {@code sid} goes only into {@code config_get}/{@code config_update} (and the
 *       legacy {@code api.values.*} forms).</li>
 *   <li>A session is kept between calls. When the phone says it has expired (HTTP 401 or an
 *       error naming the session), the driver logs in once more and repeats the call once.</li>
 *   <li>A wrong password ({@code wrongN}) or a locked login is reported, never retried.</li>
 *   <li>Before the first write of a session the phone's reported MAC is compared with the
 *       device's, so settings meant for one phone never land on another that took its address.</li>
 * </ul>
 *
 * <p>Thread-safe: calls to the same phone are serialised, calls to different phones run in
 * parallel. No value pushed to a phone and no session id is ever put in a result or exception.
 */
public final class GrandstreamDriver implements DeviceDriver {

    private static final int READ_CHUNK = 50;

    private final OutboundHttp http;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    /** Creates the driver over the engine's guarded HTTP client. */
    public GrandstreamDriver(DriverContext context) {
        this.http = Objects.requireNonNull(context, "context is null").http();
    }

    @Override
    public DriverResult reboot(DriverTarget target) {
        return withSession(target, true, (cgi, s) -> {
            sysOperation(cgi, "REBOOT");
            // the phone drops its sessions when it goes down
            sessions.remove(key(target));
            return DriverResult.ok("reboot accepted");
        });
    }

    @Override
    public DriverResult factoryReset(DriverTarget target) {
        return withSession(target, true, (cgi, s) -> {
            sysOperation(cgi, "RESET");
            sessions.remove(key(target));
            return DriverResult.ok("factory reset accepted");
        });
    }

    @Override
    public DriverResult pushConfig(DriverTarget target, Map<String, String> values, boolean force) {
        Map<String, String> codes = normalise(values);
        return withSession(target, true, (cgi, s) -> {
            Map<String, String> toWrite = codes;
            if (!force && !codes.isEmpty()) {
                Map<String, String> current = read(cgi, target, codes.keySet());
                toWrite = new LinkedHashMap<>();
                for (Map.Entry<String, String> e : codes.entrySet()) {
                    if (!e.getValue().equals(current.get(e.getKey()))) {
                        toWrite.put(e.getKey(), e.getValue());
                    }
                }
            }
            if (!toWrite.isEmpty()) {
                write(cgi, target, toWrite);
            }
            int skipped = codes.size() - toWrite.size();
            return DriverResult.ok("wrote " + toWrite.size() + " of " + codes.size() + " P-values"
                    + (skipped > 0 ? " (" + skipped + " already set)" : ""));
        });
    }

    @Override
    public DriverResult pushFirmware(DriverTarget target, String firmwareUrl) {
        Map<String, String> path = normalise(FirmwarePath.pvalues(Objects.requireNonNull(firmwareUrl, "firmwareUrl is null")));
        return withSession(target, true, (cgi, s) -> {
            write(cgi, target, path);
            sysOperation(cgi, "PROV");
            return DriverResult.ok("firmware server set; the phone is checking for its image");
        });
    }

    @Override
    public DeviceStatus pollStatus(DriverTarget target) {
        return withSession(target, false, (cgi, s) -> {
            Object phone = call(cgi.get("api-get_phone_status", Map.of()), "status").orElse(Map.of());
            Optional<MacAddress> reported = StatusReader.mac(phone);
            checkMac(target, reported);
            Optional<Boolean> registered;
            CgiAnswer accounts = cgi.get("api-get_accounts", Map.of());
            if (accounts.status() == 404) {
                registered = call(cgi.get("api-get_line_status", Map.of()), "line status")
                        .flatMap(StatusReader::registeredFromLines);
            } else {
                registered = call(accounts, "accounts").flatMap(StatusReader::registeredFromAccounts);
            }
            return new DeviceStatus(StatusReader.model(phone), StatusReader.firmware(phone),
                    reported.map(MacAddress::lower), StatusReader.ip(phone), registered, StatusReader.uptime(phone));
        });
    }

    @Override
    public Map<String, String> configValues(RenderedFile deviceFile) {
        if (deviceFile.syntax() != ConfigSyntax.XML) {
            throw new DriverException(DriverFailure.UNSUPPORTED, "the device file is not a Grandstream XML file");
        }
        return ConfigFileValues.of(deviceFile.body());
    }

    @Override
    public void forget(DriverTarget target) {
        sessions.remove(key(target));
    }

    @FunctionalInterface
    private interface Operation<T> {
        T run(CgiClient cgi, Session session);
    }

    /** Thrown inside an operation when the phone says the session is gone. */
    private static final class SessionGone extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SessionGone() {
            super("session gone", null, false, false);
        }
    }

    private <T> T withSession(DriverTarget target, boolean writes, Operation<T> op) {
        String key = key(target);
        ReentrantLock lock = locks.computeIfAbsent(key, k -> new ReentrantLock());
        lock.lock();
        try {
            CgiClient cgi = new CgiClient(http, target);
            boolean fresh = false;
            Session session = sessions.get(key);
            if (session == null) {
                session = login(cgi, target, key);
                fresh = true;
            }
            try {
                return attempt(cgi, target, key, session, writes, op);
            } catch (SessionGone gone) {
                if (fresh) {
                    throw new DriverException(DriverFailure.REJECTED, "the phone refused a session it had just opened");
                }
                sessions.remove(key);
                Session again = login(cgi, target, key);
                try {
                    return attempt(cgi, target, key, again, writes, op);
                } catch (SessionGone twice) {
                    sessions.remove(key);
                    throw new DriverException(DriverFailure.REJECTED, "the phone refused a session it had just opened");
                }
            }
        } catch (DriverException e) {
            if (e.failure() != DriverFailure.REJECTED && e.failure() != DriverFailure.UNSUPPORTED) {
                sessions.remove(key);
            }
            throw e;
        } finally {
            lock.unlock();
        }
    }

    private <T> T attempt(CgiClient cgi, DriverTarget target, String key, Session session, boolean writes, Operation<T> op) {
        Session s = session;
        if (writes && !s.macChecked()) {
            CgiAnswer status = cgi.get("api-get_phone_status", Map.of());
            if (status.sessionGone()) {
                throw new SessionGone();
            }
            if (status.success()) {
                checkMac(target, status.body().flatMap(StatusReader::mac));
            }
            // a phone without the status call cannot be checked; its address is trusted as set
            s = s.withMacChecked();
            sessions.put(key, s);
        }
        return op.run(cgi, s);
    }

    private Session login(CgiClient cgi, DriverTarget target, String key) {
        Session s = Login.login(cgi, target);
        sessions.put(key, s);
        return s;
    }

    private void checkMac(DriverTarget target, Optional<MacAddress> reported) {
        if (reported.isPresent() && !reported.get().equals(target.mac())) {
            sessions.remove(key(target));
            throw new DriverException(DriverFailure.MAC_MISMATCH, "the phone at " + target.address()
                    + " reports MAC " + reported.get() + ", not " + target.mac() + "; nothing was changed");
        }
    }

    private void sysOperation(CgiClient cgi, String request) {
        CgiAnswer a = cgi.postForm("api-sys_operation", CgiClient.form("request", request));
        if (a.sessionGone()) {
            throw new SessionGone();
        }
        if (!a.success()) {
            throw new DriverException(DriverFailure.REJECTED, request.toLowerCase(java.util.Locale.ROOT)
                    + " refused: " + a.describe());
        }
    }

    /** The body of a successful answer; empty when the phone lacks the call (404). */
    private static Optional<Object> call(CgiAnswer a, String what) {
        if (a.sessionGone()) {
            throw new SessionGone();
        }
        if (a.status() == 404) {
            return Optional.empty();
        }
        if (!a.success()) {
            throw new DriverException(DriverFailure.PROTOCOL, what + " could not be read: " + a.describe());
        }
        return a.body();
    }

    /** Current values of the given codes (digits only), through config_get or api.values.get. */
    private Map<String, String> read(CgiClient cgi, DriverTarget target, Iterable<String> codes) {
        List<String> all = new ArrayList<>();
        codes.forEach(all::add);
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < all.size(); i += READ_CHUNK) {
            List<String> chunk = all.subList(i, Math.min(all.size(), i + READ_CHUNK));
            Session s = sessions.get(key(target));
            if (!s.legacy()) {
                CgiAnswer a = cgi.get("config_get", CgiClient.form("sid", s.sid(), "pvalues", String.join(",", chunk)));
                if (a.status() == 404) {
                    sessions.put(key(target), s.withLegacy());
                    i -= READ_CHUNK;
                    continue;
                }
                readConfigs(a, out);
            } else {
                List<String> prefixed = chunk.stream().map(c -> "P" + c).toList();
                CgiAnswer a = cgi.postForm("api.values.get",
                        CgiClient.form("request", String.join(":", prefixed), "sid", s.sid()));
                Optional<Object> body = call(a, "settings");
                if (body.isPresent() && body.get() instanceof Map<?, ?> m) {
                    m.forEach((k, v) -> {
                        String code = String.valueOf(k).replaceFirst("^[Pp]", "");
                        if (v instanceof String value && code.matches("[0-9]{1,6}")) {
                            out.put(code, value);
                        }
                    });
                }
            }
        }
        return out;
    }

    private static void readConfigs(CgiAnswer a, Map<String, String> out) {
        if (a.sessionGone()) {
            throw new SessionGone();
        }
        Object configs = a.json().filter(Map.class::isInstance).map(m -> ((Map<?, ?>) m).get("configs")).orElse(null);
        if (a.status() != 200 || a.error() || !(configs instanceof List<?> list)) {
            throw new DriverException(DriverFailure.PROTOCOL, "settings could not be read: " + a.describe());
        }
        for (Object o : list) {
            if (o instanceof Map<?, ?> c && c.get("pvalue") instanceof String code && c.get("value") instanceof String v) {
                String digits = code.replaceFirst("^[Pp]", "");
                if (digits.matches("[0-9]{1,6}")) {
                    out.put(digits, v);
                }
            }
        }
    }

    /** Writes values (codes digits only) through config_update, or api.values.post on older firmware. */
    private void write(CgiClient cgi, DriverTarget target, Map<String, String> values) {
        Session s = sessions.get(key(target));
        if (!s.legacy()) {
            StringBuilder json = new StringBuilder("{\"alias\":{},\"pvalue\":{");
            boolean first = true;
            for (Map.Entry<String, String> e : values.entrySet()) {
                if (!first) {
                    json.append(',');
                }
                first = false;
                json.append(GsJson.quote(e.getKey())).append(':').append(GsJson.quote(e.getValue()));
            }
            json.append("}}");
            CgiAnswer a = cgi.putJson("config_update", CgiClient.form("sid", s.sid()), json.toString());
            if (a.status() == 404) {
                sessions.put(key(target), s.withLegacy());
                write(cgi, target, values);
                return;
            }
            if (a.sessionGone()) {
                throw new SessionGone();
            }
            if (!a.success()) {
                throw new DriverException(DriverFailure.REJECTED, "settings refused: " + a.describe());
            }
            return;
        }
        Map<String, String> form = new LinkedHashMap<>();
        values.forEach((k, v) -> form.put("P" + k, v));
        form.put("sid", s.sid());
        CgiAnswer a = cgi.postForm("api.values.post", form);
        if (a.sessionGone()) {
            throw new SessionGone();
        }
        if (!a.success()) {
            throw new DriverException(DriverFailure.REJECTED, "settings refused: " + a.describe());
        }
    }

    /** {@code P271} or {@code 271} to {@code 271}; anything else is refused before the phone is contacted. */
    private static Map<String, String> normalise(Map<String, String> values) {
        Objects.requireNonNull(values, "values is null");
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            String digits = k.strip().replaceFirst("^[Pp]", "");
            if (!digits.matches("[0-9]{1,6}")) {
                throw new DriverException(DriverFailure.REJECTED, "'" + Printable.of(k, 20) + "' is not a P-code");
            }
            out.put(digits, Objects.requireNonNull(v, "value is null"));
        });
        return out;
    }

    private static String key(DriverTarget t) {
        return t.address().strip().toLowerCase(java.util.Locale.ROOT) + "|" + t.port() + "|" + t.username();
    }
}
