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
import org.endpointmanager.core.http.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Templates, the three layers and their precedence, custom templates, validation at save, preview and diff. */
class TemplatesAndPreviewTest {

    @TempDir
    Path root;

    private static JsonNode json(HttpResponse<String> r) {
        return Json.parseObject(r.body());
    }

    private static String create(EngineFixture f, String body) throws Exception {
        HttpResponse<String> r = f.post("/console/endpoint-manager/templates", OPERATOR_TOKEN, body);
        assertEquals(201, r.statusCode(), r.body());
        return json(r).get("id").asText();
    }

    @Test
    void seed000TemplateBodyIsAcceptedAsIs() throws Exception {
        try (EngineFixture f = new EngineFixture(root)) {
            String id = create(f, """
                    {"name": "Standard Office", "vendor": "example", "site_id": "default",
                     "sip_settings": {"sip_server": "pbx.example.com", "sip_port": 5060, "codec_order": ["PCMU", "PCMA", "G722"]},
                     "network_settings": {"ntp_server": "pool.ntp.org", "time_zone": "US/Eastern"},
                     "feature_settings": {"dnd_enabled": false},
                     "raw_pconfig": {"P271": "1", "P272": "3"}}""");
            JsonNode t = json(f.get("/console/endpoint-manager/templates/" + id, VIEWER_TOKEN));
            assertEquals("pbx.example.com", t.get("settings").get("sip_settings").get("sip_server").asText());
            HttpResponse<String> bad = f.post("/console/endpoint-manager/templates", OPERATOR_TOKEN,
                    "{\"name\":\"x\",\"network_settings\":{\"time_zone\":\"Mars/Olympus\"}}");
            assertEquals(400, bad.statusCode());
            assertEquals("settings.network_settings.time_zone", json(bad).get("field").asText());
        }
    }

    @Test
    void precedenceIsTemplateThenDeviceThenRawLayers() throws Exception {
        try (EngineFixture f = new EngineFixture(root)) {
            assertEquals(200, f.post("/console/endpoint-manager/settings", ADMIN_TOKEN,
                    "{\"additional_parameters\":\"[example]\\nlayer = global\\nglobal.only = yes\"}").statusCode());
            String id = create(f, """
                    {"name": "Office", "vendor": "example", "codecs": ["PCMA"], "voicemail_number": "*97",
                     "ntp_servers": ["ntp.template.example"], "raw_parameters": "[example]\\nlayer = template"}""");
            assertEquals(200, f.post("/console/endpoint-manager/sites/default/edit", ADMIN_TOKEN,
                    "{\"default_template_id\":\"" + id + "\"}").statusCode());
            HttpResponse<String> d = f.post("/console/endpoint-manager/devices", OPERATOR_TOKEN, """
                    {"mac":"02e3a1000010","vendor":"example","model":"EP200","extension":"1001",
                     "settings":{"voicemail_number":"*98"},"raw_parameters":"[example]\\nlayer = device"}""");
            assertEquals(201, d.statusCode(), d.body());
            String cfg = f.fetch("/provision/02e3a1000010", null).body();
            assertTrue(cfg.contains("codecs=pcma"), "template layer applies: " + cfg);
            assertTrue(cfg.contains("voicemail=*98"), "device overrides template: " + cfg);
            assertTrue(cfg.contains("ntp.1=ntp.template.example"), cfg);
            assertTrue(cfg.contains("layer=device"), "device raw wins over template and global raw: " + cfg);
            assertTrue(cfg.contains("global.only=yes"), cfg);
            assertTrue(cfg.contains("pw-1001-secret"), "extension credentials come from the host: " + cfg);
            assertTrue(cfg.contains("Alice Example"), cfg);
        }
    }

    @Test
    void anUnsavedTemplateIsPreviewedAgainstAPhoneWithoutStoringAnything() throws Exception {
        try (EngineFixture f = new EngineFixture(root)) {
            String id = create(f, "{\"name\": \"Office\", \"vendor\": \"example\", \"voicemail_number\": \"*97\"}");
            assertEquals(201, f.post("/console/endpoint-manager/devices", OPERATOR_TOKEN,
                    "{\"mac\":\"02e3a1000012\",\"vendor\":\"example\",\"template_id\":\"" + id
                            + "\",\"username\":\"2002\",\"password\":\"pw-2002-secret\"}").statusCode());
            String before = f.fetch("/provision/02e3a1000012", null).body();
            assertTrue(before.contains("voicemail=*97"), before);

            HttpResponse<String> r = f.post("/console/endpoint-manager/templates/preview?mac=02:e3:a1:00:00:12&template_id="
                    + id, OPERATOR_TOKEN, "{\"name\": \"Office\", \"vendor\": \"example\", \"voicemail_number\": \"*55\"}");
            assertEquals(200, r.statusCode(), r.body());
            JsonNode p = json(r);
            assertTrue(p.get("body").asText().contains("voicemail=*55"), "rendered with the editor's content: " + r.body());
            assertFalse(r.body().contains("pw-2002-secret"), "secrets masked");
            assertTrue(p.get("current").get("changed").asBoolean());
            assertTrue(p.get("current").get("diff").toString().contains("-voicemail=*97"), r.body());
            assertTrue(p.get("current").get("diff").toString().contains("+voicemail=*55"), r.body());
            assertEquals(before, f.fetch("/provision/02e3a1000012", null).body(), "nothing was saved");
            assertEquals("*97", json(f.get("/console/endpoint-manager/templates/" + id, OPERATOR_TOKEN))
                    .get("settings").get("voicemail_number").asText());

            HttpResponse<String> fresh = f.post("/console/endpoint-manager/templates/preview?mac=02e3a1000012", OPERATOR_TOKEN,
                    "{\"vendor\": \"example\", \"custom_template\": \"user={SIP_NUM}\\n\"}");
            assertEquals(200, fresh.statusCode(), "a new template without a name yet: " + fresh.body());
            assertEquals("user=2002\n", json(fresh).get("body").asText());
            HttpResponse<String> broken = f.post("/console/endpoint-manager/templates/preview?mac=02e3a1000012",
                    OPERATOR_TOKEN, "{\"vendor\": \"example\", \"custom_template\": \"a = {SIP_PIN}\\n\"}");
            assertEquals(400, broken.statusCode(), broken.body());
            assertEquals("custom_template", json(broken).get("field").asText(), broken.body());
            assertEquals(404, f.post("/console/endpoint-manager/templates/preview?mac=02e3a1999999", OPERATOR_TOKEN,
                    "{}").statusCode());
            assertEquals(400, f.post("/console/endpoint-manager/templates/preview", OPERATOR_TOKEN, "{}").statusCode(),
                    "the phone is required");
            assertEquals(403, f.post("/console/endpoint-manager/templates/preview?mac=02e3a1000012",
                    org.endpointmanager.testkit.TestingHostContext.VIEWER_TOKEN, "{}").statusCode());
            assertEquals(1, json(f.get("/console/endpoint-manager/templates", OPERATOR_TOKEN)).get("templates").size(),
                    "no template was created by a preview");
        }
    }

    @Test
    void customTemplateTakesSeed002Placeholders() throws Exception {
        try (EngineFixture f = new EngineFixture(root)) {
            String id = create(f, """
                    {"name": "Custom", "vendor": "example",
                     "custom_template": "# custom\\nuser={SIP_NUM}\\nauth={SIP_USER_NAME}\\npass={SIP_PASS}\\nhost={PBX_HOST}\\nfw={FIRMWARE_URL}\\nmac={{MAC}}\\n"}""");
            assertEquals(201, f.post("/console/endpoint-manager/devices", OPERATOR_TOKEN,
                    "{\"mac\":\"02e3a1000011\",\"vendor\":\"example\",\"template_id\":\"" + id
                            + "\",\"username\":\"2001\",\"password\":\"pw2001\",\"server\":\"sip.example.net\"}").statusCode());
            String cfg = f.fetch("/provision/02e3a1000011", null).body();
            assertTrue(cfg.contains("user=2001\n"), cfg);
            assertTrue(cfg.contains("auth=2001\n"), cfg);
            assertTrue(cfg.contains("pass=pw2001\n"), cfg);
            assertTrue(cfg.contains("host=sip.example.net\n"), cfg);
            assertTrue(cfg.contains("fw=\n"), "no firmware registered: empty, never a leftover placeholder");
            assertTrue(cfg.contains("mac=02e3a1000011\n"), cfg);
            assertFalse(cfg.contains("{"), cfg);
        }
    }

    @Test
    void aTemplateThatRendersAnInvalidFileIsRefusedNamingTheLine() throws Exception {
        try (EngineFixture f = new EngineFixture(root)) {
            HttpResponse<String> r = f.post("/console/endpoint-manager/templates", OPERATOR_TOKEN,
                    "{\"name\":\"Broken\",\"vendor\":\"example\",\"custom_template\":\"a = 1\\nthis line is not an assignment\\n\"}");
            assertEquals(400, r.statusCode(), r.body());
            assertEquals("custom_template", json(r).get("field").asText());
            assertTrue(json(r).get("error").asText().contains("line 2"), r.body());
            HttpResponse<String> leftover = f.post("/console/endpoint-manager/templates", OPERATOR_TOKEN,
                    "{\"name\":\"Leftover\",\"vendor\":\"example\",\"custom_template\":\"a = {SIP_PIN}\\n\"}");
            assertEquals(400, leftover.statusCode(), "an unknown placeholder is a typo, refused at save: " + leftover.body());
            assertTrue(json(leftover).get("error").asText().contains("line 1: unknown placeholder {SIP_PIN}"), leftover.body());
            HttpResponse<String> badRaw = f.post("/console/endpoint-manager/templates", OPERATOR_TOKEN,
                    "{\"name\":\"BadRaw\",\"raw_parameters\":\"[nokia]\\nx = 1\"}");
            assertEquals(400, badRaw.statusCode());
            assertEquals("raw_parameters", json(badRaw).get("field").asText());
        }
    }

    @Test
    void previewMasksSecretsAndDiffsAgainstWhatThePhoneFetched() throws Exception {
        try (EngineFixture f = new EngineFixture(root)) {
            assertEquals(201, f.post("/console/endpoint-manager/devices", OPERATOR_TOKEN,
                    "{\"mac\":\"02e3a1000012\",\"vendor\":\"example\",\"username\":\"3001\",\"password\":\"Very-Secret-3001\","
                            + "\"server\":\"pbx.example.com\"}").statusCode());
            JsonNode before = json(f.get("/console/endpoint-manager/devices/02e3a1000012/preview", VIEWER_TOKEN));
            assertTrue(before.get("last_fetched").isNull(), "nothing fetched yet");
            assertFalse(before.get("body").asText().contains("Very-Secret-3001"));
            assertTrue(before.get("body").asText().contains("********"));

            assertEquals(200, f.fetch("/provision/02e3a1000012", null).statusCode());
            JsonNode same = json(f.get("/console/endpoint-manager/devices/02e3a1000012/preview", VIEWER_TOKEN));
            assertFalse(same.get("last_fetched").get("changed").asBoolean());
            assertEquals(0, same.get("last_fetched").get("diff").size());

            assertEquals(200, f.post("/console/endpoint-manager/devices/02e3a1000012/edit", OPERATOR_TOKEN,
                    "{\"settings\":{\"voicemail_number\":\"*55\"},\"password\":\"Another-Secret\"}").statusCode());
            JsonNode changed = json(f.get("/console/endpoint-manager/devices/02e3a1000012/preview", VIEWER_TOKEN));
            assertTrue(changed.get("last_fetched").get("changed").asBoolean());
            String diff = changed.get("last_fetched").get("diff").toString();
            assertTrue(diff.contains("+voicemail=*55"), diff);
            assertFalse(changed.toString().contains("Another-Secret"), "no secret in previews or diffs");
            assertFalse(changed.toString().contains("Very-Secret-3001"));

            JsonNode fetches = json(f.get("/console/endpoint-manager/devices/02e3a1000012/fetches", VIEWER_TOKEN));
            assertEquals(1, fetches.get("fetches").size());
            assertEquals(200, f.get("/console/endpoint-manager/devices/02e3a1000012/preview?file=example-02e3a1000012.cfg",
                    VIEWER_TOKEN).statusCode());
            assertEquals(400, f.get("/console/endpoint-manager/devices/02e3a1000012/preview?file=example-02e3a1999999.cfg",
                    VIEWER_TOKEN).statusCode());
            assertEquals(2, f.fetch("/provision/02e3a1000012", null).statusCode() / 100);
        }
    }

    @Test
    void adminPasswordIsSealedAtRestMaskedInViewsAndKeptWhenTheMaskComesBack() throws Exception {
        try (EngineFixture f = new EngineFixture(root)) {
            String id = create(f, "{\"name\":\"Secure\",\"vendor\":\"example\",\"admin_password\":\"Adm1n-Secret-X\"}");
            HttpResponse<String> shown = f.get("/console/endpoint-manager/templates/" + id, VIEWER_TOKEN);
            assertFalse(shown.body().contains("Adm1n-Secret-X"));
            assertEquals("********", json(shown).get("settings").get("admin_password").asText());
            String stored = f.engine.database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT settings_json FROM endpoint_templates WHERE id = :id").bind("id", id).mapTo(String.class).one());
            assertFalse(stored.contains("Adm1n-Secret-X"), "encrypted at rest: " + stored);

            HttpResponse<String> roundTrip = f.post("/console/endpoint-manager/templates/" + id + "/edit", OPERATOR_TOKEN,
                    "{\"settings\":" + json(shown).get("settings") + "}");
            assertEquals(200, roundTrip.statusCode(), roundTrip.body());
            assertEquals(201, f.post("/console/endpoint-manager/devices", OPERATOR_TOKEN,
                    "{\"mac\":\"02e3a1000013\",\"vendor\":\"example\",\"template_id\":\"" + id
                            + "\",\"username\":\"4001\",\"password\":\"pw4001\"}").statusCode());
            String cfg = f.fetch("/provision/02e3a1000013", null).body();
            assertTrue(cfg.contains("admin.password=Adm1n-Secret-X"), "the mask posted back kept the password: " + cfg);
            JsonNode preview = json(f.get("/console/endpoint-manager/devices/02e3a1000013/preview", VIEWER_TOKEN));
            assertFalse(preview.toString().contains("Adm1n-Secret-X"));
            String audit = f.get("/console/endpoint-manager/audit?action=template.", ADMIN_TOKEN).body();
            assertFalse(audit.contains("Adm1n-Secret-X"), audit);
        }
    }
}
