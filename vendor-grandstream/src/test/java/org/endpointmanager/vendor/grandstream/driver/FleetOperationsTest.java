package org.endpointmanager.vendor.grandstream.driver;

import static org.endpointmanager.testkit.TestingHostContext.ADMIN_TOKEN;
import static org.endpointmanager.testkit.TestingHostContext.OPERATOR_TOKEN;
import static org.endpointmanager.testkit.TestingHostContext.VIEWER_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.endpointmanager.core.firmware.FirmwareRecord;
import org.endpointmanager.core.firmware.FirmwareUpload;
import org.endpointmanager.testkit.grandstream.GrandstreamSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 000's fleet operations through a real engine: bulk reboot (HTTP driver where possible, else
 * NOTIFY), firmware push by target version counted done only when a status poll shows it, and the
 * role gates of viewer, operator and site_admin.
 */
class FleetOperationsTest {

    private static final String MAC_A = "000b82a00001";
    private static final String MAC_B = "000b82b00002";
    private static final String MAC_C = "000b82c00003";

    @TempDir
    Path root;

    private static String device(String mac, String model, Optional<String> ip) {
        return """
                {"mac":"%s","vendor":"grandstream","model":"%s","label":"Desk"%s,
                 "username":"u%s","password":"Sip-Secret-1001","server":"203.0.113.10:5060"}"""
                .formatted(mac, model, ip.map(a -> ",\"ip_address\":\"" + a + "\"").orElse(""), mac);
    }

    private static String credentials(GrandstreamSimulator sim) {
        return "{\"username\":\"admin\",\"password\":\"admin123\",\"port\":" + sim.port() + "}";
    }

    private static Map<String, JsonNode> itemsByTarget(JsonNode job) {
        Map<String, JsonNode> out = new HashMap<>();
        job.get("items").forEach(i -> out.put(i.get("target").asText(), i));
        return out;
    }

    private static FirmwareRecord upload(ControlEngine e, String model, String version) throws Exception {
        var staged = e.engine.firmware().stage("gxp2170fw.bin", new ByteArrayInputStream(
                ("image " + version).getBytes(StandardCharsets.US_ASCII)));
        return e.engine.firmware().add(new FirmwareUpload("grandstream", Optional.of(model), version, Optional.empty(), ""),
                staged);
    }

    @Test
    void bulkRebootUsesTheDriverWhereThePhoneHasCredentialsElseNotify() throws Exception {
        // T1 50 ms: the NOTIFY nobody answers below ends after 3.2 s
        try (ControlEngine e = new ControlEngine(root, true, "[sip]\nbind = \"127.0.0.1\"\nport = 0\nt1_ms = 50\n");
                GrandstreamSimulator a = GrandstreamSimulator.start("127.0.0.2", GrandstreamSimulator.Options.gxp2170(MAC_A))) {
            assertEquals(201, e.send("POST", "/devices", OPERATOR_TOKEN, device(MAC_A, "GXP2170", Optional.of("127.0.0.2")))
                    .statusCode());
            assertEquals(201, e.send("POST", "/devices", OPERATOR_TOKEN, device(MAC_B, "GXP2170", Optional.empty()))
                    .statusCode());
            e.send("PUT", "/devices/" + MAC_A + "/credentials", OPERATOR_TOKEN, credentials(a));

            JsonNode devices = e.json(e.send("GET", "/devices", VIEWER_TOKEN, null));
            for (JsonNode d : devices.get("devices")) {
                boolean isA = d.get("mac").asText().equals("00:0b:82:a0:00:01");
                assertEquals(isA, d.get("credentials_set").asBoolean(), d.toString());
                assertFalse(d.get("credentials_refused").asBoolean());
                assertFalse(d.toString().contains("admin123"));
            }

            String body = "{\"phone_ids\":[\"" + MAC_A + "\",\"00-0B-82-B0-00-02\",\"no-such-phone\"],\"concurrency\":2}";
            assertEquals(403, e.send("POST", "/fleet/bulk/reboot", OPERATOR_TOKEN, body).statusCode());
            HttpResponse<String> started = e.send("POST", "/fleet/bulk/reboot", ADMIN_TOKEN, body);
            assertEquals(202, started.statusCode(), started.body());
            JsonNode job = e.awaitJob(e.json(started).get("id").asText(), VIEWER_TOKEN);
            assertEquals(3, job.get("items").size(), "one job, one item per phone");
            Map<String, JsonNode> items = itemsByTarget(job);
            JsonNode viaHttp = items.get("00:0b:82:a0:00:01");
            assertEquals("ok", viaHttp.get("status").asText(), viaHttp.toString());
            assertTrue(viaHttp.get("detail").asText().startsWith("via http: "), viaHttp.toString());
            assertEquals(1, a.reboots());
            JsonNode viaSip = items.get("00:0b:82:b0:00:02");
            assertEquals("via sip: no address", viaSip.get("detail").asText(), "no credentials: NOTIFY, which has no address");
            assertEquals("unknown device", items.get("no-such-phone").get("detail").asText());

            // refused credentials are not tried again: the phone falls back to NOTIFY
            e.send("PUT", "/devices/" + MAC_A + "/credentials", OPERATOR_TOKEN,
                    "{\"username\":\"admin\",\"password\":\"wrong\",\"port\":" + a.port() + "}");
            e.send("GET", "/devices/" + MAC_A + "/status", VIEWER_TOKEN, null);
            assertEquals(1, a.failedLogins());
            JsonNode refusedDevice = e.json(e.send("GET", "/devices/" + MAC_A, VIEWER_TOKEN, null));
            assertTrue(refusedDevice.get("credentials_refused").asBoolean(), refusedDevice.toString());
            JsonNode again = e.awaitJob(e.json(e.send("POST", "/fleet/bulk/reboot", ADMIN_TOKEN,
                    "{\"phone_ids\":[\"" + MAC_A + "\"]}")).get("id").asText(), VIEWER_TOKEN);
            assertTrue(again.get("items").get(0).get("detail").asText().startsWith("via sip: "), again.toString());
            assertEquals(1, a.failedLogins(), "no second login with refused credentials");
            assertEquals(1, a.reboots());
        }
    }

    @Test
    void firmwarePushIsDoneOnlyWhenAStatusPollShowsTheTargetVersion() throws Exception {
        try (ControlEngine e = new ControlEngine(root, true);
                GrandstreamSimulator a = GrandstreamSimulator.start("127.0.0.2", GrandstreamSimulator.Options.gxp2170(MAC_A));
                GrandstreamSimulator b = GrandstreamSimulator.start("127.0.0.3", GrandstreamSimulator.Options.gxp2170(MAC_B))) {
            e.send("POST", "/devices", OPERATOR_TOKEN, device(MAC_A, "GXP2170", Optional.of("127.0.0.2")));
            e.send("POST", "/devices", OPERATOR_TOKEN, device(MAC_B, "GXP2170", Optional.of("127.0.0.3")));
            e.send("POST", "/devices", OPERATOR_TOKEN, device(MAC_C, "GXP1625", Optional.of("127.0.0.4")));
            e.send("PUT", "/devices/" + MAC_A + "/credentials", OPERATOR_TOKEN, credentials(a));
            e.send("PUT", "/devices/" + MAC_B + "/credentials", OPERATOR_TOKEN, credentials(b));
            upload(e, "GXP2170", "1.0.11.16");
            FirmwareRecord target = upload(e, "GXP2170", "1.0.11.23");
            a.offerFirmware("1.0.11.23");

            String body = "{\"phone_ids\":[\"" + MAC_A + "\",\"" + MAC_B + "\",\"" + MAC_C + "\"],"
                    + "\"target_version\":\"1.0.11.23\",\"deadline_seconds\":1}";
            assertEquals(403, e.send("POST", "/fleet/bulk/firmware", VIEWER_TOKEN, body).statusCode());
            assertEquals(403, e.send("POST", "/fleet/bulk/firmware", OPERATOR_TOKEN, body).statusCode());
            assertEquals(400, e.send("POST", "/fleet/bulk/firmware", ADMIN_TOKEN,
                    "{\"phone_ids\":[\"" + MAC_A + "\"]}").statusCode(), "target_version is required");
            HttpResponse<String> started = e.send("POST", "/fleet/bulk/firmware", ADMIN_TOKEN, body);
            assertEquals(202, started.statusCode(), started.body());
            String jobId = e.json(started).get("id").asText();
            Map<String, JsonNode> items = itemsByTarget(e.awaitJob(jobId, VIEWER_TOKEN));

            JsonNode done = items.get("00:0b:82:a0:00:01");
            assertEquals("ok", done.get("status").asText(), done.toString());
            assertTrue(done.get("detail").asText().contains("shows 1.0.11.23"), done.toString());
            assertEquals("1.0.11.23", a.firmware());
            assertTrue(a.pvalue("P192").orElseThrow().contains("firmware/" + target.id()), "the target row's URL was pushed");

            JsonNode timeout = items.get("00:0b:82:b0:00:02");
            assertEquals("failed", timeout.get("status").asText());
            assertTrue(timeout.get("detail").asText().contains("timeout:"), timeout.toString());
            assertTrue(timeout.get("detail").asText().contains("1.0.11.16"), "says what the phone still reports");
            assertEquals(1, b.provisions(), "the phone was told to upgrade, but never showed the version");

            JsonNode none = items.get("00:0b:82:c0:00:03");
            assertTrue(none.get("detail").asText().startsWith("no_firmware:"), none.toString());
            assertTrue(none.get("detail").asText().contains("GXP1625"));

            JsonNode history = e.json(e.send("GET", "/fleet/firmware-pushes", VIEWER_TOKEN, null)).get("pushes");
            Map<String, JsonNode> byMac = new HashMap<>();
            history.forEach(h -> byMac.put(h.get("mac").asText(), h));
            assertEquals("done", byMac.get("00:0b:82:a0:00:01").get("status").asText());
            assertEquals("timeout", byMac.get("00:0b:82:b0:00:02").get("status").asText());
            assertEquals(jobId, byMac.get("00:0b:82:a0:00:01").get("job_id").asText());
            assertEquals("1.0.11.23", byMac.get("00:0b:82:a0:00:01").get("target_version").asText());
            assertFalse(byMac.containsKey("00:0b:82:c0:00:03"), "nothing was pushed to a phone without a matching image");
            assertTrue(e.send("GET", "/audit", ADMIN_TOKEN, null).body().contains("fleet.bulk_firmware"));
        }
    }

    @Test
    void rolesGateConfigPushBulkRebootAndFirmware() throws Exception {
        try (ControlEngine e = new ControlEngine(root, true);
                GrandstreamSimulator a = GrandstreamSimulator.start("127.0.0.2", GrandstreamSimulator.Options.gxp2170(MAC_A))) {
            e.send("POST", "/devices", OPERATOR_TOKEN, device(MAC_A, "GXP2170", Optional.of("127.0.0.2")));
            e.send("PUT", "/devices/" + MAC_A + "/credentials", OPERATOR_TOKEN, credentials(a));
            String ids = "{\"phone_ids\":[\"" + MAC_A + "\"]";
            String firmware = ids + ",\"target_version\":\"9.9.9.9\",\"deadline_seconds\":1}";

            assertEquals(403, e.send("POST", "/devices/" + MAC_A + "/provision", VIEWER_TOKEN, "{}").statusCode());
            assertEquals(403, e.send("POST", "/devices/" + MAC_A + "/factory-reset", VIEWER_TOKEN, null).statusCode());
            assertEquals(403, e.send("POST", "/fleet/bulk/reboot", OPERATOR_TOKEN, ids + "}").statusCode());
            assertEquals(403, e.send("POST", "/fleet/bulk/firmware", OPERATOR_TOKEN, firmware).statusCode());
            assertEquals(403, e.send("POST", "/devices/" + MAC_A + "/firmware", OPERATOR_TOKEN,
                    "{\"firmware_url\":\"http://10.0.0.1/fw.bin\"}").statusCode());
            assertEquals(0, a.reboots() + a.provisions(), "nothing reached the phone");

            assertEquals(202, e.send("POST", "/devices/" + MAC_A + "/provision", OPERATOR_TOKEN, "{}").statusCode());
            assertEquals(202, e.send("POST", "/fleet/bulk/reboot", ADMIN_TOKEN, ids + "}").statusCode());
            assertEquals(202, e.send("POST", "/fleet/bulk/firmware", ADMIN_TOKEN, firmware).statusCode());
        }
    }
}
