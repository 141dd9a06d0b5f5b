package org.endpointmanager.core.security;

import static org.endpointmanager.testkit.TestingHostContext.ADMIN_TOKEN;
import static org.endpointmanager.testkit.TestingHostContext.OPERATOR_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.endpointmanager.core.http.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full console scenario: no secret in any log line or console answer; audit rows outlive devices. */
class SecretsStayHiddenTest {

    private static final List<String> SECRETS = List.of("Line-Pw-7731", "Admin-Pw-5519", "Http-Pw-8842", "Tpl-Admin-Pw-3390");

    @TempDir
    Path root;

    @Test
    void noSecretReachesALogLineOrAConsoleAnswerAndAuditRowsSurviveDeletion() throws Exception {
        List<HttpResponse<String>> answers = new ArrayList<>();
        List<String> lines;
        String base = "/console/endpoint-manager";
        try (LogCapture log = new LogCapture(); SecuredEngine f = new SecuredEngine(root,
                "[provisioning]\nsigning_key = \"0123456789abcdef0123456789abcdef\"\n")) {
            answers.add(f.post(base + "/templates", OPERATOR_TOKEN, "{\"name\":\"T\",\"vendor\":\"example\","
                    + "\"settings\":{\"admin_password\":\"Tpl-Admin-Pw-3390\"}}"));
            answers.add(f.post(base + "/devices", OPERATOR_TOKEN, """
                    {"mac":"02e3a1000042","vendor":"example","model":"EP200","label":"L","username":"1042",
                     "password":"Line-Pw-7731","server":"203.0.113.10","settings":{"admin_password":"Admin-Pw-5519"}}"""));
            assertEquals(201, answers.get(answers.size() - 1).statusCode(), answers.get(answers.size() - 1).body());
            answers.add(f.post(base + "/devices/02e3a1000042/http-credentials", OPERATOR_TOKEN,
                    "{\"username\":\"p42\",\"password\":\"Http-Pw-8842\"}"));
            HttpResponse<String> config = f.fetch("/provision/02e3a1000042");
            assertTrue(config.body().contains("Line-Pw-7731") || config.statusCode() == 404);
            answers.add(f.post(base + "/devices/02e3a1000042/edit", OPERATOR_TOKEN,
                    "{\"label\":\"Edited\",\"password\":\"Line-Pw-7731\"}"));
            Map<String, String> admin = Map.of("Authorization", "Bearer " + ADMIN_TOKEN);
            for (String get : List.of("/devices", "/devices/02e3a1000042", "/devices/02e3a1000042/preview", "/templates",
                    "/settings", "/audit", "/security/stats", "/devices/02e3a1000042/fetches")) {
                answers.add(f.send("GET", base + get, admin, null));
            }
            answers.add(f.post(base + "/devices/02e3a1000042/signed-url", OPERATOR_TOKEN,
                    "{\"file\":\"example-02e3a1000042.cfg\",\"ttl_seconds\":60}"));
            answers.add(f.post(base + "/settings", ADMIN_TOKEN, "{\"star_code\":\"*55*\"}"));
            answers.add(f.post(base + "/devices/02e3a1000042/delete", OPERATOR_TOKEN, ""));

            HttpResponse<String> audit = f.send("GET", base + "/audit?target=02:e3:a1:00:00:42", admin, null);
            answers.add(audit);
            JsonNode entries = Json.parseObject(audit.body()).get("entries");
            List<String> actions = new ArrayList<>();
            entries.forEach(e -> actions.add(e.get("action").asText()));
            assertTrue(actions.contains("device.http_credentials"), actions.toString());
            HttpResponse<String> all = f.send("GET", base + "/audit", admin, null);
            assertTrue(all.body().contains("device.delete") || all.body().contains("device.create"),
                    "audit rows survive the device's deletion: " + all.body());
            assertTrue(all.body().contains("device.signed_url"));
            lines = log.lines();
        }
        for (HttpResponse<String> r : answers) {
            for (String secret : SECRETS) {
                assertFalse(r.body().contains(secret), r.uri() + " answered a secret: " + r.body());
            }
        }
        for (String line : lines) {
            for (String secret : SECRETS) {
                assertFalse(line.contains(secret), "log line holds a secret: " + line);
            }
        }
        assertTrue(lines.size() > 5, "log lines were captured");
    }
}
