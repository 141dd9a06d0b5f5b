package org.endpointmanager.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.endpointmanager.core.EndpointManagerAddon;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Foundation's acceptance path: the host started from the shipped sample config (only the
 * port changed, so the test never collides with a running host) with the real add-on and all
 * five vendor plug-ins, driven over real HTTP like the README's walk-through.
 */
class HostEndToEndTest {

    private static final String ADMIN = "sample-site-admin-token-change-me";
    private static final String VIEWER = "sample-viewer-token-change-me";
    private static final String SEED_001_DEVICE = """
            {"mac":"80:5E:C0:12:34:56","vendor":"yealink","model":"T46S","label":"John's extension 1001",
             "username":"1001","password":"Seed001-Pw","server":"203.0.113.10:5060"}""";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Path sampleConfigCopy() throws IOException {
        Path shipped = Path.of("config");
        Path copy = dir.resolve("config");
        try (Stream<Path> files = Files.walk(shipped)) {
            for (Path p : files.filter(p -> !p.toString().contains("/data")).toList()) {
                Path target = copy.resolve(shipped.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        Path proxy = copy.resolve("proxy.toml");
        // the registrar takes any free loopback port, so the test never collides with a running host
        Files.writeString(proxy, Files.readString(proxy).replace("port = 5060", "port = 0\nbind = \"127.0.0.1\""));
        Path toml = copy.resolve("endpoint_manager.toml");
        String text = Files.readString(toml);
        assertTrue(text.contains("port = 8080"), "the sample listens on 8080");
        Files.writeString(toml, text.replace("port = 8080", "port = 0").replace("bind = \"0.0.0.0\"", "bind = \"127.0.0.1\""));
        return copy;
    }

    private static int port(AddonHost host) {
        return host.addons().stream().filter(a -> a instanceof EndpointManagerAddon).map(a -> (EndpointManagerAddon) a)
                .findFirst().orElseThrow().engine().port();
    }

    private HttpResponse<String> send(int port, String method, String path, String token, String body, String userAgent)
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
        if (userAgent != null) {
            b.header("User-Agent", userAgent);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void seed001DeviceIsServedSurvivesRestartAndGoesAwayOnDelete() throws Exception {
        Path config = sampleConfigCopy();
        try (AddonHost host = AddonHost.start(config)) {
            int port = port(host);
            assertEquals(200, send(port, "GET", "/healthz", null, null, null).statusCode());
            assertEquals(401, send(port, "POST", "/console/endpoint-manager/devices", null, SEED_001_DEVICE, null).statusCode());
            assertEquals(403, send(port, "POST", "/console/endpoint-manager/devices", VIEWER, SEED_001_DEVICE, null).statusCode());
            HttpResponse<String> created = send(port, "POST", "/console/endpoint-manager/devices", ADMIN, SEED_001_DEVICE, null);
            assertEquals(201, created.statusCode(), created.body());
            assertFalse(created.body().contains("Seed001-Pw"));

            for (String spelling : List.of("805ec0123456", "80:5E:C0:12:34:56", "80-5e-c0-12-34-56", "805E.C012.3456",
                    "805EC0123456")) {
                HttpResponse<String> cfg = send(port, "GET", "/provision/" + spelling, null, null, null);
                assertEquals(200, cfg.statusCode(), spelling);
                assertSeed001YealinkFields(cfg.body());
            }
            HttpResponse<String> byBootName = send(port, "GET", "/provision/805ec0123456.cfg", null, null,
                    "Yealink SIP-T46S 66.86.0.15 80:5e:c0:12:34:56");
            assertEquals(200, byBootName.statusCode());
            assertSeed001YealinkFields(byBootName.body());
            HttpResponse<String> browser = send(port, "GET", "/provision/805ec0123456.cfg", null, null,
                    "Mozilla/5.0 (X11; Linux x86_64) curl/8.0");
            assertEquals(200, browser.statusCode(), "an admin's browser or curl gets the file a phone would");
            assertSeed001YealinkFields(browser.body());
            HttpResponse<String> otherUaMac = send(port, "GET", "/provision/805ec0123456.cfg", null, null,
                    "Yealink SIP-T46S 66.86.0.15 80:5e:c0:99:99:99");
            assertEquals(404, otherUaMac.statusCode(), "a User-Agent MAC that contradicts the path is refused");
            assertEquals(404, send(port, "GET", "/provision/805ec0000000", null, null, null).statusCode());
        }
        try (AddonHost host = AddonHost.start(config)) {
            int port = port(host);
            assertEquals(200, send(port, "GET", "/provision/805ec0123456", null, null, null).statusCode(), "survives restart");
            assertEquals(200, send(port, "POST", "/console/endpoint-manager/devices/80:5e:c0:12:34:56/delete", ADMIN, null, null)
                    .statusCode());
            assertEquals(404, send(port, "GET", "/provision/805ec0123456", null, null, null).statusCode());
        }
    }

    @Test
    void seed001FanvilDeviceGetsAConfigRealFanvilsRead() throws Exception {
        try (AddonHost host = AddonHost.start(sampleConfigCopy())) {
            int port = port(host);
            String body = SEED_001_DEVICE.replace("80:5E:C0:12:34:56", "0c:38:3e:12:34:56").replace("yealink", "fanvil")
                    .replace("T46S", "X4");
            assertEquals(201, send(port, "POST", "/console/endpoint-manager/devices", ADMIN, body, null).statusCode());
            HttpResponse<String> cfg = send(port, "GET", "/provision/0c383e123456.cfg", null, null,
                    "Fanvil X4 2.10.2.6887 0c383e123456");
            assertEquals(200, cfg.statusCode());
            String c = cfg.body();
            assertTrue(c.startsWith("<<VOIP CONFIG FILE>>"), c);
            assertTrue(c.matches("(?s).*SIP1 Enable Reg\\s*:1.*"), c);
            assertTrue(c.matches("(?s).*SIP1 Display Name\\s*:1001.*"), c);
            assertTrue(c.matches("(?s).*SIP1 Register User\\s*:1001.*"), c);
            assertTrue(c.matches("(?s).*SIP1 Phone Number\\s*:1001.*"), c);
            assertTrue(c.matches("(?s).*SIP1 Register Pswd\\s*:Seed001-Pw.*"), c);
            assertTrue(c.matches("(?s).*SIP1 Register Addr\\s*:203\\.0\\.113\\.10.*"), c);
            assertTrue(c.matches("(?s).*SIP1 Register Port\\s*:5060.*"), c);
        }
    }

    @Test
    void hostileLabelsCannotInjectIntoYealinkOrFanvil() throws Exception {
        try (AddonHost host = AddonHost.start(sampleConfigCopy())) {
            int port = port(host);
            String hostile = SEED_001_DEVICE.replace("\"label\":\"John's extension 1001\"",
                    "\"label\":\"x\"").replace("\"username\":\"1001\"", "\"username\":\"1001\",\"display_name\":\"Bob </config> <P2>x</P2>\"");
            assertEquals(201, send(port, "POST", "/console/endpoint-manager/devices", ADMIN, hostile, null).statusCode());
            HttpResponse<String> injected = send(port, "POST", "/console/endpoint-manager/devices/805ec0123456/edit", ADMIN,
                    "{\"display_name\":\"Bob\\naccount.1.password = x\"}", null);
            assertEquals(400, injected.statusCode(), "a control character in a field is refused at the edge");
            String yealink = send(port, "GET", "/provision/805ec0123456", null, null, null).body();
            assertTrue(yealink.contains("account.1.display_name = Bob </config> <P2>x</P2>"), yealink);
            for (String line : yealink.split("\n")) {
                assertFalse(line.startsWith("<P2>"), line);
            }
        }
    }

    @Test
    void aNewModelAndOuiAreADataChange() throws Exception {
        Path config = sampleConfigCopy();
        try (AddonHost host = AddonHost.start(config)) {
            int port = port(host);
            String device = "{\"mac\":\"aa:bb:cc:00:00:01\",\"vendor\":\"grandstream\",\"model\":\"GXP9999\","
                    + "\"username\":\"1001\",\"password\":\"pw\"}";
            assertEquals(201, send(port, "POST", "/console/endpoint-manager/devices", ADMIN, device, null).statusCode());
            assertEquals(404, send(port, "GET", "/provision/cfgaabbcc000001.xml", null, null, null).statusCode(),
                    "an OUI Grandstream does not know is not claimed without a User-Agent (as over TFTP)");
            Path catalog = config.resolve("data/endpoint-manager/catalog");
            Files.createDirectories(catalog);
            Files.writeString(catalog.resolve("grandstream.json"), """
                    {"vendor": "grandstream", "ouis": ["aabbcc"],
                     "models": [{"model": "GXP9999", "lines": 3, "keys": 9, "attributes": {}}]}""");
            HttpResponse<String> reload = send(port, "POST", "/console/endpoint-manager/catalog/reload", ADMIN, "", null);
            assertEquals(200, reload.statusCode(), reload.body());
            assertTrue(reload.body().contains("GXP9999"));
            HttpResponse<String> cfg = send(port, "GET", "/provision/cfgaabbcc000001.xml", null, null, null);
            assertEquals(200, cfg.statusCode());
            assertTrue(cfg.body().contains("<gs_provision"), cfg.body());
            assertEquals(403, send(port, "POST", "/console/endpoint-manager/catalog/reload", VIEWER, "", null).statusCode());
        }
    }

    private static void assertSeed001YealinkFields(String c) {
        assertTrue(c.startsWith("#!version:1.0.0.1"), c);
        for (String expected : List.of("account.1.enable = 1", "account.1.label = 1001", "account.1.display_name = 1001",
                "account.1.auth_name = 1001", "account.1.user_name = 1001", "account.1.password = Seed001-Pw",
                "account.1.sip_server_host = 203.0.113.10", "account.1.sip_server_port = 5060")) {
            assertTrue(c.contains(expected + "\n"), "missing '" + expected + "' in:\n" + c);
        }
    }
}
