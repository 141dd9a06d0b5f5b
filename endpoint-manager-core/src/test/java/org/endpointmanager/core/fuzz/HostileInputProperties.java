package org.endpointmanager.core.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.vendor.RawParameter;
import org.endpointmanager.api.vendor.RawParameters;
import org.endpointmanager.core.EndpointManager;
import org.endpointmanager.core.config.ConfigException;
import org.endpointmanager.core.config.ConfigLoader;
import org.endpointmanager.core.http.ApiException;
import org.endpointmanager.core.http.Json;
import org.endpointmanager.core.provisioning.ProfileLayer;
import org.endpointmanager.core.provisioning.ProvisioningService;
import org.endpointmanager.core.render.RawParametersParser;
import org.endpointmanager.core.vendor.VendorRegistry;
import org.endpointmanager.testkit.TestingHostContext;
import org.endpointmanager.testkit.fixture.ExampleVendorPlugin;

/**
 * Hostile input, generated: MAC spellings, provisioning file names and User-Agents, profile JSON,
 * raw-parameter INI, console device bodies and TOML. Nothing may throw an unexpected exception or
 * hang, and nothing malformed may pass validation. (The PnP SIP, TFTP packet and vendor User-Agent
 * parsers get their own properties from the helpers who write them.)
 */
class HostileInputProperties {

    private static final String NASTY = "\n\r\t\0\"'<>&{}[]=;#%/\\.:-_ \u00e9\u202e\ud83d\ude00$|`~";
    private static final String KNOWN_MAC = "02e3a1123456";
    private static Path root;
    private static EndpointManager engine;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeContainer
    static void start() throws Exception {
        root = Files.createTempDirectory("em-fuzz");
        TestingHostContext host = new TestingHostContext(root);
        VendorRegistry vendors = new VendorRegistry();
        vendors.install(new ExampleVendorPlugin());
        engine = EndpointManager.create(ConfigLoader.parse("""
                provision_url_base = "http://127.0.0.1:8080/provision"
                [http]
                bind = "127.0.0.1"
                port = 0
                [provisioning]
                lockout_misses = 100000
                """, "fuzz.toml"), host, vendors, Clock.systemUTC());
        engine.start();
        HttpResponse<String> r = post("/console/endpoint-manager/devices", """
                {"mac":"02:E3:A1:12:34:56","vendor":"example","model":"EP200","label":"Fuzz",
                 "username":"1001","password":"pw-1001-x","server":"203.0.113.10"}""");
        assertEquals(201, r.statusCode(), r.body());
    }

    @AfterContainer
    static void stop() {
        engine.close();
    }

    private static HttpResponse<String> post(String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + engine.port() + path))
                .header("Authorization", "Bearer " + TestingHostContext.OPERATOR_TOKEN)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Arbitrary<String> hostile(int max) {
        return Arbitraries.strings().withChars(NASTY).withCharRange('0', '9').withCharRange('a', 'f')
                .withCharRange('A', 'Z').ofMaxLength(max);
    }

    // ---- MAC parser

    @Property
    void macParsingNeverThrowsAndYieldsOnlyTwelveHexDigits(@ForAll("macish") String text) {
        Optional<MacAddress> mac = MacAddress.tryParse(text);
        mac.ifPresent(m -> assertTrue(m.hex().matches("[0-9a-f]{12}"), m.hex()));
    }

    @Provide
    Arbitrary<String> macish() {
        Arbitrary<String> spelled = Combinators.combine(Arbitraries.strings().withChars("0123456789abcdefABCDEFg").ofLength(12),
                Arbitraries.of("", ":", "-", ".", " ", "::")).as((hex, sep) -> {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 0; i < hex.length(); i += 2) {
                        sb.append(i == 0 ? "" : sep).append(hex, i, i + 2);
                    }
                    return sb.toString();
                });
        return Arbitraries.oneOf(spelled, hostile(40));
    }

    // ---- provisioning path and User-Agent

    @Property(tries = 500)
    void servingAnyNameAndUserAgentAnswers200Or404AndOnlyKnownFiles(@ForAll("fileNames") String name,
            @ForAll("userAgents") Optional<String> ua) throws Exception {
        ProvisioningService.Response r = engine.provisioning().serve(new ProvisioningService.Request(name, ua,
                InetAddress.getByName("192.0.2.1"), "http"));
        assertTrue(r.status() == 200 || r.status() == 404, name + " -> " + r.status());
        if (r.status() == 200) {
            assertTrue(Set.of("example-common.cfg", "example-" + KNOWN_MAC + ".cfg").contains(name)
                    || MacAddress.tryParse(name).map(m -> m.hex().equals(KNOWN_MAC)).orElse(false), name);
        }
    }

    @Provide
    Arbitrary<String> fileNames() {
        return Arbitraries.oneOf(hostile(200),
                Arbitraries.of("example-common.cfg", "example-" + KNOWN_MAC + ".cfg", KNOWN_MAC, "../" + KNOWN_MAC,
                        "example-" + KNOWN_MAC + ".cfg/..", "example-%30%32.cfg", "EXAMPLE-COMMON.CFG"),
                hostile(20).map(s -> "example-" + s + ".cfg"));
    }

    @Provide
    Arbitrary<Optional<String>> userAgents() {
        return Arbitraries.oneOf(hostile(600).map(Optional::of),
                hostile(20).map(s -> Optional.of("ExamplePhone EP200 1.2.3 " + s)),
                Arbitraries.just(Optional.<String>empty()));
    }

    // ---- profile layer JSON (template and device settings)

    @Property
    void profileSettingsEitherParseOrAreRefusedWithAFieldError(@ForAll("settingsJson") ObjectNode json) {
        try {
            ProfileLayer layer = ProfileLayer.parse(json, "settings");
            layer.server().ifPresent(s -> assertFalse(s.contains("\n") || s.contains("\r"), s));
            layer.applyTo(org.endpointmanager.api.profile.Profile.builder());
        } catch (ApiException e) {
            assertTrue(e.field().isPresent(), "names a field: " + e.getMessage());
        }
    }

    @Provide
    Arbitrary<ObjectNode> settingsJson() {
        Arbitrary<String> keys = Arbitraries.of("sip_server", "sip_port", "transport", "codecs", "codec_order", "dtmf",
                "dnd", "dnd_enabled", "ntp_servers", "ntp_server", "time_zone", "vlan", "vlan_id", "vlan_priority",
                "language", "voicemail_number", "keys", "resync_interval_minutes", "outbound_proxy", "expiry_seconds",
                "sip_settings", "network_settings", "feature_settings", "raw_pconfig", "admin_password", "bogus");
        return json(keys, 3);
    }

    private static Arbitrary<ObjectNode> json(Arbitrary<String> keys, int depth) {
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
                hostile(40).map(s -> (JsonNode) JsonNodeFactory.instance.textNode(s)),
                Arbitraries.integers().map(i -> (JsonNode) JsonNodeFactory.instance.numberNode(i)),
                Arbitraries.of(true, false).map(b -> (JsonNode) JsonNodeFactory.instance.booleanNode(b)),
                Arbitraries.just((JsonNode) JsonNodeFactory.instance.nullNode()),
                Arbitraries.doubles().map(d -> (JsonNode) JsonNodeFactory.instance.numberNode(d)));
        Arbitrary<JsonNode> value = depth == 0 ? leaf : Arbitraries.oneOf(leaf, leaf, leaf,
                Arbitraries.lazy(() -> json(keys, depth - 1)).map(o -> (JsonNode) o),
                leaf.list().ofMaxSize(4).map(l -> {
                    ArrayNode arr = JsonNodeFactory.instance.arrayNode();
                    l.forEach(arr::add);
                    return (JsonNode) arr;
                }));
        return Combinators.combine(keys, value).as(java.util.Map::entry).list().ofMaxSize(6).map(entries -> {
            ObjectNode o = Json.object();
            entries.forEach(e -> o.set(e.getKey(), e.getValue()));
            return o;
        });
    }

    // ---- raw-parameter INI

    @Property
    void rawParametersNeverSmuggleALineBreakOrSeparator(@ForAll("ini") String text) {
        try {
            RawParameters p = RawParametersParser.parse(text, Set.of("example", "debug"));
            for (List<RawParameter> section : p.sections().values()) {
                for (RawParameter raw : section) {
                    assertFalse(raw.key().isEmpty() || raw.key().contains("=") || raw.key().matches("(?s).*[\\r\\n\\x00].*"),
                            raw.key());
                    assertFalse(raw.value().matches("(?s).*[\\r\\n\\x00].*"), raw.value());
                }
            }
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
        }
    }

    @Provide
    Arbitrary<String> ini() {
        Arbitrary<String> line = Arbitraries.oneOf(
                Arbitraries.of("[example]", "[debug]", "[unknown]", "[", "]", "", "# comment", "; note", "=v"),
                Combinators.combine(hostile(12), hostile(20)).as((k, v) -> k + "=" + v),
                Combinators.combine(hostile(12), hostile(20)).as((k, v) -> k + " = " + v));
        return line.list().ofMaxSize(12).map(l -> String.join(Arbitraries.of("\n", "\r\n", "\r").sample(), l));
    }

    // ---- console JSON: device create

    @Property(tries = 200)
    void deviceCreateBodiesAreRefusedCleanlyOrProduceAServableDevice(@ForAll("deviceBodies") ObjectNode body) throws Exception {
        HttpResponse<String> r = post("/console/endpoint-manager/devices", Json.write(body));
        assertTrue(Set.of(201, 400, 409, 413, 422).contains(r.statusCode()), r.statusCode() + " " + r.body() + " for " + body);
        if (r.statusCode() == 201) {
            String mac = Json.parseObject(r.body()).get("mac").asText();
            assertTrue(mac.matches("([0-9a-f]{2}:){5}[0-9a-f]{2}"), mac);
            ProvisioningService.Response served = engine.provisioning().serve(new ProvisioningService.Request(
                    mac.replace(":", ""), Optional.empty(), InetAddress.getByName("192.0.2.1"), "http"));
            assertEquals(200, served.status(), "an accepted device must render: " + body);
            assertEquals(200, post("/console/endpoint-manager/devices/" + mac + "/delete", "").statusCode());
        }
    }

    @Provide
    Arbitrary<ObjectNode> deviceBodies() {
        Arbitrary<String> macs = Arbitraries.oneOf(macish(), Arbitraries.strings().withChars("0123456789abcdef").ofLength(6)
                .map(s -> "02e3a1" + s));
        Arbitrary<String> keys = Arbitraries.of("vendor", "model", "label", "username", "password", "server", "site_id",
                "template_id", "settings", "raw_parameters", "lines", "extension", "ip_address", "display_name", "junk");
        return Combinators.combine(macs, json(keys, 2), Arbitraries.of(true, false)).as((mac, o, plausible) -> {
            o.put("mac", mac);
            if (plausible) {
                o.put("vendor", "example");
                o.put("model", "EP200");
            }
            return o;
        });
    }

    // ---- TOML config loader

    @Property
    void theConfigLoaderRefusesAnythingWrongWithAConfigException(@ForAll("toml") String text) {
        try {
            ConfigLoader.parse(text, "fuzz.toml");
        } catch (ConfigException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
        }
    }

    @Provide
    Arbitrary<String> toml() {
        Arbitrary<String> section = Arbitraries.of("", "[http]", "[database]", "[provisioning]", "[tls]", "[tftp]", "[pnp]",
                "[sip]", "[secrets]", "[control]", "[firmware]", "[[http]]", "[bogus]", "[http", "]");
        Arbitrary<String> key = Arbitraries.of("provision_url_base", "bind", "port", "url", "enabled", "allowed_subnets",
                "signing_key", "require_signature", "lockout_misses", "keystore", "https_port", "group", "interfaces",
                "max_file_mb", "key_file", "unknown_key", "a.b", "\"quoted\"");
        Arbitrary<String> value = Arbitraries.oneOf(hostile(30).map(s -> "\"" + s + "\""), hostile(30),
                Arbitraries.longs().map(Object::toString), Arbitraries.of("true", "false", "[]", "[\"10.0.0.0/8\"]",
                        "[\"999.1.1.1/33\"]", "{}", "\"http://h/provision\"", "\"jdbc:sqlite:x.db\"", "1e999", "0x10"));
        Arbitrary<String> line = Arbitraries.oneOf(section, Combinators.combine(key, value).as((k, v) -> k + " = " + v),
                hostile(30));
        return line.list().ofMaxSize(10).map(l -> "provision_url_base = \"http://127.0.0.1/provision\"\n" + String.join("\n", l));
    }
}
