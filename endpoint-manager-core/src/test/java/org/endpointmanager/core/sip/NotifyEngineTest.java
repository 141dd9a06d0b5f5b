package org.endpointmanager.core.sip;

import static org.endpointmanager.testkit.TestingHostContext.ADMIN_TOKEN;
import static org.endpointmanager.testkit.TestingHostContext.OPERATOR_TOKEN;
import static org.endpointmanager.testkit.TestingHostContext.VIEWER_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.Secret;
import org.endpointmanager.api.host.Registration;
import org.endpointmanager.core.EndpointManager;
import org.endpointmanager.core.config.ConfigLoader;
import org.endpointmanager.core.http.Json;
import org.endpointmanager.core.store.DeviceRecord;
import org.endpointmanager.core.store.FetchRecord;
import org.endpointmanager.core.store.LineRecord;
import org.endpointmanager.core.vendor.VendorRegistry;
import org.endpointmanager.testkit.TestingHostContext;
import org.endpointmanager.testkit.fixture.ExampleVendorPlugin;
import org.endpointmanager.testkit.sip.PeakGauge;
import org.endpointmanager.testkit.sip.ScriptedPhone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resync and reboot through the console API of a real engine (SQLite, HTTP on a random port, own
 * SIP stack on loopback with T1 = 50 ms) against scripted phones.
 */
class NotifyEngineTest {

    private static final String BASE = "/console/endpoint-manager";
    private static final long T1 = 50;

    @TempDir
    Path root;

    private TestingHostContext host;
    private EndpointManager engine;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<ScriptedPhone> phones = new ArrayList<>();

    @BeforeEach
    void start() {
        host = new TestingHostContext(root);
        VendorRegistry vendors = new VendorRegistry();
        vendors.install(new ExampleVendorPlugin());
        vendors.install(new StubVendor());
        engine = EndpointManager.create(ConfigLoader.parse("""
                provision_url_base = "http://127.0.0.1:8080/provision"
                [http]
                bind = "127.0.0.1"
                port = 0
                [sip]
                bind = "127.0.0.1"
                port = 0
                t1_ms = %d
                """.formatted(T1), "test.toml"), host, vendors, Clock.systemUTC());
        engine.start();
    }

    @AfterEach
    void stop() {
        engine.close();
        phones.forEach(ScriptedPhone::close);
    }

    private ScriptedPhone phone(ScriptedPhone.Behaviour behaviour) throws Exception {
        ScriptedPhone p = ScriptedPhone.start(behaviour);
        phones.add(p);
        return p;
    }

    private DeviceRecord device(String mac, String vendor, Optional<String> ip, LineRecord... lines) {
        Instant now = Instant.now();
        return engine.database().devices().insert(new DeviceRecord(UUID.randomUUID().toString(), MacAddress.parse(mac),
                vendor, "", "", "default", Optional.empty(), ip, "{}", "", List.of(lines), now, now));
    }

    private static LineRecord extensionLine(String ext) {
        return new LineRecord(1, Optional.of(ext), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    private static LineRecord userLine(String user, String password) {
        return new LineRecord(1, Optional.empty(), Optional.of(user), Optional.of(Secret.of(password)), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    private void register(String user, ScriptedPhone phone, Optional<String> userAgent) {
        Instant now = Instant.now();
        host.register(new Registration(user, phone.contact(user), "127.0.0.1", phone.port(), "udp", userAgent, now,
                now.plusSeconds(3600)));
    }

    private HttpResponse<String> post(String path, String token, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + engine.port() + BASE + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String path, String token) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + engine.port() + BASE + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return Json.mapper().readTree(r.body());
    }

    private JsonNode finished(String jobId) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode job = get("/jobs/" + jobId, VIEWER_TOKEN);
        while (job.get("finished_at").isNull() && System.nanoTime() < end) {
            Thread.sleep(50);
            job = get("/jobs/" + jobId, VIEWER_TOKEN);
        }
        return job;
    }

    private JsonNode item(HttpResponse<String> response) throws Exception {
        JsonNode job = Json.mapper().readTree(response.body());
        assertEquals(1, job.get("items").size(), response.body());
        return job.get("items").get(0);
    }

    @Test
    void challengedRebootIsRetriedWithLineCredentialsAndReported200WithTheVendorsEvent() throws Exception {
        ScriptedPhone phone = phone(new ScriptedPhone.Challenge("1001", "pw-1001-secret"));
        device("80:5e:c0:00:00:01", "stub", Optional.empty(), extensionLine("1001"));
        register("1001", phone, Optional.empty());

        HttpResponse<String> r = post("/devices/805EC0000001/reboot?wait=true", OPERATOR_TOKEN, "");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode item = item(r);
        assertEquals("ok", item.get("status").asText());
        assertEquals("200 OK", item.get("detail").asText());
        assertTrue(item.get("applied_at").isNull());
        List<ScriptedPhone.Received> got = phone.received();
        assertEquals(2, got.size());
        assertEquals("stub-reboot;now=1", got.get(1).event());
        assertEquals(phone.contact("1001"), got.get(1).request().requestUri());

        // A fetch after the 2xx marks the NOTIFY applied.
        String jobId = Json.mapper().readTree(r.body()).get("id").asText();
        engine.database().fetches().record(new FetchRecord(UUID.randomUUID().toString(),
                MacAddress.parse("80:5e:c0:00:00:01"), Instant.now().plusMillis(5), "127.0.0.1", Optional.empty(),
                "stub-805ec0000001.cfg", "0".repeat(64), Optional.empty(), "http"));
        JsonNode job = get("/jobs/" + jobId, VIEWER_TOKEN);
        assertFalse(job.get("items").get(0).get("applied_at").isNull(), job.toString());

        JsonNode audit = get("/audit?action=device.reboot", ADMIN_TOKEN);
        assertEquals(1, audit.get("entries").size());
        assertEquals("80:5e:c0:00:00:01", audit.get("entries").get(0).get("target").asText());
    }

    @Test
    void aPhoneBehindNatIsReachedWhereItsRegisterCameFrom() throws Exception {
        // The Contact names an address and port where nothing listens (the phone's private side);
        // the REGISTER came from the phone's real port, as it does through a NAT.
        ScriptedPhone phone = phone(new ScriptedPhone.Challenge("1001", "pw-1001-secret"));
        int deadPort;
        try (java.net.DatagramSocket probe = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            deadPort = probe.getLocalPort();
        }
        String contact = "sip:1001@127.0.0.1:" + deadPort;
        device("80:5e:c0:00:00:07", "stub", Optional.empty(), extensionLine("1001"));
        Instant now = Instant.now();
        host.register(new Registration("1001", contact, "127.0.0.1", phone.port(), "udp", Optional.empty(), now,
                now.plusSeconds(3600)));

        HttpResponse<String> r = post("/devices/805EC0000007/reboot?wait=true", OPERATOR_TOKEN, "");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("200 OK", item(r).get("detail").asText(), "challenged and answered, both at the source port");
        List<ScriptedPhone.Received> got = phone.received();
        assertEquals(2, got.size());
        assertEquals(contact, got.get(1).request().requestUri(), "the Request-URI stays the registered Contact");
        assertTrue(got.get(1).authorized());
    }

    @Test
    void resyncUsesTheResyncEvent() throws Exception {
        ScriptedPhone phone = phone(ScriptedPhone.ok());
        device("80:5e:c0:00:00:02", "stub", Optional.empty(), userLine("alice", "pw"));
        register("alice", phone, Optional.empty());
        HttpResponse<String> r = post("/devices/80-5e-c0-00-00-02/resync?wait=true", OPERATOR_TOKEN, "");
        assertEquals("200 OK", item(r).get("detail").asText());
        assertEquals("stub-resync", phone.received().get(0).event());
    }

    @Test
    void silentPhoneIsReportedAsTimeout() throws Exception {
        ScriptedPhone phone = phone(new ScriptedPhone.Silent());
        device("80:5e:c0:00:00:03", "example", Optional.empty(), extensionLine("1002"));
        register("1002", phone, Optional.empty());
        HttpResponse<String> r = post("/devices/805ec0000003/reboot?wait=true", OPERATOR_TOKEN, "");
        JsonNode item = item(r);
        assertEquals("failed", item.get("status").asText());
        assertTrue(item.get("detail").asText().startsWith("timeout after "), item.toString());
        assertEquals("check-sync;reboot=true", phone.received().get(0).event());
    }

    @Test
    void busyPhoneIsReportedWithItsCode() throws Exception {
        ScriptedPhone phone = phone(ScriptedPhone.status(481, "Subscription Does Not Exist"));
        device("80:5e:c0:00:00:04", "example", Optional.empty(), extensionLine("1002"));
        register("1002", phone, Optional.empty());
        JsonNode item = item(post("/devices/805ec0000004/reboot?wait=true", OPERATOR_TOKEN, ""));
        assertEquals("481 Subscription Does Not Exist", item.get("detail").asText());
        assertEquals("failed", item.get("status").asText());
    }

    @Test
    void ambiguousContactsAreRefusedUnlessOneCarriesTheMac() throws Exception {
        ScriptedPhone a = phone(ScriptedPhone.ok());
        ScriptedPhone b = phone(ScriptedPhone.ok());
        device("80:5e:c0:00:00:05", "example", Optional.empty(), extensionLine("1003"));
        register("1003", a, Optional.of("Yealink SIP-T46U 108.86.0.20 aa:bb:cc:dd:ee:ff"));
        register("1003", b, Optional.of("Yealink SIP-T46U 108.86.0.20"));
        JsonNode item = item(post("/devices/805ec0000005/reboot?wait=true", OPERATOR_TOKEN, ""));
        assertEquals("refused: ambiguous: 2 contacts for 1003, none matches the device's MAC or address",
                item.get("detail").asText());
        assertEquals(0, a.received().size() + b.received().size());

        register("1003", b, Optional.of("Yealink SIP-T46U 108.86.0.20 80:5e:c0:00:00:05"));
        item = item(post("/devices/805ec0000005/reboot?wait=true", OPERATOR_TOKEN, ""));
        assertEquals("200 OK", item.get("detail").asText());
        assertEquals(0, a.received().size());
        assertEquals(1, b.received().size());
    }

    @Test
    void sharedAccountIsRefused() throws Exception {
        ScriptedPhone phone = phone(ScriptedPhone.ok());
        device("80:5e:c0:00:00:06", "example", Optional.empty(), extensionLine("1001"));
        device("80:5e:c0:00:00:07", "example", Optional.empty(), extensionLine("1001"));
        register("1001", phone, Optional.empty());
        JsonNode item = item(post("/devices/805ec0000006/resync?wait=true", OPERATOR_TOKEN, ""));
        assertTrue(item.get("detail").asText().startsWith("refused: shared account: SIP user 1001 is used by 2 devices"),
                item.toString());
        assertEquals(0, phone.received().size());
    }

    @Test
    void deviceWithoutAnyAddressIsNoAddress() throws Exception {
        device("80:5e:c0:00:00:08", "example", Optional.empty());
        JsonNode item = item(post("/devices/805ec0000008/reboot?wait=true", OPERATOR_TOKEN, ""));
        assertEquals("no address", item.get("detail").asText());
        assertEquals(404, post("/devices/805ec0000099/reboot", OPERATOR_TOKEN, "").statusCode());
    }

    @Test
    void rolesAreEnforced() throws Exception {
        device("80:5e:c0:00:00:09", "example", Optional.empty());
        assertEquals(403, post("/devices/805ec0000009/reboot", VIEWER_TOKEN, "").statusCode());
        assertEquals(403, post("/devices/805ec0000009/resync", VIEWER_TOKEN, "").statusCode());
        String body = "{\"phone_ids\": [\"805ec0000009\"]}";
        assertEquals(403, post("/fleet/bulk/reboot", OPERATOR_TOKEN, body).statusCode());
        assertEquals(403, post("/fleet/bulk/resync", OPERATOR_TOKEN, body).statusCode());
        HttpResponse<String> ok = post("/fleet/bulk/reboot", ADMIN_TOKEN, body);
        assertEquals(202, ok.statusCode(), ok.body());
        JsonNode job = finished(Json.mapper().readTree(ok.body()).get("id").asText());
        // the bulk reboot names the way taken: this vendor has no HTTP driver, so SIP NOTIFY
        assertEquals("via sip: no address", job.get("items").get(0).get("detail").asText());
        assertEquals(400, post("/fleet/bulk/reboot", ADMIN_TOKEN, "{\"phone_ids\": []}").statusCode());
        assertEquals(400, post("/fleet/bulk/reboot", ADMIN_TOKEN, "{\"phone_ids\": [\"a\"], \"x\": 1}").statusCode());
    }

    @Test
    void bulkRebootOf200PhonesStaysWithinConcurrencyAndReportsEachPhone() throws Exception {
        int count = 200;
        int concurrency = 8;
        PeakGauge gauge = new PeakGauge();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ScriptedPhone p = ScriptedPhone.start(ScriptedPhone.okAfter(Duration.ofMillis(30)), gauge);
            phones.add(p);
            String mac = String.format("80:5e:c0:10:%02x:%02x", i / 256, i % 256);
            DeviceRecord d = device(mac, "example", Optional.empty(), userLine("user" + i, "pw" + i));
            register("user" + i, p, Optional.empty());
            // Half by id, half by a MAC in another spelling.
            ids.add(i % 2 == 0 ? d.id() : mac.replace(":", "").toUpperCase());
        }
        ids.add("no-such-phone");
        HttpResponse<String> r = post("/fleet/bulk/reboot", ADMIN_TOKEN, Json.write(Json.object()
                .put("concurrency", concurrency).set("phone_ids", Json.mapper().valueToTree(ids))));
        assertEquals(202, r.statusCode(), r.body());
        JsonNode job = finished(Json.mapper().readTree(r.body()).get("id").asText());
        assertEquals("done", job.get("status").asText(), job.toString());
        assertEquals(count + 1, job.get("items").size());
        assertEquals(count, job.get("succeeded").asInt(), job.toString());
        assertEquals(1, job.get("failed").asInt());
        Set<String> targets = new HashSet<>();
        for (JsonNode item : job.get("items")) {
            targets.add(item.get("target").asText());
            if (item.get("target").asText().equals("no-such-phone")) {
                assertEquals("unknown device", item.get("detail").asText());
            } else {
                assertEquals("via sip: 200 OK", item.get("detail").asText(), item.toString());
            }
        }
        assertEquals(count + 1, targets.size());
        for (ScriptedPhone p : phones) {
            assertEquals(1, p.received().size());
        }
        assertTrue(gauge.peak() <= concurrency, "peak in flight " + gauge.peak());
        assertTrue(gauge.peak() >= 2, "the job ran one phone at a time: peak " + gauge.peak());
    }
}
