package org.endpointmanager.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.endpointmanager.api.host.Extension;
import org.endpointmanager.api.host.HostContext;
import org.endpointmanager.core.EndpointManager;
import org.endpointmanager.core.config.ConfigLoader;
import org.endpointmanager.testkit.TestingHostContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every vendor's real boot sequence (file names and User-Agents from reference/vendors.md) through
 * the engine with all five plug-ins loaded by ServiceLoader: the right file for each request, the
 * MAC file carrying that device's two lines, shared files without secrets, XML that xmllint
 * accepts, and the full profile (codec order, time zone, NTP, VLAN, DND, 4 BLF keys) under each
 * vendor's documented keys.
 */
class HostBootSequenceTest {

    private static final String PROFILE_TEMPLATE = """
            {"name": "Full", "codecs": ["PCMU", "PCMA", "G722"], "time_zone": "Europe/Berlin",
             "ntp_servers": ["pool.ntp.org"], "vlan": {"id": 20, "priority": 5}, "dnd": false,
             "keys": [{"index": 3, "type": "blf", "value": "1003", "label": "Carol"},
                      {"index": 4, "type": "blf", "value": "1004", "label": "Dan"},
                      {"index": 5, "type": "blf", "value": "1005", "label": "Eve"},
                      {"index": 6, "type": "blf", "value": "1006", "label": "Fay"}]}""";

    @TempDir
    Path dir;

    private EndpointManager engine;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws Exception {
        TestingHostContext host = new TestingHostContext(dir);
        host.addExtension(new Extension("1001", "1001", org.endpointmanager.api.Secret.of("Line1-Secret"), "Alice Example"));
        host.addExtension(new Extension("1002", "1002", org.endpointmanager.api.Secret.of("Line2-Secret"), "Bob Example"));
        HostContext ctx = host;
        engine = EndpointManager.create(ConfigLoader.parse("""
                provision_url_base = "http://127.0.0.1:8080/provision"
                [http]
                bind = "127.0.0.1"
                port = 0
                """, "t.toml"), ctx, java.time.Clock.systemUTC());
        engine.start();
        String template = send("POST", "/console/endpoint-manager/templates", PROFILE_TEMPLATE, null).body();
        String id = template.replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1");
        assertEquals(200, send("POST", "/console/endpoint-manager/sites/default/edit",
                "{\"default_template_id\":\"" + id + "\"}", null).statusCode());
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private HttpResponse<String> send(String method, String path, String body, String userAgent)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + engine.port() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Authorization", "Bearer " + TestingHostContext.ADMIN_TOKEN).header("Content-Type", "application/json");
        }
        if (userAgent != null) {
            b.header("User-Agent", userAgent);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void device(String mac, String vendor, String model) throws Exception {
        HttpResponse<String> r = send("POST", "/console/endpoint-manager/devices", """
                {"mac": "%s", "vendor": "%s", "model": "%s", "label": "Desk",
                 "lines": [{"index": 1, "extension": "1001"}, {"index": 2, "extension": "1002"}]}"""
                .formatted(mac, vendor, model), null);
        assertEquals(201, r.statusCode(), r.body());
    }

    private String fetch(String file, String ua, int expected) throws Exception {
        HttpResponse<String> r = send("GET", "/provision/" + file, null, ua);
        assertEquals(expected, r.statusCode(), file + " with " + ua);
        return r.body();
    }

    private static void noSecrets(String body, String file) {
        assertFalse(body.contains("Line1-Secret") || body.contains("Line2-Secret"), "shared file " + file + " carries a secret");
    }

    private static void has(String body, String regex) {
        assertTrue(Pattern.compile(regex, Pattern.MULTILINE).matcher(body).find(), "missing /" + regex + "/ in:\n" + body);
    }

    private void xmllint(String body) throws Exception {
        Path f = Files.createTempFile(dir, "file", ".xml");
        Files.writeString(f, body, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder("xmllint", "--noout", "--nonet", f.toString()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "xmllint refused the file: " + out + "\n" + body);
    }

    @Test
    void yealink() throws Exception {
        device("80:5e:c0:aa:aa:aa", "yealink", "T46S");
        String ua = "Yealink SIP-T46S 66.86.0.15 80:5e:c0:aa:aa:aa";
        String boot = fetch("y000000000000.boot", ua, 200);
        has(boot, "^#!version:1\\.0\\.0\\.1");
        noSecrets(boot, "y000000000000.boot");
        String macBoot = fetch("805ec0aaaaaa.boot", ua, 200);
        has(macBoot, "include:config");
        noSecrets(fetch("y000000000066.cfg", ua, 200), "y000000000066.cfg");
        String cfg = fetch("805ec0aaaaaa.cfg", ua, 200);
        has(cfg, "^account\\.1\\.user_name = 1001$");
        has(cfg, "^account\\.1\\.password = Line1-Secret$");
        has(cfg, "^account\\.2\\.user_name = 1002$");
        has(cfg, "^account\\.2\\.password = Line2-Secret$");
        has(cfg, "^account\\.1\\.codec\\.pcma\\.priority = 2$");
        has(cfg, "^local_time\\.ntp_server1 = pool\\.ntp\\.org$");
        has(cfg, "^local_time\\.time_zone = \\+1$");
        has(cfg, "^static\\.network\\.vlan\\.internet_port_vid = 20$");
        has(cfg, "^static\\.network\\.vlan\\.internet_port_priority = 5$");
        has(cfg, "^linekey\\.3\\.type = 16$");
        has(cfg, "^linekey\\.6\\.value = 1006$");
        fetch("805ec0aaaaaa-local.cfg", ua, 404);
    }

    @Test
    void fanvil() throws Exception {
        device("0c:38:3e:aa:aa:aa", "fanvil", "X4");
        String ua = "Fanvil X4 2.10.2.6887 0c383eaaaaaa";
        String cfg = fetch("0c383eaaaaaa.cfg", ua, 200);
        has(cfg, "^<<VOIP CONFIG FILE>>");
        has(cfg, "^SIP1 Register User\\s*:1001$");
        has(cfg, "^SIP1 Register Pswd\\s*:Line1-Secret$");
        has(cfg, "^SIP2 Register User\\s*:1002$");
        has(cfg, "PCMU,PCMA,G722");
        noSecrets(fetch("f0X4hw1.100.cfg", ua, 200), "f0X4hw1.100.cfg");
    }

    @Test
    void grandstream() throws Exception {
        device("00:0b:82:aa:aa:aa", "grandstream", "GXP2170");
        String ua = "Grandstream Model HW GXP2170 SW 1.0.7.97 DevId 000b82aaaaaa";
        fetch("cfg000b82aaaaaa", ua, 404);
        String cfg = fetch("cfg000b82aaaaaa.xml", ua, 200);
        xmllint(cfg);
        has(cfg, "<P35>1001</P35>");
        has(cfg, "<P34>Line1-Secret</P34>");
        has(cfg, "<P404>1002</P404>");
        has(cfg, "<P406>Line2-Secret</P406>");
        has(cfg, "<P57>0</P57>");
        has(cfg, "<P58>8</P58>");
        has(cfg, "<P59>9</P59>");
        has(cfg, "<P30>pool\\.ntp\\.org</P30>");
        has(cfg, "<P64>CET-1CEST-2,M3\\.5\\.0/02:00:00,M10\\.5\\.0/03:00:00</P64>");
        has(cfg, "<P51>20</P51>");
        has(cfg, "<P87>5</P87>");
        for (String shared : List.of("cfggxp2170.xml", "cfg.xml")) {
            String c = fetch(shared, ua, 200);
            xmllint(c);
            noSecrets(c, shared);
        }
    }

    @Test
    void snom() throws Exception {
        device("00:04:13:aa:aa:aa", "snom", "D785");
        String ua = "Mozilla/4.0 (compatible; snomD785-SIP 10.1.169.16 2010.12-00001-gd311851f1 (Feb 25 2019 - 14:19:43) "
                + "000413AAAAAA SXM:0 UXM:0 UXMC:0)";
        String common = fetch("snomD785.htm", ua, 200);
        xmllint(common);
        noSecrets(common, "snomD785.htm");
        String list = fetch("snomD785-000413AAAAAA.htm", ua, 200);
        xmllint(list);
        has(list, "000413AAAAAA\\.xml");
        String cfg = fetch("000413AAAAAA.xml", ua, 200);
        xmllint(cfg);
        has(cfg, "<user_name idx=\"1\" perm=\"[RW]+\">1001</user_name>");
        has(cfg, "<user_pass idx=\"1\" perm=\"[RW]+\">Line1-Secret</user_pass>");
        has(cfg, "<user_name idx=\"2\" perm=\"[RW]+\">1002</user_name>");
        has(cfg, "<vlan_id perm=\"[RW]+\">20</vlan_id>");
        has(cfg, "<ntp_server perm=\"[RW]+\">pool\\.ntp\\.org</ntp_server>");
        has(cfg, "<timezone perm=\"[RW]+\">GER\\+1</timezone>");
        has(cfg, "blf sip:1003@");
    }

    @Test
    void htek() throws Exception {
        device("00:1f:c1:aa:aa:aa", "htek", "UC924");
        String ua = "Htek UC924 2.0.4.2 00:1f:c1:aa:aa:aa";
        String common = fetch("cfg0012.xml", ua, 200);
        xmllint(common);
        noSecrets(common, "cfg0012.xml");
        fetch("cfg001fc1aaaaaa", ua, 404);
        for (String file : List.of("cfg001fc1aaaaaa.xml", "001fc1aaaaaa.cfg")) {
            String cfg = fetch(file, ua, 200);
            xmllint(cfg);
            has(cfg, "<P35( [^>]*)?>1001</P35>");
            has(cfg, "<P34( [^>]*)?>Line1-Secret</P34>");
            has(cfg, "<P735( [^>]*)?>1002</P735>");
            has(cfg, "<P734( [^>]*)?>Line2-Secret</P734>");
            has(cfg, "<P51( [^>]*)?>20</P51>");
            has(cfg, "<P30( [^>]*)?>pool\\.ntp\\.org</P30>");
        }
        fetch("factory0001.bin", ua, 404);
    }
}
