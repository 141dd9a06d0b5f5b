package org.endpointmanager.vendor.grandstream.driver;

import static org.endpointmanager.testkit.TestingHostContext.ADMIN_TOKEN;
import static org.endpointmanager.testkit.TestingHostContext.OPERATOR_TOKEN;
import static org.endpointmanager.testkit.TestingHostContext.VIEWER_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.endpointmanager.testkit.grandstream.GrandstreamSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 000's discovery scan over a loopback /29 holding three simulated Grandstream phones and
 * two web servers that are not phones.
 */
class DiscoveryScanTest {

    @TempDir
    Path root;

    /** A web server answering every path with the same body. */
    private static HttpServer server(String address, String type, String body) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 8);
        s.createContext("/", ex -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", type);
            ex.sendResponseHeaders(200, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        s.start();
        return s;
    }

    @Test
    void findsGrandstreamPhonesOnlyFromTheirCgiAnswerAndAGrandstreamOui() throws Exception {
        GrandstreamSimulator a = GrandstreamSimulator.start("127.0.0.2", GrandstreamSimulator.Options.gxp2170("000b82a00001"));
        GrandstreamSimulator b = GrandstreamSimulator.start("127.0.0.3",
                new GrandstreamSimulator.Options("000b82b00002", "GXP1625", "1.0.7.13", "admin", "pw", 5, false));
        GrandstreamSimulator c = GrandstreamSimulator.start("127.0.0.4", GrandstreamSimulator.Options.gxp2170("000b82c00003"));
        HttpServer web = server("127.0.0.5", "text/html", "<html><body>router login</body></html>");
        // answers like a Grandstream status, but with a MAC of another maker
        HttpServer impostor = server("127.0.0.6", "application/json",
                "{\"response\":\"success\",\"body\":{\"mac\":\"80:5E:C0:11:22:33\",\"model\":\"GXP2170\",\"version\":\"1.0.0.1\"}}");
        try (ControlEngine e = new ControlEngine(root, true); a; b; c) {
            a.setStatusWithoutLogin(true);
            b.setStatusWithoutLogin(true);
            String ports = "[" + a.port() + "," + b.port() + "," + c.port() + "," + web.getAddress().getPort() + ","
                    + impostor.getAddress().getPort() + "]";
            String body = "{\"subnet\":\"127.0.0.0/29\",\"scan_type\":\"http\",\"ports\":" + ports + ",\"concurrency\":4}";

            assertEquals(403, e.send("POST", "/discovery/scan", OPERATOR_TOKEN, body).statusCode());
            assertEquals(403, e.send("POST", "/discovery/scan", VIEWER_TOKEN, body).statusCode());
            HttpResponse<String> started = e.send("POST", "/discovery/scan", ADMIN_TOKEN, body);
            assertEquals(202, started.statusCode(), started.body());
            JsonNode job = e.awaitJob(e.json(started).get("id").asText(), VIEWER_TOKEN);
            assertEquals(6, job.get("items").size(), "the /29's six host addresses: " + job);
            assertEquals(2, job.get("succeeded").asInt(), job.toString());
            Map<String, JsonNode> items = new HashMap<>();
            job.get("items").forEach(i -> items.put(i.get("target").asText(), i));
            assertTrue(items.get("127.0.0.2").get("detail").asText().startsWith("found GXP2170 00:0b:82:a0:00:01"),
                    items.get("127.0.0.2").toString());
            assertEquals("ok", items.get("127.0.0.3").get("status").asText());
            assertTrue(items.get("127.0.0.4").get("detail").asText().contains("only after a login"),
                    items.get("127.0.0.4").toString());
            assertEquals("failed", items.get("127.0.0.5").get("status").asText());
            assertTrue(items.get("127.0.0.6").get("detail").asText().contains("no Grandstream OUI"),
                    items.get("127.0.0.6").toString());
            assertFalse(a.functions().contains("dologin"), "a scan never logs in");
            assertEquals(0, c.failedLogins());

            JsonNode found = e.json(e.send("GET", "/discovery", VIEWER_TOKEN, null));
            Map<String, JsonNode> byMac = new HashMap<>();
            found.get("discovered").forEach(d -> byMac.put(d.get("mac").asText(), d));
            assertEquals(2, byMac.size(), found.toString());
            JsonNode phoneB = byMac.get("00:0b:82:b0:00:02");
            assertEquals("127.0.0.3", phoneB.get("ip").asText(), phoneB.toString());
            assertEquals("GXP1625", phoneB.get("model").asText());
            assertEquals("1.0.7.13", phoneB.get("firmware").asText());
            assertEquals("scan", phoneB.get("source").asText());
            assertTrue(byMac.containsKey("00:0b:82:a0:00:01"));
        } finally {
            web.stop(0);
            impostor.stop(0);
        }
    }

    @Test
    void theSubnetIsBoundedAndMustBeAllowed() throws Exception {
        try (ControlEngine e = new ControlEngine(root, false)) {
            assertEquals(400, e.send("POST", "/discovery/scan", ADMIN_TOKEN, "{\"subnet\":\"10.0.0.0/21\"}").statusCode(),
                    "larger than a /22");
            assertEquals(400, e.send("POST", "/discovery/scan", ADMIN_TOKEN, "{\"subnet\":\"192.168.1.0/24\"}").statusCode(),
                    "outside [control] allowed_subnets");
            assertEquals(400, e.send("POST", "/discovery/scan", ADMIN_TOKEN, "{\"subnet\":\"127.0.0.0/29\"}").statusCode(),
                    "loopback without allow_loopback");
            assertEquals(400, e.send("POST", "/discovery/scan", ADMIN_TOKEN,
                    "{\"subnet\":\"10.0.1.0/24\",\"scan_type\":\"snmp\"}").statusCode());
            assertEquals(400, e.send("POST", "/discovery/scan", ADMIN_TOKEN, "{\"subnet\":\"not a subnet\"}").statusCode());
            assertEquals(0, e.json(e.send("GET", "/jobs", ADMIN_TOKEN, null)).path("jobs").size(), "no job was started");
        }
    }
}
