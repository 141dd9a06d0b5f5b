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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.endpointmanager.api.vendor.ConfigSyntax;
import org.endpointmanager.api.vendor.RenderedFile;
import org.endpointmanager.core.EndpointManagerAddon;
import org.endpointmanager.core.render.RenderedFileValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 002's "Load examples" and URI mappings with the five real vendors: every example is created
 * once, renders a valid file with the device's account for that vendor's phone, and a real Yealink
 * User-Agent asking for the old fixed name {@code y000000000028.cfg} gets its own account.
 */
class HostUriMappingExamplesTest {

    private static final String ADMIN = "sample-site-admin-token-change-me";
    private static final String API = "/console/endpoint-manager";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** vendor -> {MAC, model, User-Agent, device file} */
    private static final Map<String, String[]> PHONES = Map.of(
            "yealink", new String[] {"805ec0000041", "T46S", "Yealink SIP-T46S 66.86.0.15 80:5e:c0:00:00:41", "805ec0000041.cfg"},
            "fanvil", new String[] {"0c383e000041", "X4", "Fanvil X4 2.10.2.6887 0c383e000041", "0c383e000041.cfg"},
            "grandstream", new String[] {"000b82000041", "GXP2170",
                "Grandstream Model HW GXP2170 SW 1.0.7.97 DevId 000b82000041", "cfg000b82000041.xml"},
            "snom", new String[] {"000413000041", "D785", "Mozilla/4.0 (compatible; snomD785-SIP 10.1.169.16 "
                    + "2010.12-00001-gd311851f1 (Feb 25 2019 - 14:19:43) 000413000041 SXM:0 UXM:0 UXMC:0)", "000413000041.xml"},
            "htek", new String[] {"001fc1000041", "UC924", "Htek UC924 2.0.4.2 00:1f:c1:00:00:41", "cfg001fc1000041.xml"});

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Path config() throws IOException {
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
        Path toml = copy.resolve("endpoint_manager.toml");
        Files.writeString(toml, Files.readString(toml).replace("port = 8080", "port = 0")
                .replace("bind = \"0.0.0.0\"", "bind = \"127.0.0.1\""));
        return copy;
    }

    private static int port(AddonHost host) {
        return host.addons().stream().filter(a -> a instanceof EndpointManagerAddon).map(a -> (EndpointManagerAddon) a)
                .findFirst().orElseThrow().engine().port();
    }

    private HttpResponse<String> post(int port, String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + API + path))
                .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> fetch(int port, String file, String userAgent) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/provision/" + file)).GET();
        if (userAgent != null) {
            b.header("User-Agent", userAgent);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> vendorsOf(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get("vendor").asText()));
        return out;
    }

    private static void assertValid(String vendor, String body) {
        String trimmed = body.stripLeading();
        ConfigSyntax syntax = trimmed.startsWith("<<") ? ConfigSyntax.SECTIONED_TEXT
                : trimmed.startsWith("<") ? ConfigSyntax.XML : ConfigSyntax.KEY_VALUE;
        RenderedFileValidator.validate(new RenderedFile("text/plain", syntax, body));
        assertFalse(body.matches("(?s).*\\{[A-Z_]+}.*"), vendor + ": a placeholder was left: " + body);
    }

    @Test
    void loadExamplesCreatesOneValidEditableTemplatePerVendorOnce() throws Exception {
        try (AddonHost host = AddonHost.start(config())) {
            int port = port(host);
            HttpResponse<String> first = post(port, "/templates/examples", "{}");
            assertEquals(201, first.statusCode(), first.body());
            JsonNode created = JSON.readTree(first.body());
            assertEquals(List.of("fanvil", "grandstream", "htek", "snom", "yealink"), vendorsOf(created.get("created")),
                    first.body());
            assertEquals(0, created.get("skipped").size(), first.body());

            HttpResponse<String> again = post(port, "/templates/examples", "{}");
            assertEquals(200, again.statusCode(), again.body());
            JsonNode second = JSON.readTree(again.body());
            assertEquals(0, second.get("created").size(), "idempotent: " + again.body());
            assertEquals(List.of("fanvil", "grandstream", "htek", "snom", "yealink"), vendorsOf(second.get("existing")));

            int n = 1;
            for (JsonNode t : created.get("created")) {
                String vendor = t.get("vendor").asText();
                String[] phone = PHONES.get(vendor);
                String user = "20" + n++;
                HttpResponse<String> d = post(port, "/devices", "{\"mac\":\"" + phone[0] + "\",\"vendor\":\"" + vendor
                        + "\",\"model\":\"" + phone[1] + "\",\"template_id\":\"" + t.get("id").asText()
                        + "\",\"username\":\"" + user + "\",\"password\":\"Pw-" + user + "\",\"server\":\"203.0.113.10\"}");
                assertEquals(201, d.statusCode(), vendor + ": " + d.body());
                HttpResponse<String> cfg = fetch(port, phone[3], phone[2]);
                assertEquals(200, cfg.statusCode(), vendor + ": " + cfg.body());
                assertTrue(cfg.body().contains("Pw-" + user), vendor + " example carries the account: " + cfg.body());
                assertTrue(cfg.body().contains("203.0.113.10"), vendor + ": " + cfg.body());
                assertValid(vendor, cfg.body());
            }
            HttpResponse<String> edit = post(port, "/templates/" + created.get("created").get(0).get("id").asText() + "/edit",
                    "{\"custom_template\":\"<<VOIP CONFIG FILE>>Version:2.0002\\n<SIP CONFIG MODULE>\\n"
                            + "SIP1 Phone Number  :{SIP_NUM}\\n<<END OF FILE>>\\n\"}");
            assertEquals(200, edit.statusCode(), "an example is an ordinary, editable template: " + edit.body());
        }
    }

    @Test
    void aRealYealinkUserAgentAskingForAMappedFixedNameGetsItsOwnAccount() throws Exception {
        try (AddonHost host = AddonHost.start(config())) {
            int port = port(host);
            JsonNode examples = JSON.readTree(post(port, "/templates/examples", "{}").body()).get("created");
            String yealink = null;
            for (JsonNode t : examples) {
                if (t.get("vendor").asText().equals("yealink")) {
                    yealink = t.get("id").asText();
                }
            }
            HttpResponse<String> m = post(port, "/uri-mappings", "{\"path\":\"y000000000028.cfg\",\"template_id\":\"" + yealink
                    + "\",\"notes\":\"old T46G firmware\"}");
            assertEquals(201, m.statusCode(), m.body());
            assertEquals("yealink", JSON.readTree(m.body()).get("shadows").get(0).asText(),
                    "Yealink knows the name itself; the mapping wins: " + m.body());
            assertEquals(201, post(port, "/devices", "{\"mac\":\"805ec0000042\",\"vendor\":\"yealink\",\"model\":\"T46G\","
                    + "\"username\":\"301\",\"password\":\"Pw-301\",\"server\":\"203.0.113.10\"}").statusCode());

            HttpResponse<String> own = fetch(port, "y000000000028.cfg", "Yealink SIP-T46G 28.83.0.50 80:5e:c0:00:00:42");
            assertEquals(200, own.statusCode(), own.body());
            assertTrue(own.body().contains("account.1.password = Pw-301"), own.body());
            assertTrue(own.body().contains("account.1.user_name = 301"), own.body());
            assertValid("yealink", own.body());

            HttpResponse<String> stranger = fetch(port, "y000000000028.cfg", "Yealink SIP-T46G 28.83.0.50 80:5e:c0:00:00:99");
            assertEquals(200, stranger.statusCode(), stranger.body());
            assertTrue(stranger.body().contains("account.1.password = \n"), "no secrets for an unknown phone: " + stranger.body());
            assertFalse(stranger.body().contains("Pw-301"));
            assertValid("yealink", stranger.body());

            JsonNode urls = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + API
                    + "/provisioning-urls")).header("Authorization", "Bearer " + ADMIN).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertEquals(List.of("fanvil", "grandstream", "htek", "snom", "yealink"), vendorsOf(urls.get("vendors")));
            urls.get("vendors").forEach(v -> assertEquals("http://127.0.0.1:8080/provision/", v.get("option_66").asText()));
        }
    }
}
