package org.endpointmanager.core.pnp;

import static org.endpointmanager.testkit.TestingHostContext.OPERATOR_TOKEN;
import static org.endpointmanager.testkit.TestingHostContext.VIEWER_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.core.EndpointManager;
import org.endpointmanager.core.config.ConfigLoader;
import org.endpointmanager.core.config.EndpointManagerConfig;
import org.endpointmanager.core.http.Json;
import org.endpointmanager.core.store.DeviceRecord;
import org.endpointmanager.core.vendor.VendorRegistry;
import org.endpointmanager.testkit.TestingHostContext;
import org.endpointmanager.testkit.fixture.ExampleVendorPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The PnP packet path over real UDP on loopback (the listener bound to 127.0.0.1, so nothing is
 * multicast), against a real engine: SUBSCRIBE, 200 OK, NOTIFY with the URL, 404 until adopted,
 * Discovery, adoption, then the same URL serves the config.
 */
class PnpLoopbackTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    Path root;

    private EndpointManager engine;
    private PnpService service;
    private PnpListener listener;
    private UdpSender sender;
    private final List<MacAddress> adopted = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws Exception {
        String toml = """
                provision_url_base = "http://127.0.0.1:8080/provision"
                [http]
                bind = "127.0.0.1"
                port = 0
                """;
        VendorRegistry vendors = new VendorRegistry();
        vendors.install(new ExampleVendorPlugin());
        vendors.install(OuiVendorPlugin.yealink());
        vendors.install(OuiVendorPlugin.grandstream());
        vendors.install(OuiVendorPlugin.snom());
        engine = EndpointManager.create(ConfigLoader.parse(toml, "test.toml"), new TestingHostContext(root), vendors,
                Clock.systemUTC());
        engine.start();
        engine.onAdoption(adopted::add);
        settings("{\"pnp_enabled\": true, \"provision_url_base\": \"http://127.0.0.1:" + engine.port() + "/provision\"}");
        sender = new UdpSender(LOOPBACK);
        service = new PnpService(engine.vendors(), engine.settings()::current, List.of(),
                mac -> engine.database().devices().findByMac(mac).map(DeviceRecord::vendor), engine.discovery()::record,
                sender);
        listener = new PnpListener(service, LOOPBACK, 0, List.of());
        listener.start();
    }

    @AfterEach
    void stop() {
        listener.close();
        sender.close();
        engine.close();
    }

    private void settings(String json) {
        engine.settings().update((ObjectNode) Json.parseObject(json));
    }

    @ParameterizedTest
    @CsvSource({
        "MAC001565f4f9e1,    Yealink,     T46S,    66.86.0.15, /,              001565f4f9e1.cfg,    yealink",
        "MAC%3AC074AD112233, Grandstream, GXP2170, 1.0.11.3,   /,              cfgc074ad112233.xml, grandstream",
        "MAC%3a000413A11FA7, OEM,         D345,    10.1.54.13, /{mac}.xml,     '',                  snom",
    })
    void eachVendorGetsItsUrlThen404UntilAdoptedThenItsConfig(String macUser, String eventVendor, String model,
            String version, String urlSuffix, String bootFile, String vendor) throws Exception {
        String base = "http://127.0.0.1:" + engine.port() + "/provision";
        try (FakePhone phone = new FakePhone()) {
            phone.send(phone.subscribe(macUser, eventVendor, model, version, "c1"), listener.localPort());

            SipMessage ok = phone.receive();
            assertEquals("SIP/2.0 200 OK", ok.startLine());
            assertEquals("c1@phone", ok.first("call-id").orElseThrow());
            assertTrue(ok.first("to").orElseThrow().contains(";tag="), "the 200 OK tags the To");
            assertTrue(ok.first("via").orElseThrow().contains("branch=z9hG4bKc1"), "the Via is echoed");

            SipMessage notify = phone.receive();
            assertEquals("NOTIFY", notify.method().orElseThrow());
            assertEquals("sip:127.0.0.1:" + phone.port(), notify.requestUri().orElseThrow(), "sent to the Contact");
            assertEquals("ua-profile", notify.first("event").orElseThrow());
            assertEquals("terminated;reason=timeout", notify.first("subscription-state").orElseThrow());
            assertEquals("application/url", notify.first("content-type").orElseThrow());
            assertEquals("c1@phone", notify.first("call-id").orElseThrow(), "the NOTIFY is in the SUBSCRIBE's dialog");
            assertTrue(notify.first("to").orElseThrow().contains("tag=c1tag"));
            for (String h : List.of("via", "from", "to", "cseq", "contact", "max-forwards", "content-length")) {
                assertTrue(notify.first(h).isPresent(), h);
            }
            String url = new String(notify.body(), StandardCharsets.US_ASCII);
            assertEquals(base + urlSuffix, url);

            MacAddress mac = MacAddress.parse(macUser.replaceFirst("(?i)^MAC(%3A)?", ""));
            String fileUrl = url.contains("{mac}") ? url.replace("{mac}", mac.upper()) : url + bootFile;
            assertEquals(404, get(fileUrl, null).statusCode(), "not adopted yet");

            JsonNode found = Json.parseObject(get(uri("/console/endpoint-manager/discovery"), VIEWER_TOKEN).body());
            assertEquals(1, found.get("total").asInt());
            JsonNode row = found.get("discovered").get(0);
            assertEquals(mac.colons(), row.get("mac").asText());
            assertEquals(vendor, row.get("vendor").asText(), "the OUI decides the vendor");
            assertEquals(model, row.get("model").asText());
            assertEquals(version, row.get("firmware").asText());
            assertEquals("127.0.0.1", row.get("ip").asText());

            HttpResponse<String> adopt = post(uri("/console/endpoint-manager/discovery/" + mac.hex() + "/adopt"),
                    OPERATOR_TOKEN, "{\"extension\": \"1001\"}");
            assertEquals(201, adopt.statusCode(), adopt.body());
            assertEquals(List.of(mac), adopted, "the adoption hook (resync) is called");

            HttpResponse<String> config = get(fileUrl, null);
            assertEquals(200, config.statusCode());
            assertEquals(vendor + ".line1.user = 1001\n", config.body());
            assertEquals(0, Json.parseObject(get(uri("/console/endpoint-manager/discovery"), VIEWER_TOKEN).body())
                    .get("total").asInt(), "an adopted phone leaves Discovery");

            // An adopted device still gets its URL.
            phone.send(phone.subscribe(macUser, eventVendor, model, version, "c2"), listener.localPort());
            assertEquals("c2@phone", phone.receive().first("call-id").orElseThrow());
            assertEquals(url, new String(phone.receive().body(), StandardCharsets.US_ASCII));
            assertEquals(2, service.counters().answered());
        }
    }

    @Test
    void refusedSubscribesGetNothingAndTheNextGoodOneIsAnswered() throws Exception {
        settings("{\"mac_blacklist\": [\"00:15:65:00:00:01\"]}");
        try (FakePhone phone = new FakePhone()) {
            int port = listener.localPort();
            String self = "127.0.0.1:" + phone.port();
            phone.send(phone.subscribe("MAC001565000001", "Yealink", "T46S", "1", "black"), port);
            phone.send(FakePhone.subscribe("MAC001565000002", "Yealink", "T46S", "1", "via", "192.0.2.99:5060", self), port);
            phone.send(FakePhone.subscribe("MAC001565000003", "Yealink", "T46S", "1", "contact", self, "192.0.2.99:5060"), port);
            phone.send(phone.subscribe("MAC0a0b0c000004", "Yealink", "T46S", "1", "oui"), port);
            phone.send(phone.subscribe("MAC001565000005", "Grandstream", "T46S", "1", "claim"), port);
            phone.send(phone.subscribe("MAC001565000006", "Yealink", "T46S", "1", "good"), port);

            // The listener handles datagrams in order: anything answered before "good" would arrive first.
            SipMessage first = phone.receive();
            assertEquals("good@phone", first.first("call-id").orElseThrow());
            assertEquals(5, service.counters().refused());
            assertEquals(1, service.counters().answered());
            assertEquals(1, engine.discovery().count(), "only the answered phone is in Discovery");
        }
    }

    @Test
    void malformedAndOversizedPacketsAreCountedAndTheListenerGoesOn() throws Exception {
        try (FakePhone phone = new FakePhone()) {
            int port = listener.localPort();
            phone.send("hello", port);
            phone.send(new byte[SipParser.MAX_BYTES + 500], port);
            phone.send(phone.subscribe("MAC001565000007", "Yealink", "T46S", "1", "x").replace("Call-ID", "X-Call"), port);
            phone.send(phone.subscribe("MAC001565000008", "Yealink", "T46S", "1", "y")
                    .replace("To: <sip:MAC001565000008", "To: <sip:MAC001565000009"), port);
            phone.send(phone.subscribe("MAC001565000010", "Yealink", "T46S", "1", "z").replace("\r\n\r\n", "\r\n"), port);
            phone.send(phone.subscribe("MAC001565000011", "Yealink", "T46S", "1", "good"), port);

            assertEquals("good@phone", phone.receive().first("call-id").orElseThrow());
            PnpCounters c = service.counters();
            assertEquals(1, c.oversized());
            assertEquals(4, c.malformed());
            assertEquals(1, c.answered());
            assertEquals(0, c.errors());
        }
    }

    @Test
    void unknownPhoneAskingOverHttpIsRecordedWithItsSource() throws Exception {
        assertEquals(404, get(uri("/provision/c074ad000001"), null).statusCode());
        assertEquals(404, get(uri("/provision/cfgc074ad000002.xml"), null).statusCode());
        assertEquals(404, get(uri("/provision/0a0b0c000003"), null).statusCode());
        JsonNode found = Json.parseObject(get(uri("/console/endpoint-manager/discovery?limit=10"), VIEWER_TOKEN).body());
        assertEquals(2, found.get("total").asInt(), "only known OUIs are recorded");
        assertEquals("provisioning", found.get("discovered").get(0).get("source").asText());
        assertEquals("grandstream", found.get("discovered").get(0).get("vendor").asText());

        HttpResponse<String> dismissed = post(uri("/console/endpoint-manager/discovery/c0-74-ad-00-00-01/delete"),
                OPERATOR_TOKEN, "");
        assertEquals(200, dismissed.statusCode(), dismissed.body());
        assertEquals(403, post(uri("/console/endpoint-manager/discovery/c074ad000002/adopt"), VIEWER_TOKEN,
                "{\"extension\": \"1001\"}").statusCode());
        assertEquals(400, post(uri("/console/endpoint-manager/discovery/c074ad000002/adopt"), OPERATOR_TOKEN,
                "{\"extension\": \"1001\", \"vendor\": \"snom\"}").statusCode(), "unknown fields are refused");
        assertEquals(404, post(uri("/console/endpoint-manager/discovery/c074ad000001/adopt"), OPERATOR_TOKEN,
                "{\"extension\": \"1001\"}").statusCode(), "a dismissed phone cannot be adopted");
        assertEquals(1, engine.discovery().count());
        assertTrue(adopted.isEmpty());
    }

    @Test
    void theListenerRunsOnlyWhileTheTomlAndTheSettingBothSayOn() throws Exception {
        assertFalse(engine.pnp().running(), "[pnp] enabled is off in the TOML, whatever the setting says");
        var on = new EndpointManagerConfig.Pnp(true, "224.0.1.75", 0, List.of());
        try (UdpSender s = new UdpSender(LOOPBACK);
                PnpController controller = new PnpController(on, service, s, LOOPBACK)) {
            controller.start(engine.settings());
            assertTrue(controller.running());
            settings("{\"pnp_enabled\": false}");
            assertFalse(controller.running());
            settings("{\"pnp_enabled\": true}");
            assertTrue(controller.running());
            try (FakePhone phone = new FakePhone()) {
                phone.send(phone.subscribe("MAC001565000012", "Yealink", "T46S", "1", "ctl"), controller.port().orElseThrow());
                assertEquals("ctl@phone", phone.receive().first("call-id").orElseThrow());
            }
        }
    }

    private String uri(String path) {
        return "http://127.0.0.1:" + engine.port() + path;
    }

    private HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String token, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
