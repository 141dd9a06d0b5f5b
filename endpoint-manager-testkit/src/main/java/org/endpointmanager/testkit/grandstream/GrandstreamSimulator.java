package org.endpointmanager.testkit.grandstream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

/**
 * A Grandstream phone's CGI web API, on one loopback address, faithful enough to test a driver.
 *
 * <ul>
 *   <li>Challenge-response login: {@code POST /cgi-bin/access} ({@code access=sha256hex(user)})
 *       answers a one-time token; {@code POST /cgi-bin/dologin} checks
 *       {@code sha256hex(password + token)}, sets the {@code session-identity} and
 *       {@code session-role} cookies and answers the {@code sid}. Wrong answers count down
 *       ({@code wrong<N>}); after {@link Options#maxAttempts()} the login is {@code locked}.</li>
 *   <li>{@code api-*} calls need the cookies; {@code config_get}/{@code config_update} need the
 *       cookies and {@code ?sid=}. {@code POST} to {@code config_update} answers 501.</li>
 *   <li>Form POSTs need a same-origin {@code Referer} (403 otherwise).</li>
 *   <li>{@link #expireSessions()} makes every session answer {@code session expired}.</li>
 *   <li>The legacy variant ({@link Options#legacy()}) answers 404 on {@code /cgi-bin/access} and
 *       {@code config_*}, logs in with the plain password and reads/writes through
 *       {@code api.values.get}/{@code api.values.post}.</li>
 * </ul>
 *
 * <p>Every request is recorded ({@link #requests()}) so tests can assert what was sent, and that
 * nothing was.
 */
public final class GrandstreamSimulator implements AutoCloseable {

    /**
     * How the simulated phone is set up.
     *
     * @param mac MAC the phone reports, 12 lowercase hex digits
     * @param model model it reports
     * @param firmware firmware version it reports
     * @param username admin user name
     * @param password admin password
     * @param maxAttempts wrong logins before the phone locks
     * @param legacy older firmware: plain-password login and {@code api.values.*}
     */
    public record Options(String mac, String model, String firmware, String username, String password,
            int maxAttempts, boolean legacy) {
        /** Validates. */
        public Options {
            Objects.requireNonNull(mac, "mac is null");
            Objects.requireNonNull(model, "model is null");
            Objects.requireNonNull(firmware, "firmware is null");
            Objects.requireNonNull(username, "username is null");
            Objects.requireNonNull(password, "password is null");
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
        }

        /** A GXP2170 with admin/admin123, five attempts, modern firmware. */
        public static Options gxp2170(String mac) {
            return new Options(mac, "GXP2170", "1.0.11.16", "admin", "admin123", 5, false);
        }

        /** The same phone with another password. */
        public Options withPassword(String newPassword) {
            return new Options(mac, model, firmware, username, newPassword, maxAttempts, legacy);
        }

        /** The same phone on older firmware. */
        public Options asLegacy() {
            return new Options(mac, model, firmware, username, password, maxAttempts, true);
        }
    }

    private record Session(String sid, boolean expired) {
    }

    private final Options options;
    private final HttpServer server;
    private final ExecutorService executor;
    private final List<SimulatedRequest> log = new CopyOnWriteArrayList<>();
    private final SecureRandom random = new SecureRandom();
    private final Object lock = new Object();
    private final Map<String, String> pvalues = new LinkedHashMap<>();
    private final Map<String, Session> sessions = new LinkedHashMap<>();
    private final List<String> tokens = new ArrayList<>();
    private String firmware;
    private Optional<String> firmwareOnProvision = Optional.empty();
    private int failedLogins;
    private boolean locked;
    private boolean registered = true;
    private boolean statusWithoutLogin;
    private long uptimeSeconds = 3600;
    private int reboots;
    private int resets;
    private int provisions;

    private GrandstreamSimulator(Options options, HttpServer server) {
        this.options = options;
        this.server = server;
        this.firmware = options.firmware();
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "gs-simulator-" + options.mac());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /**
     * Starts a simulated phone on a loopback address such as {@code 127.0.0.2}, on a free port.
     *
     * @throws IOException when the address cannot be bound
     */
    public static GrandstreamSimulator start(String loopbackAddress, Options options) throws IOException {
        InetAddress address = InetAddress.getByName(Objects.requireNonNull(loopbackAddress, "loopbackAddress is null"));
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException("the simulator listens on loopback only");
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(address, 0), 16);
        GrandstreamSimulator sim = new GrandstreamSimulator(Objects.requireNonNull(options, "options is null"), server);
        server.start();
        return sim;
    }

    /** The address the phone listens on. */
    public String host() {
        return server.getAddress().getAddress().getHostAddress();
    }

    /** The port the phone listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://host:port}. */
    public URI baseUri() {
        return URI.create("http://" + host() + ":" + port());
    }

    /** Every request received so far, in order. */
    public List<SimulatedRequest> requests() {
        return List.copyOf(log);
    }

    /** The CGI functions called so far, in order (for example {@code access}, {@code dologin}). */
    public List<String> functions() {
        return log.stream().map(SimulatedRequest::function).toList();
    }

    /** Forgets the recorded requests. */
    public void clearRequests() {
        log.clear();
    }

    /** The phone's current P-values (codes without the {@code P}, as the CGI API names them). */
    public Map<String, String> pvalues() {
        synchronized (lock) {
            return Map.copyOf(pvalues);
        }
    }

    /** One P-value, by code with or without the {@code P}. */
    public Optional<String> pvalue(String code) {
        synchronized (lock) {
            return Optional.ofNullable(pvalues.get(strip(code)));
        }
    }

    /** Sets a P-value as if the phone already had it. */
    public void setPvalue(String code, String value) {
        synchronized (lock) {
            pvalues.put(strip(code), value);
        }
    }

    /** Makes every current session answer {@code session expired}, as after an idle timeout. */
    public void expireSessions() {
        synchronized (lock) {
            sessions.replaceAll((k, s) -> new Session(s.sid(), true));
        }
    }

    /** Sets whether account 1 reports registered. */
    public void setRegistered(boolean value) {
        synchronized (lock) {
            registered = value;
        }
    }

    /**
     * Sets whether {@code api-get_phone_status} answers without a login (as a phone whose web
     * access allows anonymous status reads); off by default. Discovery scans learn the MAC here.
     */
    public void setStatusWithoutLogin(boolean value) {
        synchronized (lock) {
            statusWithoutLogin = value;
        }
    }

    /** Sets the uptime the phone reports (simulated time: it does not advance by itself). */
    public void setUptimeSeconds(long seconds) {
        synchronized (lock) {
            uptimeSeconds = seconds;
        }
    }

    /** The firmware the phone will run after its next {@code PROV} operation (a firmware check). */
    public void offerFirmware(String version) {
        synchronized (lock) {
            firmwareOnProvision = Optional.of(version);
        }
    }

    /** The firmware version the phone reports. */
    public String firmware() {
        synchronized (lock) {
            return firmware;
        }
    }

    /** Reboots performed. */
    public int reboots() {
        synchronized (lock) {
            return reboots;
        }
    }

    /** Factory resets performed. */
    public int resets() {
        synchronized (lock) {
            return resets;
        }
    }

    /** {@code PROV} operations performed. */
    public int provisions() {
        synchronized (lock) {
            return provisions;
        }
    }

    /** Wrong logins since the last good one. */
    public int failedLogins() {
        synchronized (lock) {
            return failedLogins;
        }
    }

    /** Whether the admin login is locked. */
    public boolean locked() {
        synchronized (lock) {
            return locked;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] raw = readBody(ex.getRequestBody());
            String body = new String(raw, StandardCharsets.UTF_8);
            String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = ex.getRequestURI().getRawPath();
            Map<String, String> query = decodeForm(Optional.ofNullable(ex.getRequestURI().getRawQuery()).orElse(""));
            String contentType = Optional.ofNullable(ex.getRequestHeaders().getFirst("Content-Type")).orElse("");
            Map<String, String> form = "POST".equals(method) && contentType.startsWith("application/x-www-form-urlencoded")
                    ? decodeForm(body) : Map.of();
            Map<String, List<String>> headers = new LinkedHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            SimulatedRequest request = new SimulatedRequest(method, path, query, form, headers, body);
            log.add(request);
            synchronized (lock) {
                answer(ex, request);
            }
        }
    }

    private void answer(HttpExchange ex, SimulatedRequest r) throws IOException {
        if (!r.path().startsWith("/cgi-bin/")) {
            send(ex, 404, "text/plain", "Not Found");
            return;
        }
        String fn = r.function();
        if ("POST".equals(r.method()) && !sameOriginReferer(r)) {
            send(ex, 403, "application/json", error("referer check failed"));
            return;
        }
        switch (fn) {
            case "access" -> access(ex, r);
            case "dologin" -> dologin(ex, r);
            case "dologout" -> {
                session(r).ifPresent(s -> sessions.remove(s.sid()));
                send(ex, 200, "application/json", success("\"logout\""));
            }
            case "config_get" -> configGet(ex, r);
            case "config_update" -> configUpdate(ex, r);
            case "api.values.get" -> valuesGet(ex, r);
            case "api.values.post" -> valuesPost(ex, r);
            case "api-sys_operation" -> sysOperation(ex, r);
            case "api-get_phone_status" -> {
                Answer status = () -> success("{\"model\":" + SimJson.quote(options.model())
                        + ",\"version\":" + SimJson.quote(firmware) + ",\"mac\":" + SimJson.quote(colons(options.mac()))
                        + ",\"ip\":" + SimJson.quote(host()) + ",\"uptime\":" + uptimeSeconds + "}");
                if (statusWithoutLogin) {
                    send(ex, 200, "application/json", status.body());
                } else {
                    withSession(ex, r, status);
                }
            }
            case "api-get_accounts" -> withSession(ex, r, () -> success("[{\"id\":1,\"sip_server\":"
                    + SimJson.quote(pvalues.getOrDefault("47", "")) + ",\"sip_id\":"
                    + SimJson.quote(pvalues.getOrDefault("35", "")) + ",\"name\":"
                    + SimJson.quote(pvalues.getOrDefault("270", "")) + ",\"reg\":" + (registered ? 1 : 0) + "}]"));
            case "api-get_line_status" -> withSession(ex, r, () ->
                    success("[{\"line\":1,\"state\":\"idle\",\"acct\":\"1\",\"active\":" + (registered ? 1 : 0) + "}]"));
            default -> send(ex, 404, "text/plain", "Not Found");
        }
    }

    private void access(HttpExchange ex, SimulatedRequest r) throws IOException {
        if (options.legacy()) {
            send(ex, 404, "text/plain", "Not Found");
            return;
        }
        String token = hex(16);
        tokens.add(token);
        while (tokens.size() > 8) {
            tokens.remove(0);
        }
        send(ex, 200, "application/json", success(SimJson.quote(token)));
    }

    private void dologin(HttpExchange ex, SimulatedRequest r) throws IOException {
        if (locked) {
            send(ex, 200, "application/json", error("locked"));
            return;
        }
        String user = r.form().getOrDefault("username", "");
        String given = r.form().getOrDefault("password", "");
        boolean ok;
        if (options.legacy()) {
            ok = user.equals(options.username()) && given.equals(options.password());
        } else {
            ok = false;
            for (String token : List.copyOf(tokens)) {
                if (user.equals(options.username()) && given.equals(sha256(options.password() + token))) {
                    tokens.remove(token);
                    ok = true;
                    break;
                }
            }
        }
        if (!ok) {
            failedLogins++;
            int left = options.maxAttempts() - failedLogins;
            if (left <= 0) {
                locked = true;
                send(ex, 200, "application/json", error("locked"));
            } else {
                send(ex, 200, "application/json", error("wrong" + left));
            }
            return;
        }
        failedLogins = 0;
        String sid = hex(12);
        sessions.put(sid, new Session(sid, false));
        ex.getResponseHeaders().add("Set-Cookie", "session-identity=" + sid + "; Path=/; HttpOnly");
        ex.getResponseHeaders().add("Set-Cookie", "session-role=admin; Path=/");
        send(ex, 200, "application/json", success("{\"sid\":" + SimJson.quote(sid) + ",\"role\":\"admin\",\"defaultAuth\":false}"));
    }

    private void configGet(HttpExchange ex, SimulatedRequest r) throws IOException {
        if (options.legacy()) {
            send(ex, 404, "text/plain", "Not Found");
            return;
        }
        if (!sidMatches(ex, r)) {
            return;
        }
        StringBuilder b = new StringBuilder("{\"response\":\"success\",\"configs\":[");
        String list = r.query().getOrDefault("pvalues", "");
        boolean first = true;
        for (String code : list.split(",")) {
            String c = strip(code.strip());
            if (c.isEmpty()) {
                continue;
            }
            if (!first) {
                b.append(',');
            }
            first = false;
            b.append("{\"pvalue\":").append(SimJson.quote(c)).append(",\"alias\":\"\",\"value\":")
                    .append(SimJson.quote(pvalues.getOrDefault(c, ""))).append('}');
        }
        send(ex, 200, "application/json", b.append("]}").toString());
    }

    private void configUpdate(HttpExchange ex, SimulatedRequest r) throws IOException {
        if (options.legacy()) {
            send(ex, 404, "text/plain", "Not Found");
            return;
        }
        if (!"PUT".equals(r.method())) {
            send(ex, 501, "text/plain", "Not Implemented");
            return;
        }
        if (!sidMatches(ex, r)) {
            return;
        }
        Object parsed;
        try {
            parsed = SimJson.parse(r.body());
        } catch (RuntimeException e) {
            send(ex, 400, "application/json", error("bad json"));
            return;
        }
        if (!(parsed instanceof Map<?, ?> root) || !(root.get("pvalue") instanceof Map<?, ?> values)) {
            send(ex, 400, "application/json", error("missing pvalue"));
            return;
        }
        for (Map.Entry<?, ?> e : values.entrySet()) {
            pvalues.put(strip(String.valueOf(e.getKey())), String.valueOf(e.getValue()));
        }
        send(ex, 200, "application/json", success("\"updated\""));
    }

    private void valuesGet(HttpExchange ex, SimulatedRequest r) throws IOException {
        if (!options.legacy()) {
            send(ex, 404, "text/plain", "Not Found");
            return;
        }
        if (!legacySid(ex, r)) {
            return;
        }
        StringBuilder b = new StringBuilder("{");
        boolean first = true;
        for (String code : r.form().getOrDefault("request", "").split(":")) {
            String c = strip(code.strip());
            if (c.isEmpty()) {
                continue;
            }
            if (!first) {
                b.append(',');
            }
            first = false;
            b.append(SimJson.quote("P" + c)).append(':').append(SimJson.quote(pvalues.getOrDefault(c, "")));
        }
        send(ex, 200, "application/json", success(b.append('}').toString()));
    }

    private void valuesPost(HttpExchange ex, SimulatedRequest r) throws IOException {
        if (!options.legacy()) {
            send(ex, 404, "text/plain", "Not Found");
            return;
        }
        if (!legacySid(ex, r)) {
            return;
        }
        r.form().forEach((k, v) -> {
            if (k.matches("P[0-9]{1,6}")) {
                pvalues.put(strip(k), v);
            }
        });
        send(ex, 200, "application/json", success("\"saved\""));
    }

    private void sysOperation(HttpExchange ex, SimulatedRequest r) throws IOException {
        withSession(ex, r, () -> {
            String request = r.form().getOrDefault("request", r.query().getOrDefault("request", ""));
            switch (request) {
                case "REBOOT" -> {
                    reboots++;
                    uptimeSeconds = 0;
                    sessions.clear();
                    return success("\"savereboot\"");
                }
                case "RESET" -> {
                    resets++;
                    uptimeSeconds = 0;
                    pvalues.clear();
                    sessions.clear();
                    return success("\"reset\"");
                }
                case "PROV" -> {
                    provisions++;
                    if (firmwareOnProvision.isPresent() && !pvalues.getOrDefault("192", "").isEmpty()) {
                        firmware = firmwareOnProvision.get();
                        firmwareOnProvision = Optional.empty();
                        uptimeSeconds = 0;
                        sessions.clear();
                    }
                    return success("\"prov\"");
                }
                default -> {
                    return error("unknown request");
                }
            }
        });
    }

    @FunctionalInterface
    private interface Answer {
        String body();
    }

    private void withSession(HttpExchange ex, SimulatedRequest r, Answer answer) throws IOException {
        Optional<Session> s = session(r);
        if (s.isEmpty() || !hasRoleCookie(r)) {
            send(ex, 401, "application/json", error("unauthorized"));
            return;
        }
        if (s.get().expired()) {
            send(ex, 200, "application/json", error("session expired"));
            return;
        }
        send(ex, 200, "application/json", answer.body());
    }

    private boolean sidMatches(HttpExchange ex, SimulatedRequest r) throws IOException {
        Optional<Session> s = session(r);
        if (s.isEmpty() || !hasRoleCookie(r)) {
            send(ex, 401, "application/json", error("unauthorized"));
            return false;
        }
        if (s.get().expired()) {
            send(ex, 200, "application/json", error("session expired"));
            return false;
        }
        if (!s.get().sid().equals(r.query().get("sid"))) {
            send(ex, 401, "application/json", error("sid required"));
            return false;
        }
        return true;
    }

    private boolean legacySid(HttpExchange ex, SimulatedRequest r) throws IOException {
        Optional<Session> s = session(r);
        if (s.isEmpty()) {
            send(ex, 401, "application/json", error("unauthorized"));
            return false;
        }
        if (s.get().expired()) {
            send(ex, 200, "application/json", error("session expired"));
            return false;
        }
        if (!s.get().sid().equals(r.form().get("sid"))) {
            send(ex, 401, "application/json", error("sid required"));
            return false;
        }
        return true;
    }

    private Optional<Session> session(SimulatedRequest r) {
        return cookie(r, "session-identity").map(sessions::get);
    }

    private boolean hasRoleCookie(SimulatedRequest r) {
        return cookie(r, "session-role").filter("admin"::equals).isPresent();
    }

    private static Optional<String> cookie(SimulatedRequest r, String name) {
        List<String> all = r.headers().getOrDefault("cookie", List.of());
        for (String header : all) {
            for (String part : header.split(";")) {
                String p = part.strip();
                int eq = p.indexOf('=');
                if (eq > 0 && p.substring(0, eq).equals(name)) {
                    return Optional.of(p.substring(eq + 1));
                }
            }
        }
        return Optional.empty();
    }

    private boolean sameOriginReferer(SimulatedRequest r) {
        Optional<String> referer = r.header("referer");
        Optional<String> hostHeader = r.header("host");
        if (referer.isEmpty() || hostHeader.isEmpty()) {
            return false;
        }
        return referer.get().startsWith("http://" + hostHeader.get() + "/")
                || referer.get().equals("http://" + hostHeader.get());
    }

    private static String success(String bodyJson) {
        return "{\"response\":\"success\",\"body\":" + bodyJson + "}";
    }

    private static String error(String message) {
        return "{\"response\":\"error\",\"body\":" + SimJson.quote(message) + "}";
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] data = in.readNBytes(256 * 1024);
        in.transferTo(OutputStream.nullOutputStream());
        return data;
    }

    private static Map<String, String> decodeForm(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return out;
        }
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.putIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String strip(String code) {
        return code.startsWith("P") || code.startsWith("p") ? code.substring(1) : code;
    }

    private static String colons(String mac) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < mac.length(); i += 2) {
            if (i > 0) {
                b.append(':');
            }
            b.append(mac, i, Math.min(mac.length(), i + 2));
        }
        return b.toString().toUpperCase(Locale.ROOT);
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** Lowercase hex SHA-256 of UTF-8 text, as the phone's login computes it. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
