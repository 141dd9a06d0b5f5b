package org.endpointmanager.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.endpointmanager.api.vendor.PhonebookEntry;
import org.endpointmanager.api.vendor.VendorPlugin;
import org.endpointmanager.core.EndpointManager;
import org.endpointmanager.core.EndpointManagerAddon;
import org.endpointmanager.core.phonebook.PhonebookFormat;
import org.endpointmanager.core.phonebook.PhonebookParser;
import org.endpointmanager.core.phonebook.PhonebookSource;
import org.endpointmanager.core.render.RenderedFileValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Firmware and phonebooks across the five real vendors: a T46S gets its model's firmware URL and a
 * T54W the vendor-wide one (both download the exact uploaded bytes), each vendor writes the URL
 * under its own key, and every vendor's phonebook file is served, parses, and lists every
 * extension and external entry.
 */
class HostFirmwarePhonebookTest {

    private static final String ADMIN = "sample-site-admin-token-change-me";
    private static final String BOUNDARY = "----hostfwboundary";
    private static final Map<String, String> USER_AGENTS = Map.of(
            "yealink", "Yealink SIP-T46S 66.86.0.15 80:5e:c0:00:00:09",
            "fanvil", "Fanvil X4 2.10.2.6887 0c383e000009",
            "grandstream", "Grandstream Model HW GXP2170 SW 1.0.7.97 DevId 000b82000009",
            "snom", "Mozilla/4.0 (compatible; snomD785-SIP 10.1.169.16 2010.12-00001-gd311851f1 (Feb 25 2019 - 14:19:43) "
                    + "000413000009 SXM:0 UXM:0 UXMC:0)",
            "htek", "Htek UC924 2.0.4.2 00:1f:c1:00:00:09");

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

    private static EndpointManager engine(AddonHost host) {
        return host.addons().stream().filter(a -> a instanceof EndpointManagerAddon).map(a -> (EndpointManagerAddon) a)
                .findFirst().orElseThrow().engine();
    }

    private HttpResponse<String> upload(int port, String vendor, String model, String version, String file, byte[] bytes)
            throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, String> f : Map.of("vendor", vendor, "model", model, "version", version).entrySet()) {
            out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
                    + f.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file
                + "\"\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bytes);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/console/endpoint-manager/firmware"))
                .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> device(int port, String mac, String vendor, String model, String user) throws Exception {
        String json = "{\"mac\":\"" + mac + "\",\"vendor\":\"" + vendor + "\",\"model\":\"" + model + "\",\"username\":\"" + user
                + "\",\"password\":\"Pw-" + user + "\",\"server\":\"203.0.113.10:5060\"}";
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/console/endpoint-manager/devices"))
                .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> fetch(int port, String path, String userAgent) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (userAgent != null) {
            b.header("User-Agent", userAgent);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private static String id(HttpResponse<String> created) {
        Matcher m = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(created.body());
        assertTrue(m.find(), created.body());
        return m.group(1);
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void modelSpecificAndVendorWideFirmwareReachTheRightPhonesAndDownloadExactly() throws Exception {
        try (AddonHost host = AddonHost.start(config())) {
            EndpointManager engine = engine(host);
            int port = engine.port();
            byte[] t46s = random(700_000, 11);
            byte[] wide = random(500_000, 12);
            HttpResponse<String> a = upload(port, "yealink", "T46S", "66.86.0.15", "T46S-66.86.0.15.rom", t46s);
            assertEquals(201, a.statusCode(), a.body());
            HttpResponse<String> b = upload(port, "yealink", "", "96.86.0.20", "yealink-any.rom", wide);
            assertEquals(201, b.statusCode(), b.body());
            assertEquals(422, upload(port, "yealink", "", "1", "virus.exe", random(10, 1)).statusCode());

            assertEquals(201, device(port, "80:5E:C0:00:00:01", "yealink", "T46S", "1001").statusCode());
            assertEquals(201, device(port, "80:5E:C0:00:00:02", "yealink", "T54W", "1002").statusCode());
            String c1 = text(fetch(port, "/provision/805ec0000001.cfg", "Yealink SIP-T46S 66.86.0.10 80:5e:c0:00:00:01"));
            String c2 = text(fetch(port, "/provision/805ec0000002.cfg", "Yealink SIP-T54W 96.86.0.10 80:5e:c0:00:00:02"));
            String base = "http://127.0.0.1:8080/provision/";
            String url1 = base + "firmware/" + id(a) + "/T46S-66.86.0.15.rom";
            String url2 = base + "firmware/" + id(b) + "/yealink-any.rom";
            assertTrue(c1.contains("static.firmware.url = " + url1), c1);
            assertTrue(c2.contains("static.firmware.url = " + url2), c2);
            HttpResponse<byte[]> d1 = fetch(port, "/provision/" + url1.substring(base.length()), null);
            HttpResponse<byte[]> d2 = fetch(port, "/provision/" + url2.substring(base.length()), null);
            assertEquals(sha256(t46s), sha256(d1.body()));
            assertEquals(sha256(wide), sha256(d2.body()));
            assertArrayEquals(t46s, d1.body());
        }
    }

    @Test
    void everyVendorWritesItsFirmwareKey() throws Exception {
        try (AddonHost host = AddonHost.start(config())) {
            int port = engine(host).port();
            for (String[] v : List.of(new String[] {"snom", "snom.bin"}, new String[] {"fanvil", "fanvil.z"},
                    new String[] {"grandstream", "gs.bin"}, new String[] {"htek", "htek.rom"})) {
                assertEquals(201, upload(port, v[0], "", "1.0", v[1], random(1000, 3)).statusCode(), v[0]);
            }
            assertEquals(201, device(port, "00:04:13:00:00:01", "snom", "D785", "1001").statusCode());
            assertEquals(201, device(port, "0c:38:3e:00:00:01", "fanvil", "X4", "1002").statusCode());
            assertEquals(201, device(port, "00:0b:82:00:00:01", "grandstream", "GXP2170", "1003").statusCode());
            assertEquals(201, device(port, "00:1f:c1:00:00:01", "htek", "UC924", "1001").statusCode());
            String snom = text(fetch(port, "/provision/000413000001", null));
            String fanvil = text(fetch(port, "/provision/0c383e000001", null));
            String gs = text(fetch(port, "/provision/000b82000001", null));
            String htek = text(fetch(port, "/provision/001fc1000001", null));
            assertTrue(snom.matches("(?s).*<firmware perm=\"RW\">http://127\\.0\\.0\\.1:8080/provision/firmware/[0-9a-f-]{36}/snom\\.bin</firmware>.*"), snom);
            assertTrue(fanvil.matches("(?s).*App URL\\s*:http://127\\.0\\.0\\.1:8080/provision/firmware/[0-9a-f-]{36}/fanvil\\.z.*"), fanvil);
            assertTrue(gs.matches("(?s).*<P192>127\\.0\\.0\\.1:8080/provision/firmware/[0-9a-f-]{36}</P192>.*"), gs);
            assertFalse(gs.contains("<P237>1</P237>"), gs);
            assertTrue(htek.matches("(?s).*<P192[^>]*>http://127\\.0\\.0\\.1:8080/provision/firmware/[0-9a-f-]{36}</P192>.*"), htek);
            // Grandstream asks for <dir>/<model>fw.bin: the row's bytes are served
            Matcher m = Pattern.compile("<P192>127\\.0\\.0\\.1:8080/provision/(firmware/[0-9a-f-]{36})</P192>").matcher(gs);
            assertTrue(m.find());
            assertEquals(1000, fetch(port, "/provision/" + m.group(1) + "/gxp2170fw.bin", null).body().length);
        }
    }

    @Test
    void everyVendorsPhonebookIsServedParsesAndListsEveryone() throws Exception {
        try (AddonHost host = AddonHost.start(config())) {
            EndpointManager engine = engine(host);
            int port = engine.port();
            Instant now = Instant.now();
            engine.phonebook().sources().insert(new PhonebookSource("ext-1", "Branch Office", "http://192.0.2.1/pb.xml",
                    PhonebookFormat.XML, true, 60, List.of(new PhonebookEntry("Dana <Branch> & Co", List.of("5551234"), "Branch Office")),
                    Optional.of(now), Optional.of(now), Optional.empty(), now, now));
            List<String> names = List.of("Reception", "Sales", "Support");
            List<String> numbers = List.of("1001", "1002", "1003");
            for (VendorPlugin v : engine.vendors().all()) {
                HttpResponse<byte[]> r = fetch(port, "/provision/" + v.phonebookFileName(), USER_AGENTS.get(v.id()));
                assertEquals(200, r.statusCode(), v.id() + " " + v.phonebookFileName());
                // well-formed for the DOCTYPE-refusing parser, and read back through the phonebook source parser
                RenderedFileValidator.safeFactory().newDocumentBuilder().parse(new ByteArrayInputStream(r.body()));
                List<PhonebookEntry> back = PhonebookParser.parse(r.body(), PhonebookFormat.XML, "");
                for (int i = 0; i < names.size(); i++) {
                    String name = names.get(i);
                    String number = numbers.get(i);
                    assertTrue(back.stream().anyMatch(e -> e.name().equals(name) && e.numbers().contains(number)),
                            v.id() + " lacks " + name + ": " + back);
                }
                assertTrue(back.stream().anyMatch(e -> e.name().equals("Dana <Branch> & Co") && e.numbers().contains("5551234")),
                        v.id() + " lacks the external entry: " + back);
                xmllint(r.body(), v.id());
            }
            assertEquals(201, device(port, "80:5E:C0:00:00:03", "yealink", "T46S", "1001").statusCode());
            assertEquals(201, device(port, "00:0b:82:00:00:03", "grandstream", "GXP2170", "1002").statusCode());
            String y = text(fetch(port, "/provision/805ec0000003", null));
            assertTrue(y.contains("remote_phonebook.data.1.url = http://127.0.0.1:8080/provision/"
                    + engine.vendors().require("yealink").phonebookFileName()), y);
            String gs = text(fetch(port, "/provision/000b82000003", null));
            assertTrue(gs.contains("<P331>127.0.0.1:8080/provision</P331>"), gs);
            assertEquals("phonebook.xml", engine.vendors().require("grandstream").phonebookFileName());
        }
    }

    private void xmllint(byte[] xml, String vendor) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/xmllint"))) {
            return;
        }
        Path file = dir.resolve(vendor + "-phonebook.xml");
        Files.write(file, xml);
        Process p = new ProcessBuilder("/usr/bin/xmllint", "--noout", "--nonet", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), vendor + ": " + out);
    }
}
