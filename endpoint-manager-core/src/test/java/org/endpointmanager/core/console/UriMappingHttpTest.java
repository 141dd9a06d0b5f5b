package org.endpointmanager.core.console;

import static org.endpointmanager.testkit.TestingHostContext.ADMIN_TOKEN;
import static org.endpointmanager.testkit.TestingHostContext.OPERATOR_TOKEN;
import static org.endpointmanager.testkit.TestingHostContext.VIEWER_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.endpointmanager.core.http.Json;
import org.endpointmanager.core.store.TemplateRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** URI mappings (seed 002 tab 3) against a real engine over HTTP, with the example vendor. */
class UriMappingHttpTest {

    private static final String BASE = "/console/endpoint-manager";
    private static final String CUSTOM = "# mapped\\nuser={SIP_NUM}\\npass={SIP_PASS}\\nhost={PBX_HOST}\\nmac={MAC}\\n";

    @TempDir
    Path root;

    private static JsonNode json(HttpResponse<String> r) {
        return Json.parseObject(r.body());
    }

    private static String template(EngineFixture f, String body) throws Exception {
        HttpResponse<String> r = f.post(BASE + "/templates", OPERATOR_TOKEN, body);
        assertEquals(201, r.statusCode(), r.body());
        return json(r).get("id").asText();
    }

    private static String map(EngineFixture f, String path, String templateId) throws Exception {
        HttpResponse<String> r = f.post(BASE + "/uri-mappings", OPERATOR_TOKEN,
                "{\"path\":\"" + path + "\",\"template_id\":\"" + templateId + "\"}");
        assertEquals(201, r.statusCode(), r.body());
        return json(r).get("id").asText();
    }

    private static void device(EngineFixture f, String mac) throws Exception {
        HttpResponse<String> r = f.post(BASE + "/devices", OPERATOR_TOKEN, "{\"mac\":\"" + mac
                + "\",\"vendor\":\"example\",\"model\":\"EP200\",\"extension\":\"1001\"}");
        assertEquals(201, r.statusCode(), r.body());
    }

    @Test
    void aMappedNameWithoutAKnownPhoneIsServedWithoutSecretsAndWithoutPlaceholders() throws Exception {
        try (EngineFixture f = new EngineFixture(root)) {
            device(f, "02e3a1000020");
            String t = template(f, "{\"name\":\"Mapped\",\"vendor\":\"example\",\"custom_template\":\"" + CUSTOM + "\"}");
            map(f, "y000000000028.cfg", t);
            HttpResponse<String> anon = f.fetch("/provision/y000000000028.cfg", null);
            assertEquals(200, anon.statusCode(), anon.body());
            assertTrue(anon.body().startsWith("# mapped\n"), anon.body());
            assertTrue(anon.body().contains("user=\n"), anon.body());
            assertTrue(anon.body().contains("pass=\n"), "no line, no secret: " + anon.body());
            assertFalse(anon.body().contains("pw-1001-secret"), anon.body());
            assertFalse(anon.body().contains("{"), "never a placeholder left: " + anon.body());

            HttpResponse<String> unknownPhone = f.fetch("/provision/y000000000028.cfg", "ExamplePhone EP200 1.2.3 02e3a1009999");
            assertEquals(200, unknownPhone.statusCode());
            assertFalse(unknownPhone.body().contains("pw-"), "an unknown MAC gets no secrets: " + unknownPhone.body());
        }
    }

    @Test
    void theUserAgentMacOfAKnownDeviceGetsItsFullProfileThroughTheAccessPolicy() throws Exception {
        try (EngineFixture f = new EngineFixture(root)) {
            device(f, "02e3a1000021");
            String t = template(f, "{\"name\":\"Mapped\",\"vendor\":\"example\",\"custom_template\":\"" + CUSTOM + "\"}");
            map(f, "y000000000028.cfg", t);
            String ua = "ExamplePhone EP200 1.2.3 02e3a1000021";
            HttpResponse<String> known = f.fetch("/provision/y000000000028.cfg", ua);
            assertEquals(200, known.statusCode(), known.body());
            assertTrue(known.body().contains("user=1001\n"), known.body());
            assertTrue(known.body().contains("pass=pw-1001-secret\n"), known.body());
            assertTrue(known.body().contains("mac=02e3a1000021\n"), known.body());

            JsonNode fetches = json(f.get(BASE + "/devices/02e3a1000021/fetches", VIEWER_TOKEN));
            assertTrue(fetches.toString().contains("y000000000028.cfg"), "the fetch is recorded: " + fetches);

            assertEquals(200, f.post(BASE + "/settings", ADMIN_TOKEN, "{\"mac_blacklist\":\"02e3a1000021\"}").statusCode());
            assertEquals(404, f.fetch("/provision/y000000000028.cfg", ua).statusCode(),
                    "a blacklisted User-Agent MAC is refused like everywhere else");
        }
    }

    @Test
    void aMacInTheMappedNameSelectsThatDeviceAndAContradictingUserAgentIsRefused() throws Exception {
        try (EngineFixture f = new EngineFixture(root)) {
            device(f, "02e3a1000022");
            String t = template(f, "{\"name\":\"Mapped\",\"vendor\":\"example\",\"custom_template\":\"" + CUSTOM + "\"}");
            map(f, "phone-02e3a1000022.txt", t);
            HttpResponse<String> r = f.fetch("/provision/phone-02e3a1000022.txt", null);
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("pass=pw-1001-secret\n"), r.body());
            assertEquals(404, f.fetch("/provision/phone-02e3a1000022.txt", "ExamplePhone EP200 1.2.3 02e3a1000023").statusCode());
        }
    }

    @Test
    void aMappingWinsOverTheVendorAndWithoutCustomTextTheVendorRendersIt() throws Exception {
        try (EngineFixture f = new EngineFixture(root)) {
            device(f, "02e3a1000024");
            String custom = template(f, "{\"name\":\"Mapped\",\"vendor\":\"example\",\"custom_template\":\"" + CUSTOM + "\"}");
            HttpResponse<String> r = f.post(BASE + "/uri-mappings", OPERATOR_TOKEN,
                    "{\"path\":\"example-common.cfg\",\"template_id\":\"" + custom + "\"}");
            assertEquals(201, r.statusCode(), r.body());
            assertEquals("example", json(r).get("shadows").get(0).asText(), r.body());
            assertTrue(f.fetch("/provision/example-common.cfg", null).body().startsWith("# mapped\n"));

            String plain = template(f, "{\"name\":\"Plain\",\"codecs\":[\"PCMA\"]}");
            HttpResponse<String> noVendor = f.post(BASE + "/uri-mappings", OPERATOR_TOKEN,
                    "{\"path\":\"legacy.cfg\",\"template_id\":\"" + plain + "\"}");
            assertEquals(400, noVendor.statusCode(), noVendor.body());
            assertEquals("vendor", json(noVendor).get("field").asText());
            assertEquals(201, f.post(BASE + "/uri-mappings", OPERATOR_TOKEN,
                    "{\"path\":\"legacy.cfg\",\"template_id\":\"" + plain + "\",\"vendor\":\"example\"}").statusCode());
            String common = f.fetch("/provision/legacy.cfg", null).body();
            assertTrue(common.contains("codecs=pcma"), common);
            assertFalse(common.contains("line.1"), "the vendor's file without lines: " + common);
            String forDevice = f.fetch("/provision/legacy.cfg", "ExamplePhone EP200 1.2.3 02e3a1000024").body();
            assertTrue(forDevice.contains("line.1.password=pw-1001-secret"), forDevice);
        }
    }

    @Test
    void crudIsValidatedAuditedAndGuardedByRole() throws Exception {
        try (EngineFixture f = new EngineFixture(root)) {
            String t = template(f, "{\"name\":\"Mapped\",\"vendor\":\"example\",\"custom_template\":\"" + CUSTOM + "\"}");
            assertEquals(403, f.post(BASE + "/uri-mappings", VIEWER_TOKEN,
                    "{\"path\":\"a.cfg\",\"template_id\":\"" + t + "\"}").statusCode());
            for (String bad : new String[] {"../etc/passwd", "a/b.cfg", "805ec0123456", ".hidden", ""}) {
                HttpResponse<String> r = f.post(BASE + "/uri-mappings", OPERATOR_TOKEN,
                        "{\"path\":\"" + bad + "\",\"template_id\":\"" + t + "\"}");
                assertEquals(400, r.statusCode(), bad + ": " + r.body());
                assertEquals("path", json(r).get("field").asText());
            }
            assertEquals(422, f.post(BASE + "/uri-mappings", OPERATOR_TOKEN,
                    "{\"path\":\"a.cfg\",\"template_id\":\"nope\"}").statusCode());
            String id = map(f, "a.cfg", t);
            assertEquals(409, f.post(BASE + "/uri-mappings", OPERATOR_TOKEN,
                    "{\"path\":\"a.cfg\",\"template_id\":\"" + t + "\"}").statusCode());
            assertEquals(409, f.post(BASE + "/templates/" + t + "/delete", OPERATOR_TOKEN, "{}").statusCode(),
                    "a mapped template is in use");

            JsonNode list = json(f.get(BASE + "/uri-mappings", VIEWER_TOKEN));
            assertEquals("a.cfg", list.get("uri_mappings").get(0).get("path").asText());
            assertEquals("http://127.0.0.1:8080/provision/a.cfg", list.get("uri_mappings").get(0).get("url").asText());

            HttpResponse<String> edit = f.post(BASE + "/uri-mappings/" + id + "/edit", OPERATOR_TOKEN, "{\"path\":\"b.cfg\"}");
            assertEquals(200, edit.statusCode(), edit.body());
            assertEquals(404, f.fetch("/provision/a.cfg", null).statusCode(), "the index follows an edit at once");
            assertEquals(200, f.fetch("/provision/b.cfg", null).statusCode());
            assertEquals(200, f.post(BASE + "/uri-mappings/" + id + "/delete", OPERATOR_TOKEN, "{}").statusCode());
            assertEquals(404, f.fetch("/provision/b.cfg", null).statusCode());
            assertEquals(404, f.get(BASE + "/uri-mappings/" + id, VIEWER_TOKEN).statusCode());

            String audit = f.get(BASE + "/audit?action=uri_mapping", ADMIN_TOKEN).body();
            assertTrue(audit.contains("uri_mapping.create") && audit.contains("uri_mapping.edit")
                    && audit.contains("uri_mapping.delete"), audit);
        }
    }

    @Test
    void aTemplateWithAnUnknownPlaceholderSavedBeforeTheCheckCannotBeMapped() throws Exception {
        try (EngineFixture f = new EngineFixture(root)) {
            Instant now = Instant.now();
            f.engine.database().templates().insert(new TemplateRecord("old-template", "Old", Optional.of("example"),
                    Optional.empty(), "{}", "", Optional.of("a = {SIP_PIN}\n"), now, now));
            HttpResponse<String> r = f.post(BASE + "/uri-mappings", OPERATOR_TOKEN,
                    "{\"path\":\"old.cfg\",\"template_id\":\"old-template\"}");
            assertEquals(400, r.statusCode(), r.body());
            assertEquals("template_id", json(r).get("field").asText());
            assertTrue(json(r).get("error").asText().contains("{SIP_PIN}"), r.body());
        }
    }

    @Test
    void provisioningUrlsNameTheFolderPerVendorAndTheTokenOnlyForOperators() throws Exception {
        try (EngineFixture f = new EngineFixture(root)) {
            device(f, "02e3a1000025");
            JsonNode all = json(f.get(BASE + "/provisioning-urls", VIEWER_TOKEN));
            JsonNode example = all.get("vendors").get(0);
            assertEquals("example", example.get("vendor").asText());
            assertEquals("http://127.0.0.1:8080/provision/", example.get("option_66").asText());
            assertEquals("http://127.0.0.1:8080/provision/example-02e3a1a1b2c3.cfg",
                    example.get("example_device_file").asText());

            HttpResponse<String> rotated = f.post(BASE + "/devices/02e3a1000025/token/rotate", OPERATOR_TOKEN, "{}");
            assertEquals(200, rotated.statusCode(), rotated.body());
            String tokenBase = json(rotated).get("base_url").asText();
            String token = tokenBase.replaceAll(".*/t/([^/]+)/$", "$1");

            HttpResponse<String> viewer = f.get(BASE + "/provisioning-urls?mac=02:E3:A1:00:00:25", VIEWER_TOKEN);
            assertEquals(200, viewer.statusCode(), viewer.body());
            assertFalse(viewer.body().contains(token), "a viewer never sees the token");
            assertTrue(json(viewer).get("device").get("has_token").asBoolean());
            assertTrue(json(viewer).get("device").get("token_hidden").asBoolean());

            JsonNode operator = json(f.get(BASE + "/provisioning-urls?mac=02e3a1000025", OPERATOR_TOKEN)).get("device");
            assertEquals(tokenBase, operator.get("token_base_url").asText());
            assertEquals(200, f.fetch(operator.get("token_config_file").asText().replace("http://127.0.0.1:8080", ""), null)
                    .statusCode(), "the URL shown works");

            assertEquals(400, f.get(BASE + "/provisioning-urls?mac=nonsense", VIEWER_TOKEN).statusCode());
            assertEquals(404, f.get(BASE + "/provisioning-urls?mac=02e3a1009999", VIEWER_TOKEN).statusCode());
        }
    }
}
