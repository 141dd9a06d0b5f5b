package org.endpointmanager.core.security;

import static org.endpointmanager.testkit.TestingHostContext.ADMIN_TOKEN;
import static org.endpointmanager.testkit.TestingHostContext.OPERATOR_TOKEN;
import static org.endpointmanager.testkit.TestingHostContext.VIEWER_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.endpointmanager.api.host.Role;
import org.endpointmanager.core.console.ConsoleRouter;
import org.endpointmanager.core.http.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every mounted console route, with every role, no token, and cookie sessions with and without CSRF. */
class ConsoleAccessTest {

    private static final Map<Role, String> TOKENS = Map.of(Role.VIEWER, VIEWER_TOKEN, Role.OPERATOR, OPERATOR_TOKEN,
            Role.SITE_ADMIN, ADMIN_TOKEN);

    @TempDir
    Path root;

    private static String concrete(String path) {
        return path.replace("{mac}", "02e3a1000001").replaceAll("\\{[a-z_]+}", "no-such-id");
    }

    @Test
    void everyRouteRefusesNoTokenAndRolesWithoutThePermission() throws Exception {
        try (SecuredEngine f = new SecuredEngine(root, "")) {
            List<ConsoleRouter.Route> routes = f.engine.consoleRoutes();
            assertTrue(routes.size() > 20, "the route table is filled: " + routes.size());
            List<String> problems = new ArrayList<>();
            for (ConsoleRouter.Route route : routes) {
                String path = concrete(route.path());
                String body = route.method().equals("GET") ? null : "{}";
                HttpResponse<String> none = f.send(route.method(), path, Map.of("Content-Type", "application/json"), body);
                if (none.statusCode() != 401) {
                    problems.add(route + " without token: " + none.statusCode());
                }
                HttpResponse<String> wrong = f.send(route.method(), path,
                        Map.of("Authorization", "Bearer not-a-token", "Content-Type", "application/json"), body);
                if (wrong.statusCode() != 401) {
                    problems.add(route + " with a wrong token: " + wrong.statusCode());
                }
                for (Role role : Role.values()) {
                    HttpResponse<String> r = f.send(route.method(), path,
                            Map.of("Authorization", "Bearer " + TOKENS.get(role), "Content-Type", "application/json"), body);
                    boolean may = role.atLeast(route.permission().leastRole());
                    if (may && (r.statusCode() == 401 || r.statusCode() == 403)) {
                        problems.add(route + " as " + role + " refused: " + r.statusCode());
                    }
                    if (!may && r.statusCode() != 403) {
                        problems.add(route + " as " + role + " not refused: " + r.statusCode());
                    }
                    assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), route.toString());
                    assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(""));
                    assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(""));
                    assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
                    assertTrue(r.headers().firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"));
                }
            }
            assertEquals(List.of(), problems);
        }
    }

    @Test
    void everyCookieSessionWriteNeedsTheCsrfToken() throws Exception {
        try (SecuredEngine f = new SecuredEngine(root, "")) {
            HttpResponse<String> login = f.send("POST", "/console/endpoint-manager/session",
                    Map.of("Content-Type", "application/json"), "{\"token\":\"" + ADMIN_TOKEN + "\"}");
            assertEquals(200, login.statusCode(), login.body());
            String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
            assertTrue(setCookie.contains("HttpOnly"), setCookie);
            assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
            assertFalse(setCookie.contains("Secure"), "plain HTTP: no Secure flag");
            String cookie = setCookie.substring(0, setCookie.indexOf(';'));
            String csrf = Json.parseObject(login.body()).get("csrf_token").asText();
            assertTrue(csrf.length() >= 40);

            HttpResponse<String> me = f.send("GET", "/console/endpoint-manager/session", Map.of("Cookie", cookie), null);
            assertEquals(200, me.statusCode());
            assertEquals("site_admin", Json.parseObject(me.body()).get("role").asText());
            assertEquals(csrf, Json.parseObject(me.body()).get("csrf_token").asText());

            List<String> problems = new ArrayList<>();
            for (ConsoleRouter.Route route : f.engine.consoleRoutes()) {
                String path = concrete(route.path());
                if (route.method().equals("GET")) {
                    HttpResponse<String> r = f.send("GET", path, Map.of("Cookie", cookie), null);
                    if (r.statusCode() == 401 || r.statusCode() == 403) {
                        problems.add(route + " read with a session: " + r.statusCode());
                    }
                    continue;
                }
                if (path.endsWith("/session/logout")) {
                    continue;
                }
                Map<String, String> noCsrf = Map.of("Cookie", cookie, "Content-Type", "application/json");
                HttpResponse<String> r = f.send(route.method(), path, noCsrf, "{}");
                if (r.statusCode() != 403) {
                    problems.add(route + " without CSRF: " + r.statusCode());
                }
                Map<String, String> badCsrf = new HashMap<>(noCsrf);
                badCsrf.put("X-CSRF-Token", csrf.substring(1) + "x");
                if (f.send(route.method(), path, badCsrf, "{}").statusCode() != 403) {
                    problems.add(route + " with a wrong CSRF token");
                }
                Map<String, String> withCsrf = new HashMap<>(noCsrf);
                withCsrf.put("X-CSRF-Token", csrf);
                int status = f.send(route.method(), path, withCsrf, "{}").statusCode();
                if (status == 401 || status == 403) {
                    problems.add(route + " with CSRF refused: " + status);
                }
            }
            assertEquals(List.of(), problems);

            HttpResponse<String> formWrite = f.send("POST", "/console/endpoint-manager/settings",
                    Map.of("Cookie", cookie, "Content-Type", "application/x-www-form-urlencoded"),
                    "_csrf=" + csrf + "&pbx_host=pbx.form.example");
            assertEquals(200, formWrite.statusCode(), "an HTML form post carries its CSRF token as _csrf: " + formWrite.body());
            assertEquals("pbx.form.example", Json.parseObject(formWrite.body()).get("pbx_host").asText());

            assertEquals(403, f.send("POST", "/console/endpoint-manager/session/logout", Map.of("Cookie", cookie), "")
                    .statusCode(), "logging out is a write too");
            assertEquals(403, f.send("POST", "/console/endpoint-manager/session/logout",
                    Map.of("Cookie", cookie, "Content-Type", "application/x-www-form-urlencoded"), "_csrf=nope").statusCode());
            HttpResponse<String> out = f.send("POST", "/console/endpoint-manager/session/logout",
                    Map.of("Cookie", cookie, "Content-Type", "application/x-www-form-urlencoded"), "_csrf=" + csrf);
            assertEquals(200, out.statusCode(), "the _csrf form field is accepted");
            assertTrue(out.headers().firstValue("Set-Cookie").orElse("").contains("Max-Age=0"));
            assertEquals(401, f.send("GET", "/console/endpoint-manager/session", Map.of("Cookie", cookie), null).statusCode());
        }
    }

    @Test
    void failedLoginsFromOneAddressAreLockedOut() throws Exception {
        try (SecuredEngine f = new SecuredEngine(root, "")) {
            for (int i = 0; i < 10; i++) {
                assertEquals(401, f.send("POST", "/console/endpoint-manager/session",
                        Map.of("Content-Type", "application/json"), "{\"token\":\"guess-" + i + "\"}").statusCode());
            }
            HttpResponse<String> locked = f.send("POST", "/console/endpoint-manager/session",
                    Map.of("Content-Type", "application/json"), "{\"token\":\"" + ADMIN_TOKEN + "\"}");
            assertEquals(429, locked.statusCode(), "even the right token while locked out");
            HttpResponse<String> stats = f.send("GET", "/console/endpoint-manager/security/stats",
                    Map.of("Authorization", "Bearer " + ADMIN_TOKEN), null);
            assertEquals(1, Json.parseObject(stats.body()).get("console_login").get("lockouts").asInt());
            assertNotEquals(0, Json.parseObject(stats.body()).get("console_login").get("misses").asInt());
        }
    }
}
