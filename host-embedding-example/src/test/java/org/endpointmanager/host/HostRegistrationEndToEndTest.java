package org.endpointmanager.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.endpointmanager.core.EndpointManagerAddon;
import org.endpointmanager.host.sip.SipTestPhone;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop on loopback: the host's registrar, the real add-on and the five vendors. A phone
 * provisioned through the console registers with digest auth and shows in /registrations; a
 * phone dials the star code and ends up bound.
 */
class HostRegistrationEndToEndTest {

    private static final String OPERATOR = "operator-token-0123456789";
    private static final String VIEWER = "viewer-token-0123456789ab";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path config;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void writeConfig() throws IOException {
        Files.writeString(config.resolve("proxy.toml"), """
                [proxy]
                addons = ["endpoint-manager"]
                [sip]
                bind = "127.0.0.1"
                port = 0
                [[extensions]]
                number = "1001"
                name = "Reception"
                password = "pw-1001-secret"
                pin = "4711"
                [[extensions]]
                number = "1002"
                name = "Sales"
                password = "pw-1002-secret"
                pin = "2580"
                [[extensions]]
                number = "1003"
                name = "Support"
                password = "pw-1003-secret"
                [[console.tokens]]
                token = "operator-token-0123456789"
                role = "operator"
                [[console.tokens]]
                token = "viewer-token-0123456789ab"
                role = "viewer"
                """);
        Files.writeString(config.resolve("endpoint_manager.toml"), """
                provision_url_base = "http://127.0.0.1:8080/provision"
                [http]
                bind = "127.0.0.1"
                port = 0
                [sip]
                bind = "127.0.0.1"
                port = 0
                t1_ms = 50
                """);
    }

    private static int httpPort(AddonHost host) {
        return host.addons().stream().filter(a -> a instanceof EndpointManagerAddon).map(a -> (EndpointManagerAddon) a)
                .findFirst().orElseThrow().engine().port();
    }

    private static int sipPort(AddonHost host) {
        return host.registrar().orElseThrow().port();
    }

    private HttpResponse<String> send(int port, String method, String path, String token, String body, String ua)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (ua != null) {
            b.header("User-Agent", ua);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode getJson(int port, String path) throws Exception {
        HttpResponse<String> r = send(port, "GET", path, VIEWER, null, null);
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static JsonNode phone(JsonNode list, String mac) {
        for (JsonNode p : list.get("phones")) {
            if (p.has("macAddress") && p.get("macAddress").asText().equals(mac)) {
                return p;
            }
        }
        throw new AssertionError("no phone " + mac + " in " + list);
    }

    private JsonNode device(int port, String mac) throws Exception {
        HttpResponse<String> r = send(port, "GET", "/console/endpoint-manager/devices", VIEWER, null, null);
        for (JsonNode d : JSON.readTree(r.body()).get("devices")) {
            if (d.get("mac").asText().equals(mac)) {
                return d;
            }
        }
        return null;
    }

    @Test
    void aProvisionedPhoneRegistersAndShowsInRegistrations() throws Exception {
        try (AddonHost host = AddonHost.start(config); SipTestPhone phone = new SipTestPhone(sipPort(host))) {
            int port = httpPort(host);
            HttpResponse<String> created = send(port, "POST", "/console/endpoint-manager/devices", OPERATOR,
                    "{\"mac\":\"80:5E:C0:12:34:56\",\"vendor\":\"yealink\",\"model\":\"T46S\",\"extension\":\"1001\"}", null);
            assertEquals(201, created.statusCode(), created.body());
            JsonNode before = getJson(port, "/console/endpoint-manager/registrations");
            assertFalse(phone(before, "80:5E:C0:12:34:56").get("registered").asBoolean());

            SipTestPhone.Message ok = phone.registerWithAuth("1001", "pw-1001-secret", 120,
                    "Yealink SIP-T46S 66.86.0.15 80:5e:c0:12:34:56");
            assertEquals(200, ok.status(), ok.raw());

            JsonNode p = phone(getJson(port, "/console/endpoint-manager/registrations"), "80:5E:C0:12:34:56");
            assertTrue(p.get("registered").asBoolean(), p.toString());
            assertEquals("1001", p.get("extensionNumber").asText());
            assertEquals("Reception", p.get("extensionName").asText());
            assertEquals("hardware", p.get("deviceType").asText());
            assertEquals("Yealink", p.get("manufacturer").asText());
            assertEquals("T46S", p.get("model").asText());
            assertEquals("127.0.0.1", p.get("ipAddress").asText());
            JsonNode stats = getJson(port, "/console/endpoint-manager/registrations/stats").get("stats");
            assertEquals(1, stats.get("totalPhones").asInt());
            assertEquals(1, stats.get("registered").asInt());
            assertEquals(0, stats.get("unregistered").asInt());
            assertEquals(1, stats.get("byType").get("hardware").asInt());

            assertEquals(200, phone.registerWithAuth("1001", "pw-1001-secret", 0, null).status());
            JsonNode after = getJson(port, "/console/endpoint-manager/registrations/stats").get("stats");
            assertEquals(0, after.get("registered").asInt());
            assertEquals(1, after.get("unregistered").asInt());
        }
    }

    @Test
    void starCodeBindsTheCallingPhoneOnlyWithItsPin() throws Exception {
        try (AddonHost host = AddonHost.start(config); SipTestPhone phone = new SipTestPhone(sipPort(host))) {
            int port = httpPort(host);
            String ua = "Yealink SIP-T46S 66.86.0.15 80:5e:c0:aa:bb:cc";

            assertEquals(403, phone.invite("*123*1002*1111", ua, "wrong-pin").status());
            assertEquals(403, phone.invite("*123*1002", ua, "no-pin").status());
            assertEquals(403, phone.invite("*123*1003*4711", ua, "extension-without-pin").status());
            assertEquals(null, device(port, "80:5e:c0:aa:bb:cc"), "a wrong or missing PIN binds nothing");

            SipTestPhone.Message ok = phone.invite("*123*1002*2580", ua, "right-pin");
            assertEquals(200, ok.status(), ok.raw());
            assertTrue(ok.raw().contains("m=audio 0 "), "media is refused: the call only carries the digits");
            phone.ack(ok, "right-pin");
            SipTestPhone.Message bye = phone.receive();
            assertTrue(bye.startLine().startsWith("BYE sip:phone@127.0.0.1:" + phone.port()), bye.raw());
            assertEquals("right-pin", bye.header("Call-ID"));
            phone.ok(bye);

            JsonNode d = device(port, "80:5e:c0:aa:bb:cc");
            assertEquals("yealink", d.get("vendor").asText());
            assertEquals("T46S", d.get("model").asText());
            assertEquals("1002", d.get("lines").get(0).get("extension").asText());
        }
    }

    @Test
    void starCodeFromAnAddressTwoPhonesFetchedFromIsRefused() throws Exception {
        try (AddonHost host = AddonHost.start(config); SipTestPhone phone = new SipTestPhone(sipPort(host))) {
            int port = httpPort(host);
            for (String mac : new String[] {"80:5e:c0:00:00:01", "80:5e:c0:00:00:02"}) {
                assertEquals(201, send(port, "POST", "/console/endpoint-manager/devices", OPERATOR,
                        "{\"mac\":\"" + mac + "\",\"vendor\":\"yealink\",\"model\":\"T46S\",\"extension\":\"1003\"}", null)
                        .statusCode());
                assertEquals(200, send(port, "GET", "/provision/" + mac.replace(":", ""), null, null, null).statusCode());
            }

            SipTestPhone.Message r = phone.invite("*123*1001*4711", "Yealink SIP-T46S 66.86.0.15", "ambiguous");

            assertEquals(480, r.status(), r.raw());
            assertTrue(r.header("Warning").contains("several phones"), r.header("Warning"));
            for (String mac : new String[] {"80:5e:c0:00:00:01", "80:5e:c0:00:00:02"}) {
                assertEquals("1003", device(port, mac).get("lines").get(0).get("extension").asText(), "unchanged");
            }
        }
    }

    @Test
    void aRebootReachesThePhonesRegisteredContactThroughTheWholeLoop() throws Exception {
        try (AddonHost host = AddonHost.start(config); SipTestPhone phone = new SipTestPhone(sipPort(host))) {
            int port = httpPort(host);
            assertEquals(201, send(port, "POST", "/console/endpoint-manager/devices", OPERATOR,
                    "{\"mac\":\"80:5E:C0:12:34:57\",\"vendor\":\"yealink\",\"model\":\"T46S\",\"extension\":\"1002\"}",
                    null).statusCode());
            assertEquals(200, phone.registerWithAuth("1002", "pw-1002-secret", 120,
                    "Yealink SIP-T46S 66.86.0.15 80:5e:c0:12:34:57").status());

            HttpResponse<String> reboot = send(port, "POST", "/console/endpoint-manager/devices/805ec0123457/reboot", OPERATOR,
                    "{}", null);
            assertEquals(202, reboot.statusCode(), reboot.body());
            String jobId = JSON.readTree(reboot.body()).get("id").asText();

            SipTestPhone.Message notify = phone.receive();
            assertTrue(notify.startLine().startsWith("NOTIFY sip:1002@127.0.0.1:" + phone.port()), notify.raw());
            assertEquals("check-sync;reboot=true", notify.header("Event"), "Yealink's reboot event");
            assertTrue(notify.header("Subscription-State").startsWith("terminated"), notify.raw());
            phone.okToVia(notify);

            JsonNode job = null;
            for (int i = 0; i < 100; i++) {
                job = getJson(port, "/console/endpoint-manager/jobs/" + jobId);
                if (!job.get("finished_at").isNull()) {
                    break;
                }
                Thread.sleep(50);
            }
            assertEquals("done", job.get("status").asText(), job.toString());
            assertEquals("ok", job.get("items").get(0).get("status").asText(), job.toString());
            assertTrue(job.get("items").get(0).get("detail").asText().startsWith("200"), job.toString());
        }
    }
}
