package org.endpointmanager.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.core.EndpointManager;
import org.endpointmanager.core.config.ConfigLoader;
import org.endpointmanager.testkit.TestingHostContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIP Plug-and-Play with the five real vendor plug-ins, the way a host whose SIP stack receives the
 * SUBSCRIBEs hands them to the add-on: each vendor's SUBSCRIBE form gets 200 and a NOTIFY whose URL,
 * fetched as that vendor's phone would (appending its file name), is 404 until the phone is adopted
 * from Discovery and then serves its config; a blacklisted MAC gets nothing.
 */
class HostPnpTest {

    @TempDir
    Path dir;

    private EndpointManager engine;
    private DatagramSocket phone;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws Exception {
        engine = EndpointManager.create(ConfigLoader.parse("""
                provision_url_base = "http://127.0.0.1:8080/provision"
                [http]
                bind = "127.0.0.1"
                port = 0
                [sip]
                bind = "127.0.0.1"
                port = 0
                t1_ms = 20
                """, "t.toml"), new TestingHostContext(dir), Clock.systemUTC());
        engine.start();
        assertEquals(200, post("/console/endpoint-manager/settings",
                "{\"provision_url_base\": \"http://127.0.0.1:" + engine.port() + "/provision\", \"pnp_enabled\": true}")
                .statusCode());
        phone = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        phone.setSoTimeout(3000);
    }

    @AfterEach
    void stop() {
        phone.close();
        engine.close();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + engine.port() + path))
                .header("Authorization", "Bearer " + TestingHostContext.ADMIN_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> fetch(String url, String ua) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("User-Agent", ua).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void subscribe(String macUser, String vendor, String model, String version) {
        String me = "127.0.0.1:" + phone.getLocalPort();
        String text = "SUBSCRIBE sip:" + macUser + "@224.0.1.75 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + me + ";branch=z9hG4bK" + macUser.hashCode() + ";rport\r\n"
                + "From: <sip:" + macUser + "@224.0.1.75>;tag=ft1\r\n"
                + "To: <sip:" + macUser + "@224.0.1.75>\r\n"
                + "Call-ID: pnp-" + macUser.hashCode() + "@phone\r\n"
                + "CSeq: 1 SUBSCRIBE\r\n"
                + "Contact: <sip:" + me + ">\r\n"
                + "Event: ua-profile;profile-type=\"device\";vendor=\"" + vendor + "\";model=\"" + model + "\";version=\""
                + version + "\"\r\n"
                + "Accept: application/url\r\nMax-Forwards: 70\r\nExpires: 0\r\nContent-Length: 0\r\n\r\n";
        engine.pnp().handle(text.getBytes(StandardCharsets.UTF_8),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), phone.getLocalPort()));
    }

    private String receive() throws Exception {
        byte[] buf = new byte[8192];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        phone.receive(p);
        return new String(buf, 0, p.getLength(), StandardCharsets.UTF_8);
    }

    private void pnpLoop(String macUser, String vendor, String model, String version, String ua, String fileName)
            throws Exception {
        subscribe(macUser, vendor, model, version);
        String ok = receive();
        assertTrue(ok.startsWith("SIP/2.0 200"), ok);
        String notify = receive();
        assertTrue(notify.startsWith("NOTIFY "), notify);
        assertTrue(notify.contains("Content-Type: application/url"), notify);
        String url = notify.substring(notify.indexOf("\r\n\r\n") + 4).strip();
        MacAddress mac = MacAddress.parse(macUser.replaceFirst("(?i)^MAC(%3A)?", ""));
        String fileUrl = url.contains("{mac}") ? url.replace("{mac}", mac.upper()) : url + fileName;
        assertEquals(404, fetch(fileUrl, ua).statusCode(), "not adopted yet: " + fileUrl);
        HttpResponse<String> adopt = post("/console/endpoint-manager/discovery/" + mac.lower() + "/adopt",
                "{\"extension\": \"1001\"}");
        assertTrue(adopt.statusCode() == 200 || adopt.statusCode() == 201, "adopted from Discovery: " + adopt.body());
        HttpResponse<String> cfg = fetch(fileUrl, ua);
        assertEquals(200, cfg.statusCode(), fileUrl);
        assertTrue(cfg.body().contains("1001"), cfg.body());
    }

    @Test
    void yealink() throws Exception {
        pnpLoop("MAC805ec0cccccc", "Yealink", "T46S", "66.86.0.15", "Yealink SIP-T46S 66.86.0.15 80:5e:c0:cc:cc:cc",
                "805ec0cccccc.cfg");
    }

    @Test
    void grandstream() throws Exception {
        pnpLoop("MAC%3A000B82CCCCCC", "Grandstream", "GXP2170", "1.0.7.97",
                "Grandstream Model HW GXP2170 SW 1.0.7.97 DevId 000b82cccccc", "cfg000b82cccccc.xml");
    }

    @Test
    void snom() throws Exception {
        pnpLoop("MAC%3a000413CCCCCC", "snom", "D785", "10.1.169.16",
                "Mozilla/4.0 (compatible; snomD785-SIP 10.1.169.16 2010.12-00001-gd311851f1 (Feb 25 2019 - 14:19:43) "
                        + "000413CCCCCC SXM:0 UXM:0 UXMC:0)", "000413CCCCCC.xml");
    }

    @Test
    void aBlacklistedMacGetsNothing() throws Exception {
        assertEquals(200, post("/console/endpoint-manager/settings", "{\"mac_blacklist\": [\"80:5e:c0:dd:dd:dd\"]}").statusCode());
        phone.setSoTimeout(700);
        subscribe("MAC805ec0dddddd", "Yealink", "T46S", "66.86.0.15");
        assertThrows(SocketTimeoutException.class, this::receive);
    }
}
