package org.endpointmanager.core.console;

import static org.endpointmanager.testkit.TestingHostContext.ADMIN_TOKEN;
import static org.endpointmanager.testkit.TestingHostContext.OPERATOR_TOKEN;
import static org.endpointmanager.testkit.TestingHostContext.VIEWER_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.endpointmanager.core.http.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sites CRUD and the device list's filters and paging over HTTP. */
class SitesAndListingTest {

    @TempDir
    Path root;

    private static JsonNode json(HttpResponse<String> r) {
        return Json.parseObject(r.body());
    }

    @Test
    void sitesHaveADefaultAndCrud() throws Exception {
        try (EngineFixture f = new EngineFixture(root)) {
            JsonNode sites = json(f.get("/console/endpoint-manager/sites", VIEWER_TOKEN));
            assertEquals("default", sites.get("sites").get(0).get("id").asText());
            assertEquals(403, f.post("/console/endpoint-manager/sites", OPERATOR_TOKEN, "{\"name\":\"Branch\"}").statusCode());
            HttpResponse<String> created = f.post("/console/endpoint-manager/sites", ADMIN_TOKEN,
                    "{\"name\":\"Branch\",\"subnets\":[\"10.1.0.0/16\",\"192.168.7.12\"]}");
            assertEquals(201, created.statusCode(), created.body());
            String id = json(created).get("id").asText();
            assertEquals("192.168.7.12/32", json(created).get("subnets").get(1).asText());
            HttpResponse<String> badCidr = f.post("/console/endpoint-manager/sites", ADMIN_TOKEN,
                    "{\"name\":\"Bad\",\"subnets\":[\"10.0.0.0/40\"]}");
            assertEquals(400, badCidr.statusCode());
            assertEquals("subnets", json(badCidr).get("field").asText());
            assertEquals(409, f.post("/console/endpoint-manager/sites", ADMIN_TOKEN, "{\"name\":\"Branch\"}").statusCode());

            assertEquals(201, f.post("/console/endpoint-manager/devices", OPERATOR_TOKEN,
                    "{\"mac\":\"02e3a1000100\",\"vendor\":\"example\",\"username\":\"1\",\"site_id\":\"" + id + "\"}").statusCode());
            assertEquals(422, f.post("/console/endpoint-manager/devices", OPERATOR_TOKEN,
                    "{\"mac\":\"02e3a1000101\",\"vendor\":\"example\",\"username\":\"1\",\"site_id\":\"nowhere\"}").statusCode());
            assertEquals(409, f.post("/console/endpoint-manager/sites/" + id + "/delete", ADMIN_TOKEN, "").statusCode(),
                    "a site with devices cannot be deleted");
            assertEquals(409, f.post("/console/endpoint-manager/sites/default/delete", ADMIN_TOKEN, "").statusCode());
            assertEquals(200, f.post("/console/endpoint-manager/devices/02e3a1000100/delete", OPERATOR_TOKEN, "").statusCode());
            assertEquals(200, f.post("/console/endpoint-manager/sites/" + id + "/delete", ADMIN_TOKEN, "").statusCode());
            assertEquals(404, f.get("/console/endpoint-manager/sites/" + id, VIEWER_TOKEN).statusCode());
        }
    }

    @Test
    void deviceListFiltersAndPages() throws Exception {
        try (EngineFixture f = new EngineFixture(root)) {
            for (int i = 0; i < 12; i++) {
                String body = String.format("{\"mac\":\"02e3a10002%02d\",\"vendor\":\"example\",\"model\":\"%s\","
                        + "\"label\":\"%s\",\"username\":\"%d\"}", i, i % 2 == 0 ? "EP100" : "EP200",
                        i == 5 ? "Reception 50%_off" : "Desk " + i, 100 + i);
                assertEquals(201, f.post("/console/endpoint-manager/devices", OPERATOR_TOKEN, body).statusCode());
            }
            JsonNode page = json(f.get("/console/endpoint-manager/devices?limit=5&offset=10", VIEWER_TOKEN));
            assertEquals(12, page.get("total").asInt());
            assertEquals(2, page.get("devices").size());
            assertEquals("02:e3:a1:00:02:10", page.get("devices").get(0).get("mac").asText(), "ordered by MAC");
            assertEquals(6, json(f.get("/console/endpoint-manager/devices?model=EP200", VIEWER_TOKEN)).get("total").asInt());
            assertEquals(1, json(f.get("/console/endpoint-manager/devices?search=50%25_", VIEWER_TOKEN)).get("total").asInt(),
                    "search wildcards are literal");
            assertEquals(0, json(f.get("/console/endpoint-manager/devices?vendor=yealink", VIEWER_TOKEN)).get("total").asInt());
            HttpResponse<String> badLimit = f.get("/console/endpoint-manager/devices?limit=5000", VIEWER_TOKEN);
            assertEquals(400, badLimit.statusCode());
            assertTrue(badLimit.body().contains("limit"));
        }
    }
}
