package org.endpointmanager.core.console;

import static org.endpointmanager.testkit.TestingHostContext.ADMIN_TOKEN;
import static org.endpointmanager.testkit.TestingHostContext.OPERATOR_TOKEN;
import static org.endpointmanager.testkit.TestingHostContext.VIEWER_TOKEN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.endpointmanager.core.http.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console API and provisioning over real HTTP, on a real engine with SQLite. */
class ConsoleApiTest {

    private static final String DEVICE = """
            {"mac":"02:E3:A1:12:34:56","vendor":"example","model":"EP200","label":"John's extension 1001",
             "username":"1001","password":"Sup3r-Secret-Pw","server":"203.0.113.10:5060"}""";

    @TempDir
    Path root;

    private static JsonNode json(HttpResponse<String> r) {
        return Json.parseObject(r.body());
    }

    @Test
    void healthzAnswersWithoutAuthentication() throws Exception {
        try (EngineFixture f = new EngineFixture(root)) {
            assertEquals(200, f.get("/healthz", null).statusCode());
        }
    }

    @Test
    void deviceLifecycleIsServedInEveryMacSpellingAndSurvivesRestart() throws Exception {
        try (EngineFixture f = new EngineFixture(root)) {
            HttpResponse<String> created = f.post("/console/endpoint-manager/devices", OPERATOR_TOKEN, DEVICE);
            assertEquals(201, created.statusCode(), created.body());
            assertEquals("02:e3:a1:12:34:56", json(created).get("mac").asText());
            assertFalse(created.body().contains("Sup3r-Secret-Pw"), "password must never be returned");
            assertTrue(json(created).get("password_set").asBoolean());

            for (String spelling : new String[] {"02e3a1123456", "02:E3:A1:12:34:56", "02-e3-a1-12-34-56", "02e3.a112.3456"}) {
                HttpResponse<String> cfg = f.fetch("/provision/" + spelling, null);
                assertEquals(200, cfg.statusCode(), spelling);
                assertTrue(cfg.body().contains("Sup3r-Secret-Pw"), "the phone gets its password");
                assertTrue(cfg.body().contains("203.0.113.10"));
            }
            HttpResponse<String> list = f.get("/console/endpoint-manager/devices", VIEWER_TOKEN);
            assertEquals(200, list.statusCode());
            assertEquals(1, json(list).get("total").asInt());
            assertFalse(list.body().contains("Sup3r-Secret-Pw"));
        }
        try (EngineFixture f = new EngineFixture(root)) {
            assertEquals(200, f.fetch("/provision/02e3a1123456", null).statusCode(), "device survives a restart");
            HttpResponse<String> deleted = f.post("/console/endpoint-manager/devices/02-E3-A1-12-34-56/delete", OPERATOR_TOKEN, "");
            assertEquals(200, deleted.statusCode(), deleted.body());
            HttpResponse<String> gone = f.fetch("/provision/02e3a1123456", null);
            assertEquals(404, gone.statusCode());
        }
    }

    @Test
    void unknownMacGetsAPlain404() throws Exception {
        try (EngineFixture f = new EngineFixture(root)) {
            HttpResponse<String> r = f.fetch("/provision/02e3a1000000", null);
            assertEquals(404, r.statusCode());
            HttpResponse<String> unknownFile = f.fetch("/provision/whatever.cfg", null);
            assertEquals(404, unknownFile.statusCode());
            assertEquals(r.body(), unknownFile.body());
            assertEquals(404, f.fetch("/provision/a/b/c", null).statusCode());
        }
    }

    @Test
    void authenticationAndRolesAreChecked() throws Exception {
        try (EngineFixture f = new EngineFixture(root)) {
            assertEquals(401, f.get("/console/endpoint-manager/devices", null).statusCode());
            assertEquals(401, f.get("/console/endpoint-manager/devices", "wrong-token").statusCode());
            HttpResponse<String> viewerWrite = f.post("/console/endpoint-manager/devices", VIEWER_TOKEN, DEVICE);
            assertEquals(403, viewerWrite.statusCode());
            assertTrue(json(viewerWrite).has("error"));
            assertEquals(403, f.get("/console/endpoint-manager/settings", OPERATOR_TOKEN).statusCode());
            assertEquals(200, f.get("/console/endpoint-manager/settings", ADMIN_TOKEN).statusCode());
            assertEquals(403, f.get("/console/endpoint-manager/audit", OPERATOR_TOKEN).statusCode());
        }
    }

    @Test
    void everyConsoleRouteRefusesAMissingToken() throws Exception {
        try (EngineFixture f = new EngineFixture(root)) {
            assertFalse(f.engine.consoleRoutes().isEmpty());
            for (ConsoleRouter.Route route : f.engine.consoleRoutes()) {
                String path = route.path().replace("{mac}", "02e3a1123456").replace("{id}", "x");
                HttpResponse<String> r = route.method().equals("GET") ? f.get(path, null) : f.post(path, null, "{}");
                assertEquals(401, r.statusCode(), route.method() + " " + route.path());
            }
        }
    }

    @Test
    void badInputGetsClearErrors() throws Exception {
        try (EngineFixture f = new EngineFixture(root)) {
            HttpResponse<String> badMac = f.post("/console/endpoint-manager/devices", OPERATOR_TOKEN,
                    DEVICE.replace("02:E3:A1:12:34:56", "02:E3:A1:12:34"));
            assertEquals(400, badMac.statusCode());
            assertEquals("mac", json(badMac).get("field").asText());

            HttpResponse<String> badVendor = f.post("/console/endpoint-manager/devices", OPERATOR_TOKEN,
                    DEVICE.replace("\"example\"", "\"nokia\""));
            assertEquals(422, badVendor.statusCode());
            assertEquals("vendor", json(badVendor).get("field").asText());
            assertTrue(json(badVendor).get("error").asText().contains("vendor-nokia"), "names the jar to add");

            assertEquals(201, f.post("/console/endpoint-manager/devices", OPERATOR_TOKEN, DEVICE).statusCode());
            HttpResponse<String> dup = f.post("/console/endpoint-manager/devices", OPERATOR_TOKEN,
                    DEVICE.replace("02:E3:A1:12:34:56", "02e3a1123456"));
            assertEquals(409, dup.statusCode());

            HttpResponse<String> notJson = f.post("/console/endpoint-manager/devices", OPERATOR_TOKEN, "{nope");
            assertEquals(400, notJson.statusCode());
            assertEquals(404, f.post("/console/endpoint-manager/devices/02e3a1999999/edit", OPERATOR_TOKEN, "{}").statusCode());
            HttpResponse<String> unknownField = f.post("/console/endpoint-manager/devices/02e3a1123456/edit", OPERATOR_TOKEN,
                    "{\"colour\":\"red\"}");
            assertEquals(400, unknownField.statusCode());
            assertEquals("colour", json(unknownField).get("field").asText());
        }
    }

    @Test
    void formPostsWorkLikeJson() throws Exception {
        try (EngineFixture f = new EngineFixture(root)) {
            HttpResponse<String> r = f.postForm("/console/endpoint-manager/devices", OPERATOR_TOKEN,
                    "mac=02e3a1aaaaaa&vendor=example&model=EP100&label=Desk&username=1002&password=pw&server=pbx.example.com");
            assertEquals(201, r.statusCode(), r.body());
            HttpResponse<String> edited = f.postForm("/console/endpoint-manager/devices/02e3a1aaaaaa/edit", OPERATOR_TOKEN,
                    "label=Reception");
            assertEquals("Reception", json(edited).get("label").asText());
            assertEquals("1002", json(edited).get("username").asText(), "edit keeps unspecified fields");
        }
    }

    @Test
    void blacklistedMacLooksExactlyLikeAnUnknownOne() throws Exception {
        try (EngineFixture f = new EngineFixture(root)) {
            assertEquals(201, f.post("/console/endpoint-manager/devices", OPERATOR_TOKEN, DEVICE).statusCode());
            HttpResponse<String> set = f.post("/console/endpoint-manager/settings", ADMIN_TOKEN,
                    "{\"mac_blacklist\":[\"02:e3:a1:12:34:56\"]}");
            assertEquals(200, set.statusCode(), set.body());
            HttpResponse<String> refused = f.fetch("/provision/02e3a1123456", null);
            HttpResponse<String> unknown = f.fetch("/provision/02e3a1000001", null);
            assertEquals(404, refused.statusCode());
            assertEquals(unknown.statusCode(), refused.statusCode());
            assertArrayEquals(unknown.body().getBytes(), refused.body().getBytes());
            assertEquals(unknown.headers().firstValue("content-type"), refused.headers().firstValue("content-type"));
        }
    }

    @Test
    void settingsAreValidatedAndAudited() throws Exception {
        try (EngineFixture f = new EngineFixture(root)) {
            HttpResponse<String> empty = f.post("/console/endpoint-manager/settings", ADMIN_TOKEN, "{\"pbx_host\":\"\"}");
            assertEquals(400, empty.statusCode());
            assertEquals("pbx_host", json(empty).get("field").asText());
            HttpResponse<String> badIni = f.post("/console/endpoint-manager/settings", ADMIN_TOKEN,
                    "{\"additional_parameters\":\"[nokia]\\na = b\"}");
            assertEquals(400, badIni.statusCode());
            assertTrue(json(badIni).get("error").asText().contains("line 1"), badIni.body());
            HttpResponse<String> ok = f.post("/console/endpoint-manager/settings", ADMIN_TOKEN, "{\"pbx_host\":\"pbx.example.com\"}");
            assertEquals(200, ok.statusCode());
            assertEquals("pbx.example.com", json(ok).get("pbx_host").asText());
            JsonNode audit = json(f.get("/console/endpoint-manager/audit?action=settings.", ADMIN_TOKEN));
            assertEquals(1, audit.get("entries").size());
            assertEquals("admin", audit.get("entries").get(0).get("actor").asText());
        }
    }
}
