package org.endpointmanager.core.security;

import static org.endpointmanager.testkit.TestingHostContext.ADMIN_TOKEN;
import static org.endpointmanager.testkit.TestingHostContext.OPERATOR_TOKEN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.endpointmanager.core.http.Json;
import org.endpointmanager.core.provisioning.ProvisioningService;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 7's "done when" for provisioning, over real HTTP against a real engine. */
class ProvisioningAccessTest {

    private static final String DEVICES = "/console/endpoint-manager/devices";

    @TempDir
    Path root;

    /** Headers that must be the same for every refusal (Date changes with time, so it is left out). */
    private static Map<String, Object> comparable(HttpResponse<byte[]> r) {
        Map<String, Object> out = new TreeMap<>();
        r.headers().map().forEach((k, v) -> {
            if (!k.equalsIgnoreCase("date")) {
                out.put(k.toLowerCase(), v);
            }
        });
        out.put(":status", r.statusCode());
        out.put(":body", new String(r.body(), StandardCharsets.UTF_8));
        return out;
    }

    @Test
    void aMacScanGetsOnly404sIsLockedOutAndCostsNoQueryAfterLockOut() throws Exception {
        try (SecuredEngine f = new SecuredEngine(root, "[provisioning]\nlockout_misses = 20\n");
                LogCapture log = new LogCapture()) {
            assertEquals(201, f.post(DEVICES, OPERATOR_TOKEN, SecuredEngine.DEVICE).statusCode());
            AtomicLong statements = new AtomicLong();
            f.engine.database().jdbi().getConfig(SqlStatements.class).setSqlLogger(new SqlLogger() {
                @Override
                public void logBeforeExecution(StatementContext context) {
                    statements.incrementAndGet();
                }
            });
            Random random = new Random(7);
            long afterLockout = -1;
            Map<String, Object> first = null;
            for (int i = 0; i < 10_000; i++) {
                String mac = String.format("%012x", random.nextLong() & 0xffffffffffffL);
                HttpResponse<byte[]> r = f.get("/provision/" + mac, Map.of());
                assertEquals(404, r.statusCode(), mac);
                if (first == null) {
                    first = comparable(r);
                } else {
                    assertEquals(first, comparable(r), "a locked-out answer looks like any other 404");
                }
                if (i == 19) {
                    afterLockout = statements.get();
                }
            }
            assertEquals(afterLockout, statements.get(), "no statement ran after the lock-out");
            assertEquals(404, f.fetch("/provision/" + SecuredEngine.MAC).statusCode(), "even a known MAC while locked out");
            assertEquals(afterLockout, statements.get());

            long lockLines = log.lines().stream().filter(l -> l.startsWith("provision lockout ip=127.0.0.1 misses=20 window=60s")).count();
            assertEquals(1, lockLines, "one lock-out line");
            HttpResponse<String> statsResponse = f.send("GET", "/console/endpoint-manager/security/stats",
                    Map.of("Authorization", "Bearer " + ADMIN_TOKEN), null);
            var p = Json.parseObject(statsResponse.body()).get("provisioning");
            assertEquals(1, p.get("lockouts").asInt());
            assertEquals(20, p.get("misses").asInt());
            assertEquals(10_000 - 20 + 1, p.get("refused_while_locked").asInt());

            f.clock.advance(Duration.ofSeconds(601));
            assertEquals(200, f.fetch("/provision/" + SecuredEngine.MAC).statusCode(), "the lock-out ends");
        }
    }

    @Test
    void aKnownMacFromAnUnlistedAddressLooksExactlyLikeAnUnknownOne() throws Exception {
        String toml = """
                [provisioning]
                allowed_subnets = ["10.0.0.0/8"]
                signing_key = "0123456789abcdef0123456789abcdef"
                lockout_misses = 1000
                """;
        try (SecuredEngine f = new SecuredEngine(root, toml)) {
            assertEquals(201, f.post(DEVICES, OPERATOR_TOKEN, SecuredEngine.DEVICE).statusCode());
            f.post(DEVICES + "/" + SecuredEngine.MAC + "/http-credentials", OPERATOR_TOKEN,
                    "{\"username\":\"phone1001\",\"password\":\"digest-pass-1\"}");
            Map<String, Object> unknown = comparable(f.get("/provision/02e3a1000000", Map.of()));
            assertEquals(404, unknown.get(":status"));
            assertEquals(unknown, comparable(f.get("/provision/" + SecuredEngine.MAC, Map.of())), "known MAC, unlisted");
            assertEquals(unknown, comparable(f.get("/provision/example-" + SecuredEngine.MAC + ".cfg", Map.of())));
            assertEquals(unknown, comparable(f.get("/provision/" + SecuredEngine.MAC + "?exp=9999999999&sig="
                    + "00".repeat(32), Map.of())), "bad signature");
            assertEquals(unknown, comparable(f.get("/provision/t/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/"
                    + SecuredEngine.MAC, Map.of())), "bad token");
            assertEquals(unknown, comparable(f.get("/provision/" + SecuredEngine.MAC, Map.of("Authorization",
                    "Digest username=\"phone1001\", realm=\"endpoint-manager\", nonce=\"00\", uri=\"/provision/"
                            + SecuredEngine.MAC + "\", response=\"00\""))), "wrong credentials");
            assertEquals(unknown, comparable(f.get("/provision/a/b/c", Map.of())));
        }
    }

    @Test
    void aSignedUrlWorksUntilItsExpiryAndATamperedOneNever() throws Exception {
        String toml = """
                [provisioning]
                allowed_subnets = ["10.0.0.0/8"]
                signing_key = "0123456789abcdef0123456789abcdef"
                """;
        try (SecuredEngine f = new SecuredEngine(root, toml)) {
            assertEquals(201, f.post(DEVICES, OPERATOR_TOKEN, SecuredEngine.DEVICE).statusCode());
            HttpResponse<String> signed = f.post(DEVICES + "/" + SecuredEngine.MAC + "/signed-url", OPERATOR_TOKEN,
                    "{\"file\":\"example-" + SecuredEngine.MAC + ".cfg\",\"ttl_seconds\":60}");
            assertEquals(200, signed.statusCode(), signed.body());
            String url = Json.parseObject(signed.body()).get("url").asText();
            String path = url.substring(url.indexOf("/provision/"));
            assertTrue(path.matches("/provision/example-02e3a1123456\\.cfg\\?exp=\\d+&sig=[0-9a-f]{64}"), path);
            HttpResponse<String> ok = f.fetch(path);
            assertEquals(200, ok.statusCode());
            assertTrue(ok.body().contains("Sup3r-Secret-Pw"));
            String tampered = path.substring(0, path.length() - 1) + (path.endsWith("0") ? "1" : "0");
            assertEquals(404, f.fetch(tampered).statusCode());
            String otherExpiry = path.replaceFirst("exp=(\\d+)", "exp=9$1");
            assertEquals(404, f.fetch(otherExpiry).statusCode(), "the expiry is signed");
            assertEquals(404, f.fetch(path.replace("example-", "example-common.cfg#")).statusCode());
            f.clock.advance(Duration.ofSeconds(60));
            assertEquals(200, f.fetch(path).statusCode(), "valid through its expiry second");
            f.clock.advance(Duration.ofSeconds(1));
            assertEquals(404, f.fetch(path).statusCode(), "expired");

            assertEquals(400, f.post(DEVICES + "/" + SecuredEngine.MAC + "/signed-url", OPERATOR_TOKEN,
                    "{\"file\":\"example-02e3a1000000.cfg\",\"ttl_seconds\":60}").statusCode(), "another phone's file");
            assertEquals(400, f.post(DEVICES + "/" + SecuredEngine.MAC + "/signed-url", OPERATOR_TOKEN,
                    "{\"file\":\"example-02e3a1123456.cfg\",\"ttl_seconds\":0}").statusCode());
        }
    }

    @Test
    void aRotatedTokenKeepsWorkingUntilThePhoneFetchedWithItsNewOne() throws Exception {
        String toml = """
                [provisioning]
                allowed_subnets = ["10.0.0.0/8"]
                """;
        try (SecuredEngine f = new SecuredEngine(root, toml)) {
            HttpResponse<String> template = f.post("/console/endpoint-manager/templates", OPERATOR_TOKEN,
                    "{\"name\":\"Url\",\"vendor\":\"example\",\"custom_template\":\"url={PROVISIONING_URL}\\npass={SIP_PASS}\\n\"}");
            assertEquals(201, template.statusCode(), template.body());
            String templateId = Json.parseObject(template.body()).get("id").asText();
            assertEquals(201, f.post(DEVICES, OPERATOR_TOKEN, SecuredEngine.DEVICE.replace("\"label\"",
                    "\"template_id\":\"" + templateId + "\",\"label\"")).statusCode());
            String file = "/example-" + SecuredEngine.MAC + ".cfg";

            String first = rotate(f);
            HttpResponse<String> r1 = f.fetch(first + file);
            assertEquals(200, r1.statusCode());
            assertTrue(r1.body().contains("url=http://127.0.0.1:8080" + first + "/"), r1.body());

            String second = rotate(f);
            String third = rotate(f); // rotated twice before the phone came back: it still holds the first
            assertEquals(404, f.fetch(second + file).statusCode(), "a token the phone never had is dropped");
            HttpResponse<String> r2 = f.fetch(first + file);
            assertEquals(200, r2.statusCode(), "the old token works until the phone fetched with the new one");
            assertTrue(r2.body().contains("url=http://127.0.0.1:8080" + third + "/"), "the phone is handed its new base");
            assertEquals(200, f.fetch(third + file).statusCode());
            assertEquals(404, f.fetch(first + file).statusCode(), "after a fetch with the new token the old one is dead");
            assertEquals(200, f.fetch(third + "/example-common.cfg").statusCode(), "a token opens the common files too");
            String tampered = third.substring(0, third.length() - 1) + (third.endsWith("A") ? "B" : "A");
            assertEquals(404, f.fetch(tampered + file).statusCode());
            assertEquals(404, f.fetch(third + "/example-02e3a1000000.cfg").statusCode(), "not another phone's file");

            HttpResponse<String> copy = f.send("GET", DEVICES + "/" + SecuredEngine.MAC + "/preview",
                    Map.of("Authorization", "Bearer " + OPERATOR_TOKEN), null);
            assertFalse(copy.body().contains(third.substring(third.lastIndexOf('/') + 1)), "previews mask the token");
        }
    }

    private static String rotate(SecuredEngine f) throws Exception {
        HttpResponse<String> r = f.post(DEVICES + "/" + SecuredEngine.MAC + "/token/rotate", OPERATOR_TOKEN, "");
        assertEquals(200, r.statusCode(), r.body());
        String base = Json.parseObject(r.body()).get("base_url").asText();
        assertTrue(base.matches("http://127\\.0\\.0\\.1:8080/provision/t/[A-Za-z0-9_-]{43}/"), base);
        return base.substring("http://127.0.0.1:8080".length(), base.length() - 1);
    }

    @Test
    void digestCredentialsWorkOnceAndAReplayedOrStaleNonceFails() throws Exception {
        String toml = """
                [provisioning]
                allowed_subnets = ["10.0.0.0/8"]
                """;
        try (SecuredEngine f = new SecuredEngine(root, toml)) {
            assertEquals(201, f.post(DEVICES, OPERATOR_TOKEN, SecuredEngine.DEVICE).statusCode());
            assertEquals(200, f.post(DEVICES + "/" + SecuredEngine.MAC + "/http-credentials", OPERATOR_TOKEN,
                    "{\"username\":\"phone1001\",\"password\":\"digest-pass-1\"}").statusCode());
            String uri = "/provision/a/" + SecuredEngine.MAC;
            HttpResponse<byte[]> challenge = f.get(uri, Map.of());
            HttpResponse<byte[]> unknown = f.get("/provision/a/02e3a1000000", Map.of());
            assertEquals(401, challenge.statusCode());
            Map<String, Object> a = comparable(challenge);
            Map<String, Object> b = comparable(unknown);
            a.remove("www-authenticate");
            b.remove("www-authenticate");
            assertEquals(a, b, "the challenge is the same for unknown MACs");
            String header = challenge.headers().firstValue("WWW-Authenticate").orElseThrow();
            assertEquals(header.replaceAll("nonce=\"[0-9a-f]+\"", ""),
                    unknown.headers().firstValue("WWW-Authenticate").orElseThrow().replaceAll("nonce=\"[0-9a-f]+\"", ""));
            Matcher m = Pattern.compile("nonce=\"([0-9a-f]+)\"").matcher(header);
            assertTrue(m.find());
            String nonce = m.group(1);

            assertEquals(200, f.get(uri, Map.of("Authorization", digest("phone1001", "digest-pass-1", nonce, 1, uri))).statusCode());
            assertEquals(404, f.get(uri, Map.of("Authorization", digest("phone1001", "digest-pass-1", nonce, 1, uri))).statusCode(),
                    "a replayed nonce count fails");
            assertEquals(200, f.get(uri, Map.of("Authorization", digest("phone1001", "digest-pass-1", nonce, 2, uri))).statusCode());
            assertEquals(404, f.get(uri, Map.of("Authorization", digest("phone1001", "wrong-pass", nonce, 3, uri))).statusCode());
            assertEquals(404, f.get("/provision/" + SecuredEngine.MAC, Map.of()).statusCode(), "no credentials, unlisted");
            f.clock.advance(Duration.ofMinutes(6));
            assertEquals(401, f.get(uri, Map.of("Authorization", digest("phone1001", "digest-pass-1", nonce, 4, uri))).statusCode(),
                    "a stale nonce gets a fresh challenge");
        }
    }

    static String digest(String user, String pass, String nonce, int nc, String uri) {
        String ncText = String.format("%08x", nc);
        String ha1 = HttpAuthenticator.md5(user + ":endpoint-manager:" + pass);
        String ha2 = HttpAuthenticator.md5("GET:" + uri);
        String response = HttpAuthenticator.md5(ha1 + ":" + nonce + ":" + ncText + ":abcdef:auth:" + ha2);
        return "Digest username=\"" + user + "\", realm=\"endpoint-manager\", nonce=\"" + nonce + "\", uri=\"" + uri
                + "\", qop=auth, nc=" + ncText + ", cnonce=\"abcdef\", response=\"" + response + "\", algorithm=MD5";
    }

    @Test
    void tftpWithRequireSignatureGetsOnlyFilesWithoutSecrets() throws Exception {
        String toml = """
                [provisioning]
                signing_key = "0123456789abcdef0123456789abcdef"
                require_signature = true
                """;
        try (SecuredEngine f = new SecuredEngine(root, toml)) {
            assertEquals(201, f.post(DEVICES, OPERATOR_TOKEN, SecuredEngine.DEVICE).statusCode());
            ProvisioningService service = f.engine.provisioning();
            InetAddress lan = InetAddress.getByName("192.0.2.10");
            assertEquals(404, service.serve(new ProvisioningService.Request("example-" + SecuredEngine.MAC + ".cfg",
                    Optional.empty(), lan, "tftp")).status());
            assertEquals(200, service.serve(new ProvisioningService.Request("example-common.cfg", Optional.empty(), lan,
                    "tftp")).status());
            assertEquals(404, f.fetch("/provision/" + SecuredEngine.MAC).statusCode(), "plain HTTP too");
        }
    }

    @Test
    void tftpIsLimitedBySubnetsAndTheMacLists() throws Exception {
        try (SecuredEngine f = new SecuredEngine(root, "[provisioning]\nallowed_subnets = [\"192.0.2.0/24\"]\n")) {
            assertEquals(201, f.post(DEVICES, OPERATOR_TOKEN, SecuredEngine.DEVICE).statusCode());
            ProvisioningService service = f.engine.provisioning();
            String name = "example-" + SecuredEngine.MAC + ".cfg";
            assertEquals(200, service.serve(new ProvisioningService.Request(name, Optional.empty(),
                    InetAddress.getByName("192.0.2.10"), "tftp")).status());
            ProvisioningService.Response outside = service.serve(new ProvisioningService.Request(name, Optional.empty(),
                    InetAddress.getByName("198.51.100.7"), "tftp"));
            assertEquals(404, outside.status());
            assertArrayEquals(service.serve(new ProvisioningService.Request("example-02e3a1000000.cfg", Optional.empty(),
                    InetAddress.getByName("192.0.2.10"), "tftp")).body(), outside.body());
            assertEquals(200, f.post("/console/endpoint-manager/settings", ADMIN_TOKEN,
                    "{\"mac_blacklist\":[\"" + SecuredEngine.MAC + "\"]}").statusCode());
            assertNotEquals(200, service.serve(new ProvisioningService.Request(name, Optional.empty(),
                    InetAddress.getByName("192.0.2.10"), "tftp")).status(), "blacklisted");
        }
    }
}
