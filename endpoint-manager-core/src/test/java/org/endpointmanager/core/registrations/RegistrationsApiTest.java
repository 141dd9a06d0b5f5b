package org.endpointmanager.core.registrations;

import org.endpointmanager.testkit.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.host.Registration;
import org.endpointmanager.core.EndpointManager;
import org.endpointmanager.core.config.ConfigLoader;
import org.endpointmanager.core.http.Json;
import org.endpointmanager.core.store.DeviceRecord;
import org.endpointmanager.core.store.LineRecord;
import org.endpointmanager.core.store.SiteRecord;
import org.endpointmanager.core.vendor.VendorRegistry;
import org.endpointmanager.testkit.TestingHostContext;
import org.endpointmanager.testkit.fixture.ExampleVendorPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real engine on a random port, fed by the testing host's registration feed, on a hand-moved clock. */
class RegistrationsApiTest {

    private static final Instant T0 = Instant.parse("2026-03-26T08:00:00Z");
    private static final Set<String> SEED_003_KEYS = Set.of("id", "extensionNumber", "extensionName", "deviceType",
            "manufacturer", "model", "macAddress", "ipAddress", "registered", "lastRegistered", "userAgent");

    @TempDir
    Path root;

    private final MutableClock clock = new MutableClock(T0);
    private final HttpClient http = HttpClient.newHttpClient();
    private TestingHostContext host;
    private EndpointManager engine;

    @BeforeEach
    void start() {
        host = new TestingHostContext(root);
        VendorRegistry vendors = new VendorRegistry();
        vendors.install(new ExampleVendorPlugin());
        engine = EndpointManager.create(ConfigLoader.parse("""
                provision_url_base = "http://127.0.0.1:8080/provision"
                [http]
                bind = "127.0.0.1"
                port = 0
                """, "test.toml"), host, vendors, clock);
        engine.start();
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private JsonNode get(String path, String token, int expectedStatus) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + engine.port() + path)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(expectedStatus, r.statusCode(), r.body());
        return Json.mapper().readTree(r.body());
    }

    private DeviceRecord device(String mac, String extension, Optional<String> ip) {
        LineRecord line = new LineRecord(1, Optional.of(extension), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
        return engine.database().devices().insert(new DeviceRecord(java.util.UUID.randomUUID().toString(),
                MacAddress.parse(mac), "example", "EP100", "desk", SiteRecord.DEFAULT_ID, Optional.empty(), ip, "{}", "",
                List.of(line), T0, T0));
    }

    private Registration reg(String ext, String contact, String ip, String transport, String ua, Duration ttl) {
        return new Registration(ext, contact, ip, 5060, transport, Optional.ofNullable(ua), clock.instant(),
                clock.instant().plus(ttl));
    }

    private JsonNode stats() throws Exception {
        return get("/console/endpoint-manager/registrations/stats", TestingHostContext.VIEWER_TOKEN, 200).get("stats");
    }

    private static Map<String, Integer> counts(JsonNode stats) {
        JsonNode t = stats.get("byType");
        return Map.of("total", stats.get("totalPhones").asInt(), "registered", stats.get("registered").asInt(),
                "unregistered", stats.get("unregistered").asInt(), "hardware", t.get("hardware").asInt(),
                "softphone", t.get("softphone").asInt(), "webrtc", t.get("webrtc").asInt(), "mobile", t.get("mobile").asInt());
    }

    @Test
    void listAndStatsFollowRegistrationsAndExpireWithTheTtl() throws Exception {
        DeviceRecord byMac = device("02e3a1000001", "1001", Optional.empty());
        DeviceRecord idle = device("02e3a1000002", "1003", Optional.empty());
        DeviceRecord byIp = device("02e3a1000003", "1002", Optional.of("192.0.2.30"));

        host.register(reg("1001", "sip:1001@192.0.2.20:5062", "192.0.2.20", "udp",
                "ExamplePhone EP100 1.0.1 02e3a1000001", Duration.ofHours(1)));
        host.register(reg("1002", "sip:1002@192.0.2.30:5060", "192.0.2.30", "udp", "Generic Phone 1.0", Duration.ofHours(1)));
        host.register(reg("1002", "sip:abc@df7jal23ls0d.invalid;transport=ws", "203.0.113.50", "wss", "JsSIP/3.10.0",
                Duration.ofHours(1)));
        host.register(reg("1003", "sip:1003@198.51.100.7:52000", "198.51.100.7", "udp", "Zoiper rv2.10.20.3",
                Duration.ofSeconds(30)));
        host.register(reg("1003", "sip:1003@198.51.100.8:5060", "198.51.100.8", "tls",
                "Groundwire/5.8.2 (build 1234; iOS 16.1.1)", Duration.ofSeconds(30)));

        get("/console/endpoint-manager/registrations", null, 401);
        JsonNode phones = get("/console/endpoint-manager/registrations", TestingHostContext.VIEWER_TOKEN, 200).get("phones");
        assertEquals(1, get("/console/endpoint-manager/registrations", TestingHostContext.VIEWER_TOKEN, 200).size(),
                "the body is {\"phones\": [...]} and nothing else");
        assertEquals(6, phones.size(), phones.toString());
        for (JsonNode p : phones) {
            Set<String> keys = new TreeSet<>();
            p.fieldNames().forEachRemaining(keys::add);
            assertTrue(SEED_003_KEYS.containsAll(keys), "only seed 003's keys: " + keys);
        }
        JsonNode first = find(phones, byMac.id());
        assertEquals("1001", first.get("extensionNumber").asText());
        assertEquals("Alice Example", first.get("extensionName").asText());
        assertEquals("hardware", first.get("deviceType").asText());
        assertEquals("ExamplePhone", first.get("manufacturer").asText());
        assertEquals("EP100", first.get("model").asText());
        assertEquals("02:E3:A1:00:00:01", first.get("macAddress").asText());
        assertEquals("192.0.2.20", first.get("ipAddress").asText());
        assertTrue(first.get("registered").asBoolean());
        assertEquals("2026-03-26T08:00:00Z", first.get("lastRegistered").asText());
        assertEquals("ExamplePhone EP100 1.0.1 02e3a1000001", first.get("userAgent").asText());

        JsonNode notRegistered = find(phones, idle.id());
        assertFalse(notRegistered.get("registered").asBoolean());
        assertEquals("1003", notRegistered.get("extensionNumber").asText(), "an idle device shows its line 1 extension");
        assertFalse(notRegistered.has("lastRegistered"));
        assertTrue(find(phones, byIp.id()).get("registered").asBoolean(), "matched by line 1 extension and source address");

        JsonNode webrtc = byUserAgent(phones, "JsSIP/3.10.0");
        assertEquals("webrtc", webrtc.get("deviceType").asText());
        assertEquals("203.0.113.50", webrtc.get("ipAddress").asText());
        assertFalse(webrtc.has("macAddress"), "as in seed 003, an unknown MAC is left out");
        assertEquals("softphone", byUserAgent(phones, "Zoiper rv2.10.20.3").get("deviceType").asText());
        assertEquals("mobile", byUserAgent(phones, "Groundwire/5.8.2 (build 1234; iOS 16.1.1)").get("deviceType").asText());

        assertEquals(Map.of("total", 6, "registered", 5, "unregistered", 1, "hardware", 3, "softphone", 1, "webrtc", 1,
                "mobile", 1), counts(stats()));

        clock.advance(Duration.ofSeconds(31));
        assertEquals(Map.of("total", 4, "registered", 3, "unregistered", 1, "hardware", 3, "softphone", 0, "webrtc", 1,
                "mobile", 0), counts(stats()), "bindings past their TTL are gone without an unregister event");

        host.unregister("1001", "sip:1001@192.0.2.20:5062");
        assertEquals(Map.of("total", 4, "registered", 2, "unregistered", 2, "hardware", 3, "softphone", 0, "webrtc", 1,
                "mobile", 0), counts(stats()));
        JsonNode gone = find(get("/console/endpoint-manager/registrations", TestingHostContext.VIEWER_TOKEN, 200)
                .get("phones"), byMac.id());
        assertFalse(gone.get("registered").asBoolean());
        assertEquals("2026-03-26T08:00:00Z", gone.get("lastRegistered").asText(), "the last registration stays visible");

        clock.advance(Duration.ofMinutes(1));
        host.register(reg("1001", "sip:1001@192.0.2.20:5062", "192.0.2.20", "udp",
                "ExamplePhone EP100 1.0.1 02e3a1000001", Duration.ofHours(1)));
        JsonNode again = find(get("/console/endpoint-manager/registrations", TestingHostContext.VIEWER_TOKEN, 200)
                .get("phones"), byMac.id());
        assertTrue(again.get("registered").asBoolean());
        assertEquals("2026-03-26T08:01:31Z", again.get("lastRegistered").asText());
    }

    @Test
    void anUnprovisionedHardwarePhoneIsReportedForDiscovery() {
        List<SeenPhone> seen = new ArrayList<>();
        engine.registrations().onUnknownPhone(seen::add);
        device("02e3a1000001", "1001", Optional.empty());

        host.register(reg("1001", "sip:1001@192.0.2.20", "192.0.2.20", "udp", "ExamplePhone EP100 1.0.1 02e3a1000001",
                Duration.ofHours(1)));
        host.register(reg("1002", "sip:1002@192.0.2.21", "192.0.2.21", "udp", "ExamplePhone EP200 1.0.1 02e3a10000ff",
                Duration.ofHours(1)));
        host.register(reg("1003", "sip:1003@192.0.2.22", "192.0.2.22", "udp", "Zoiper rv2.10.20.3", Duration.ofHours(1)));

        assertEquals(List.of(new SeenPhone(MacAddress.parse("02e3a10000ff"), "example", Optional.of("EP200"), "192.0.2.21",
                "ExamplePhone EP200 1.0.1 02e3a10000ff", "1002")), seen);
    }

    @Test
    void hostileRegistrationsAreIgnoredWithoutBreakingTheFeed() throws Exception {
        host.register(reg("1001", "sip:" + "x".repeat(5000) + "@h", "192.0.2.20", "udp", "Zoiper", Duration.ofHours(1)));
        host.register(reg("1001\r\nX: y", "sip:a@h", "192.0.2.20", "udp", "Zoiper", Duration.ofHours(1)));
        host.register(reg("1002", "sip:1002@h", "192.0.2.20", "carrier-pigeon", "Zoiper\r\nInjected: yes",
                Duration.ofHours(1)));
        JsonNode phones = get("/console/endpoint-manager/registrations", TestingHostContext.VIEWER_TOKEN, 200).get("phones");
        assertEquals(1, phones.size(), phones.toString());
        assertEquals("ZoiperInjected: yes", phones.get(0).get("userAgent").asText());
    }

    private static JsonNode find(JsonNode phones, String id) {
        for (JsonNode p : phones) {
            if (p.get("id").asText().equals(id)) {
                return p;
            }
        }
        throw new AssertionError("no phone " + id + " in " + phones);
    }

    private static JsonNode byUserAgent(JsonNode phones, String ua) {
        for (JsonNode p : phones) {
            if (p.has("userAgent") && p.get("userAgent").asText().equals(ua)) {
                return p;
            }
        }
        throw new AssertionError("no phone with " + ua + " in " + phones);
    }
}
