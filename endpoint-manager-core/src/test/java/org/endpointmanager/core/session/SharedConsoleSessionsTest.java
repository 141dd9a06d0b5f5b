package org.endpointmanager.core.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.endpointmanager.core.EndpointManager;
import org.endpointmanager.core.cluster.ClusterTestNodes;
import org.endpointmanager.core.http.Json;
import org.endpointmanager.core.pages.PageRoutes;
import org.endpointmanager.core.store.Database.DbKind;
import org.endpointmanager.core.store.TestDatabases;
import org.endpointmanager.testkit.MutableClock;
import org.endpointmanager.testkit.TestingHostContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two engines on one database behind an imagined load balancer without sticky sessions: a console
 * login on one node is good on the other, a logout on either ends it on both after one change-log
 * poll, the database never holds the cookie, and the time limits hold on both nodes. The clock is
 * moved by hand and never runs, so a node that still accepted a logged-out cookie could only have
 * been told by the change log (no touch is due).
 */
class SharedConsoleSessionsTest {

    private static final String API = "/console/endpoint-manager";
    private static final String DEVICE = """
            {"mac":"02:E3:A1:00:00:77","vendor":"example","model":"EP200","label":"Session test",
             "username":"2077","password":"session-secret-77"}""";

    private final HttpClient http = HttpClient.newHttpClient(); // follows no redirects
    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    @TempDir
    Path root;

    /** A logged-in browser: the cookie header value and the CSRF token it was given. */
    private record Login(String cookieValue, String csrf) {
        String cookie() {
            return ConsoleSessions.COOKIE + "=" + cookieValue;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DbKind.class)
    void aLoginOnOneNodeIsServedByTheOtherAndALogoutEndsItOnBoth(DbKind kind) throws Exception {
        try (TestDatabases.EmptyDatabase shared = TestDatabases.createEmpty(kind);
                EndpointManager a = node("a", shared.url());
                EndpointManager b = node("b", shared.url())) {
            Login login = login(a);
            assertEquals(200, get(a, API + "/devices", login).statusCode(), "node A knows its own session");
            assertEquals(200, get(b, API + "/devices", login).statusCode(), "node B serves a cookie node A handed out");

            HttpResponse<String> created = send(b, "POST", API + "/devices", login, true, DEVICE);
            assertEquals(201, created.statusCode(), "a write on B with the CSRF token from A: " + created.body());
            assertEquals(403, send(b, "POST", API + "/devices", login, false, DEVICE).statusCode(),
                    "and without it, refused as on one node");
            ObjectNode me = Json.parseObject(get(b, API + "/session", login).body());
            assertEquals("admin", me.get("user").asText());
            assertEquals("site_admin", me.get("role").asText());
            assertEquals(login.csrf(), me.get("csrf_token").asText(), "both nodes derive the same CSRF token");
            assertEquals(200, get(b, PageRoutes.UI + "/phones", login).statusCode(), "a console page on B");
            assertEquals(200, get(a, PageRoutes.UI + "/phones", login).statusCode(), "and on A (cached there)");

            HttpResponse<String> out = send(b, "POST", API + "/session/logout", login, true, "");
            assertEquals(200, out.statusCode(), out.body());
            assertEquals(401, get(b, API + "/devices", login).statusCode(), "refused at once where it logged out");

            a.cluster().pollNow();
            assertEquals(401, get(a, API + "/devices", login).statusCode(), "refused on A after one poll");
            HttpResponse<String> page = get(a, PageRoutes.UI + "/phones", login);
            assertEquals(303, page.statusCode(), "a page on A sends the browser to the login page");
            assertTrue(page.headers().firstValue("Location").orElse("").startsWith(PageRoutes.UI + "/login"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DbKind.class)
    void theDatabaseHoldsOnlyAHashOfTheCookie(DbKind kind) throws Exception {
        try (TestDatabases.EmptyDatabase shared = TestDatabases.createEmpty(kind);
                EndpointManager a = node("a", shared.url());
                EndpointManager b = node("b", shared.url())) {
            Login login = login(a);
            assertEquals(200, get(b, API + "/devices", login).statusCode());

            List<Map<String, Object>> rows = a.database().jdbi().withHandle(h ->
                    h.createQuery("SELECT * FROM endpoint_console_sessions").mapToMap().list());
            assertEquals(1, rows.size(), rows.toString());
            Map<String, Object> row = lowerCaseKeys(rows.get(0));
            assertEquals(ConsoleSessions.hash(login.cookieValue()), row.get("token_hash"), "the SHA-256 hex of the cookie");
            assertEquals(64, row.get("token_hash").toString().length());
            assertEquals("admin", row.get("principal_name"));
            assertEquals("site_admin", row.get("role"));
            for (Map.Entry<String, Object> column : row.entrySet()) {
                String value = String.valueOf(column.getValue());
                assertFalse(value.contains(login.cookieValue()), column.getKey() + " holds the cookie value");
                assertFalse(value.contains(login.csrf()), column.getKey() + " holds the CSRF token");
            }

            assertEquals(200, send(a, "POST", API + "/session/logout", login, true, "").statusCode());
            List<Map<String, Object>> changes = a.database().jdbi().withHandle(h ->
                    h.createQuery("SELECT * FROM endpoint_changes").mapToMap().list());
            assertTrue(changes.toString().contains(ConsoleSessions.hash(login.cookieValue())), "the logout is announced");
            assertFalse(changes.toString().contains(login.cookieValue()), "by hash, never by the cookie value");
            assertEquals(0L, sessionRows(a), "the row is deleted on logout");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DbKind.class)
    void anIdleSessionIsRefusedOnBothNodes(DbKind kind) throws Exception {
        try (TestDatabases.EmptyDatabase shared = TestDatabases.createEmpty(kind);
                EndpointManager a = node("a", shared.url());
                EndpointManager b = node("b", shared.url())) {
            Login login = login(a);
            assertEquals(200, get(a, API + "/devices", login).statusCode());
            assertEquals(200, get(b, API + "/devices", login).statusCode(), "cached on both nodes now");

            clock.advance(Duration.ofMinutes(29));
            assertEquals(200, get(b, API + "/devices", login).statusCode(), "29 minutes idle is within the limit");
            clock.advance(Duration.ofMinutes(31));
            assertEquals(401, get(a, API + "/devices", login).statusCode(), "31 minutes idle: refused on A");
            assertEquals(401, get(b, API + "/devices", login).statusCode(), "and on B");
            assertEquals(0L, sessionRows(a), "the expired row is deleted by the node that found it expired");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DbKind.class)
    void useOnEitherNodeKeepsASessionAliveUntilTheAbsoluteLimit(DbKind kind) throws Exception {
        try (TestDatabases.EmptyDatabase shared = TestDatabases.createEmpty(kind);
                EndpointManager a = node("a", shared.url());
                EndpointManager b = node("b", shared.url())) {
            Login login = login(a);
            assertEquals(200, get(a, API + "/devices", login).statusCode());
            // every 20 minutes on alternate nodes: each node sees 40 minutes without use in its own
            // cache, and must learn from the database that the other node kept the session in use
            int minutes = 0;
            for (int i = 1; minutes + 20 <= 12 * 60; i++) {
                clock.advance(Duration.ofMinutes(20));
                minutes += 20;
                EndpointManager node = i % 2 == 0 ? a : b;
                assertEquals(200, get(node, API + "/devices", login).statusCode(), "still alive after " + minutes + " min");
            }
            clock.advance(Duration.ofMinutes(20));
            assertEquals(401, get(a, API + "/devices", login).statusCode(), "past 12 hours: refused on A");
            assertEquals(401, get(b, API + "/devices", login).statusCode(), "and on B");
        }
    }

    private Login login(EndpointManager node) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(node, API + "/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + TestingHostContext.ADMIN_TOKEN + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        String pair = setCookie.substring(0, setCookie.indexOf(';'));
        assertTrue(pair.startsWith(ConsoleSessions.COOKIE + "="), setCookie);
        return new Login(pair.substring(ConsoleSessions.COOKIE.length() + 1),
                Json.parseObject(r.body()).get("csrf_token").asText());
    }

    private HttpResponse<String> get(EndpointManager node, String path, Login login)
            throws IOException, InterruptedException {
        return send(node, "GET", path, login, false, null);
    }

    private HttpResponse<String> send(EndpointManager node, String method, String path, Login login, boolean csrf,
            String json) throws IOException, InterruptedException {
        Map<String, String> headers = new HashMap<>();
        headers.put("Cookie", login.cookie());
        if (csrf) {
            headers.put("X-CSRF-Token", login.csrf());
        }
        if (json != null) {
            headers.put("Content-Type", "application/json");
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(node, path)).method(method,
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(EndpointManager node, String path) {
        return URI.create("http://127.0.0.1:" + node.port() + path);
    }

    private static long sessionRows(EndpointManager node) {
        return node.database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM endpoint_console_sessions")
                .mapTo(Long.class).one());
    }

    private static Map<String, Object> lowerCaseKeys(Map<String, Object> row) {
        Map<String, Object> out = new HashMap<>();
        row.forEach((k, v) -> out.put(k.toLowerCase(java.util.Locale.ROOT), v));
        return out;
    }

    private EndpointManager node(String name, String url) {
        return ClusterTestNodes.start(root, name, url, "shared.key", clock, "");
    }
}
