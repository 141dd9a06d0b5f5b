package org.endpointmanager.vendor.grandstream.driver;

import static org.endpointmanager.testkit.TestingHostContext.ADMIN_TOKEN;
import static org.endpointmanager.testkit.TestingHostContext.OPERATOR_TOKEN;
import static org.endpointmanager.testkit.TestingHostContext.VIEWER_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;
import org.endpointmanager.testkit.grandstream.GrandstreamSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seed 000's control routes through a real engine against simulated phones on 127.0.0.2 and 127.0.0.3. */
class ControlRoutesTest {

    private static final String MAC_A = "000b82a00001";
    private static final String MAC_B = "000b82b00002";

    @TempDir
    Path root;

    private static String device(String mac, String ip, String raw) {
        return """
                {"mac":"%s","vendor":"grandstream","model":"GXP2170","label":"Reception","ip_address":"%s",
                 "username":"1001","password":"Sip-Secret-1001","server":"203.0.113.10:5060","raw_parameters":"%s"}"""
                .formatted(mac, ip, raw);
    }

    private static String credentials(String password, GrandstreamSimulator sim) {
        return "{\"username\":\"admin\",\"password\":\"" + password + "\",\"port\":" + sim.port() + "}";
    }

    private static JsonNode onlyItem(JsonNode job) {
        assertEquals(1, job.get("items").size(), job.toString());
        return job.get("items").get(0);
    }

    @Test
    void provisionStatusFleetAndFactoryResetPerPhone() throws Exception {
        try (ControlEngine e = new ControlEngine(root, true);
                GrandstreamSimulator a = GrandstreamSimulator.start("127.0.0.2", GrandstreamSimulator.Options.gxp2170(MAC_A));
                GrandstreamSimulator b = GrandstreamSimulator.start("127.0.0.3", GrandstreamSimulator.Options.gxp2170(MAC_B))) {
            assertEquals(201, e.send("POST", "/devices", OPERATOR_TOKEN,
                    device(MAC_A, "127.0.0.2", "[grandstream]\\nP47 = raw.example.com\\nP8500 = 7")).statusCode());
            assertEquals(201, e.send("POST", "/devices", OPERATOR_TOKEN, device(MAC_B, "127.0.0.3", "")).statusCode());

            // credentials: viewer may not set them; operator may; the password never comes back
            assertEquals(403, e.send("PUT", "/devices/" + MAC_A + "/credentials", VIEWER_TOKEN, credentials("admin123", a)).statusCode());
            HttpResponse<String> put = e.send("PUT", "/devices/" + MAC_A + "/credentials", OPERATOR_TOKEN, credentials("admin123", a));
            assertEquals(200, put.statusCode(), put.body());
            assertTrue(e.json(put).get("credentials_set").asBoolean());
            assertFalse(put.body().contains("admin123"));
            assertEquals(200, e.send("PUT", "/devices/" + MAC_B + "/credentials", OPERATOR_TOKEN, credentials("admin123", b)).statusCode());
            HttpResponse<String> audit = e.send("GET", "/audit", ADMIN_TOKEN, null);
            assertTrue(audit.body().contains("device.credentials"), audit.body());
            assertFalse(audit.body().contains("admin123"), "credentials never reach the audit log");

            // a viewer cannot push
            assertEquals(403, e.send("POST", "/devices/" + MAC_A + "/provision", VIEWER_TOKEN, "{\"force\":false}").statusCode());

            HttpResponse<String> pushed = e.send("POST", "/devices/" + MAC_A + "/provision", OPERATOR_TOKEN,
                    "{\"force\":false,\"reboot_after\":true}");
            assertEquals(202, pushed.statusCode(), pushed.body());
            JsonNode job = e.awaitJob(e.json(pushed).get("job_id").asText(), VIEWER_TOKEN);
            JsonNode item = onlyItem(job);
            assertEquals("ok", item.get("status").asText(), job.toString());
            assertTrue(item.get("detail").asText().contains("reboot accepted"), item.toString());
            assertEquals(Optional.of("raw.example.com"), a.pvalue("P47"), "raw_pconfig wins over the rendered server");
            assertEquals(Optional.of("7"), a.pvalue("P8500"));
            assertEquals(Optional.of("1001"), a.pvalue("P35"), "rendered from the device");
            assertEquals(Optional.of("Sip-Secret-1001"), a.pvalue("P34"));
            assertEquals(1, a.reboots());
            assertFalse(job.toString().contains("Sip-Secret-1001"), "pushed secrets stay out of job results");
            assertTrue(b.requests().isEmpty(), "the other phone was not touched");

            // nothing changed since: force=false writes nothing
            a.clearRequests();
            JsonNode again = e.awaitJob(e.json(e.send("POST", "/devices/" + MAC_A + "/provision", OPERATOR_TOKEN,
                    "{\"force\":false}")).get("job_id").asText(), OPERATOR_TOKEN);
            assertTrue(onlyItem(again).get("detail").asText().startsWith("wrote 0 of"), again.toString());
            assertFalse(a.functions().contains("config_update"));

            // status: polled and stored per phone; the fleet shows it
            a.setUptimeSeconds(42);
            HttpResponse<String> status = e.send("GET", "/devices/" + MAC_A + "/status", VIEWER_TOKEN, null);
            assertEquals(200, status.statusCode(), status.body());
            JsonNode s = e.json(status);
            assertTrue(s.get("polled").asBoolean(), status.body());
            assertEquals("GXP2170", s.get("status").get("model").asText());
            assertEquals("1.0.11.16", s.get("status").get("firmware").asText());
            assertEquals("00:0b:82:a0:00:01", s.get("status").get("mac").asText());
            assertEquals("127.0.0.2", s.get("status").get("ip_address").asText());
            assertEquals("registered", s.get("status").get("registration").asText());
            assertEquals(42, s.get("status").get("uptime_seconds").asLong());
            assertFalse(s.get("status").get("polled_at").isNull());

            JsonNode fleet = e.json(e.send("GET", "/fleet", VIEWER_TOKEN, null));
            assertEquals(2, fleet.get("phones").size());
            for (JsonNode phone : fleet.get("phones")) {
                assertTrue(phone.get("credentials_set").asBoolean());
                assertTrue(phone.get("driver").asBoolean());
                if (phone.get("mac").asText().equals("00:0b:82:a0:00:01")) {
                    assertEquals("1.0.11.16", phone.get("firmware").asText());
                    assertEquals(42, phone.get("status").get("uptime_seconds").asLong());
                } else {
                    assertTrue(phone.get("status").get("polled_at").isNull(), "phone B was never polled");
                }
            }

            // factory reset: viewer no, operator yes
            assertEquals(403, e.send("POST", "/devices/" + MAC_B + "/factory-reset", VIEWER_TOKEN, null).statusCode());
            HttpResponse<String> reset = e.send("POST", "/devices/" + MAC_B + "/factory-reset", OPERATOR_TOKEN, null);
            assertEquals(202, reset.statusCode(), reset.body());
            assertEquals("ok", onlyItem(e.awaitJob(e.json(reset).get("job_id").asText(), OPERATOR_TOKEN)).get("status").asText());
            assertEquals(1, b.resets());
            assertEquals(0, a.resets());
        }
    }

    @Test
    void wrongPasswordReportsAttemptsLeftAndIsNeverRetried() throws Exception {
        try (ControlEngine e = new ControlEngine(root, true);
                GrandstreamSimulator a = GrandstreamSimulator.start("127.0.0.2", GrandstreamSimulator.Options.gxp2170(MAC_A))) {
            e.send("POST", "/devices", OPERATOR_TOKEN, device(MAC_A, "127.0.0.2", ""));
            e.send("PUT", "/devices/" + MAC_A + "/credentials", OPERATOR_TOKEN, credentials("not-the-password", a));

            JsonNode first = onlyItem(e.awaitJob(e.json(e.send("POST", "/devices/" + MAC_A + "/provision", OPERATOR_TOKEN,
                    "{\"force\":true}")).get("job_id").asText(), OPERATOR_TOKEN));
            assertEquals("failed", first.get("status").asText());
            assertTrue(first.get("detail").asText().startsWith("wrong_credentials:"), first.toString());
            assertTrue(first.get("detail").asText().contains("4 attempts left"), first.toString());

            // later operations do not try the refused password again
            for (int i = 0; i < 5; i++) {
                JsonNode s = e.json(e.send("GET", "/devices/" + MAC_A + "/status", VIEWER_TOKEN, null));
                assertFalse(s.get("polled").asBoolean());
                assertEquals("wrong_credentials", s.get("failure").asText());
            }
            assertEquals(1, a.failedLogins());
            assertEquals(1, a.functions().stream().filter("dologin"::equals).count());
            assertFalse(a.locked());
            JsonNode creds = e.json(e.send("GET", "/devices/" + MAC_A + "/credentials", VIEWER_TOKEN, null));
            assertTrue(creds.get("refused").asText().contains("4 attempts left"));

            // setting them again clears the refusal
            e.send("PUT", "/devices/" + MAC_A + "/credentials", OPERATOR_TOKEN, credentials("admin123", a));
            assertTrue(e.json(e.send("GET", "/devices/" + MAC_A + "/status", VIEWER_TOKEN, null)).get("polled").asBoolean());
        }
    }

    @Test
    void loopbackRefusedUnlessAllowedAndOutsideSiteRefused() throws Exception {
        try (ControlEngine e = new ControlEngine(root, false);
                GrandstreamSimulator a = GrandstreamSimulator.start("127.0.0.2", GrandstreamSimulator.Options.gxp2170(MAC_A))) {
            e.send("POST", "/devices", OPERATOR_TOKEN, device(MAC_A, "127.0.0.2", ""));
            e.send("PUT", "/devices/" + MAC_A + "/credentials", OPERATOR_TOKEN, credentials("admin123", a));
            JsonNode s = e.json(e.send("GET", "/devices/" + MAC_A + "/status", VIEWER_TOKEN, null));
            assertFalse(s.get("polled").asBoolean());
            assertEquals("address_refused", s.get("failure").asText());
            JsonNode reset = onlyItem(e.awaitJob(e.json(e.send("POST", "/devices/" + MAC_A + "/factory-reset",
                    OPERATOR_TOKEN, null)).get("job_id").asText(), OPERATOR_TOKEN));
            assertTrue(reset.get("detail").asText().startsWith("address_refused:"), reset.toString());
            assertTrue(a.requests().isEmpty(), "nothing was sent to the phone");

            HttpResponse<String> site = e.send("POST", "/sites", ADMIN_TOKEN, "{\"name\":\"Branch\",\"subnets\":[\"10.1.0.0/16\"]}");
            assertEquals(201, site.statusCode(), site.body());
            String siteId = e.json(site).get("id").asText();
            e.send("POST", "/devices", OPERATOR_TOKEN, device(MAC_B, "10.9.9.9", "").replace("\"label\"",
                    "\"site_id\":\"" + siteId + "\",\"label\""));
            e.send("PUT", "/devices/" + MAC_B + "/credentials", OPERATOR_TOKEN, "{\"username\":\"admin\",\"password\":\"x\"}");
            JsonNode outside = e.json(e.send("GET", "/devices/" + MAC_B + "/status", VIEWER_TOKEN, null));
            assertEquals("address_refused", outside.get("failure").asText());
            assertTrue(outside.get("detail").asText().contains("site"), outside.toString());
            e.send("POST", "/devices", OPERATOR_TOKEN, device("000b82c00003", "169.254.169.254", ""));
            e.send("PUT", "/devices/000b82c00003/credentials", OPERATOR_TOKEN, "{\"username\":\"admin\",\"password\":\"x\"}");
            assertEquals("address_refused", e.json(e.send("GET", "/devices/000b82c00003/status", VIEWER_TOKEN, null))
                    .get("failure").asText());
        }
    }
}
