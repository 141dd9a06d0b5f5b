package org.endpointmanager.core.firmware;

import static org.endpointmanager.testkit.TestingHostContext.ADMIN_TOKEN;
import static org.endpointmanager.testkit.TestingHostContext.OPERATOR_TOKEN;
import static org.endpointmanager.testkit.TestingHostContext.VIEWER_TOKEN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.endpointmanager.core.EndpointManager;
import org.endpointmanager.core.config.ConfigLoader;
import org.endpointmanager.core.http.Json;
import org.endpointmanager.core.vendor.VendorRegistry;
import org.endpointmanager.testkit.TestingHostContext;
import org.endpointmanager.testkit.fixture.ExampleVendorPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Firmware upload, limits, download (ranges, ETag) and selection, against a real engine over HTTP. */
class FirmwareHttpTest {

    private static final String BOUNDARY = "----emtestboundary7MA4YWxk";

    @TempDir
    Path root;

    private EndpointManager engine;
    private TestingHostContext host;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private void start(String extraToml) {
        host = new TestingHostContext(root);
        String toml = """
                provision_url_base = "http://127.0.0.1:8080/provision"
                [http]
                bind = "127.0.0.1"
                port = 0
                """ + extraToml;
        VendorRegistry vendors = new VendorRegistry();
        vendors.install(new ExampleVendorPlugin());
        engine = EndpointManager.create(ConfigLoader.parse(toml, "test.toml"), host, vendors, Clock.systemUTC());
        engine.start();
    }

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    private Path firmwareDir() {
        return host.dataDirectory().resolve("firmware");
    }

    private List<Path> filesLeft() throws IOException {
        try (Stream<Path> s = Files.list(firmwareDir())) {
            return s.toList();
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + engine.port() + path);
    }

    static byte[] form(String vendor, String model, String version, String fileName, byte[] file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        field(out, "vendor", vendor);
        field(out, "model", model);
        field(out, "version", version);
        field(out, "notes", "test upload");
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(file);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, String name, String value) {
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> upload(String path, byte[] body, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postJson(String path, String token, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        return Json.mapper().readTree(r.body());
    }

    @Test
    void uploadListDownloadWithRangesEditAndDelete() throws Exception {
        start("");
        byte[] image = random(300_000, 1);
        HttpResponse<String> viewer = upload("/console/endpoint-manager/firmware", form("example", "", "1.0", "img.bin", image),
                VIEWER_TOKEN);
        assertEquals(403, viewer.statusCode());
        HttpResponse<String> created = upload("/console/endpoint-manager/firmware",
                form("example", "", "1.0", "../../etc/My Image.bin", image), ADMIN_TOKEN);
        assertEquals(201, created.statusCode(), created.body());
        JsonNode f = json(created);
        assertEquals(sha256(image), f.get("sha256").asText());
        assertEquals("My_Image.bin", f.get("file_name").asText(), "the client's path is dropped, the name sanitised");
        String id = f.get("id").asText();

        JsonNode list = json(get("/console/endpoint-manager/firmware", VIEWER_TOKEN));
        assertEquals(1, list.get("firmware").size());
        assertEquals(image.length, list.get("total_bytes").asLong());

        String download = "/provision/firmware/" + id + "/My_Image.bin";
        HttpResponse<byte[]> whole = http.send(HttpRequest.newBuilder(uri(download)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, whole.statusCode());
        assertArrayEquals(image, whole.body());
        String etag = whole.headers().firstValue("ETag").orElseThrow();
        assertEquals("\"" + sha256(image) + "\"", etag);

        HttpResponse<byte[]> part = http.send(HttpRequest.newBuilder(uri(download)).header("Range", "bytes=1000-1999").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(206, part.statusCode());
        assertEquals("bytes 1000-1999/" + image.length, part.headers().firstValue("Content-Range").orElseThrow());
        assertArrayEquals(java.util.Arrays.copyOfRange(image, 1000, 2000), part.body());
        HttpResponse<byte[]> tail = http.send(HttpRequest.newBuilder(uri(download)).header("Range", "bytes=-10").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertArrayEquals(java.util.Arrays.copyOfRange(image, image.length - 10, image.length), tail.body());
        HttpResponse<byte[]> beyond = http.send(HttpRequest.newBuilder(uri(download))
                .header("Range", "bytes=" + image.length + "-").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(416, beyond.statusCode());
        HttpResponse<byte[]> cached = http.send(HttpRequest.newBuilder(uri(download)).header("If-None-Match", etag).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(304, cached.statusCode());
        // Grandstream/Htek append their own image name to the directory (P192)
        HttpResponse<byte[]> appended = http.send(HttpRequest.newBuilder(uri("/provision/firmware/" + id + "/gxp2170fw.bin"))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertArrayEquals(image, appended.body());
        assertEquals(404, http.send(HttpRequest.newBuilder(uri("/provision/firmware/00000000-0000-0000-0000-000000000000/x.bin"))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode());

        byte[] replacement = random(200_000, 2);
        HttpResponse<String> edited = upload("/console/endpoint-manager/firmware/" + id + "/edit",
                form("example", "EP200", "1.1", "new.bin", replacement), ADMIN_TOKEN);
        assertEquals(200, edited.statusCode(), edited.body());
        assertEquals(id, json(edited).get("id").asText());
        assertEquals("EP200", json(edited).get("model").asText());
        HttpResponse<byte[]> after = http.send(HttpRequest.newBuilder(uri("/provision/firmware/" + id + "/new.bin")).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertArrayEquals(replacement, after.body());
        assertEquals(1, filesLeft().size(), "the replaced blob is gone");

        HttpResponse<String> deleted = postJson("/console/endpoint-manager/firmware/" + id + "/delete", ADMIN_TOKEN, "");
        assertEquals(200, deleted.statusCode(), deleted.body());
        assertEquals(List.of(), filesLeft());
        assertEquals(0, json(get("/console/endpoint-manager/firmware", VIEWER_TOKEN)).get("firmware").size());
    }

    @Test
    void anExeIsRefusedAndLeavesNothing() throws Exception {
        start("");
        HttpResponse<String> r = upload("/console/endpoint-manager/firmware",
                form("example", "", "1.0", "setup.exe", random(1000, 3)), ADMIN_TOKEN);
        assertEquals(422, r.statusCode(), r.body());
        assertEquals("file", json(r).get("field").asText());
        assertEquals(List.of(), filesLeft());
        assertEquals(0, engine.firmware().list().size());
        HttpResponse<String> unknownVendor = upload("/console/endpoint-manager/firmware",
                form("acme", "", "1.0", "a.bin", random(1000, 3)), ADMIN_TOKEN);
        assertEquals(422, unknownVendor.statusCode(), unknownVendor.body());
        assertEquals(List.of(), filesLeft());
    }

    /**
     * Announces an upload of {@code length} bytes with {@code Expect: 100-continue} over a raw socket
     * and returns the status line's start (the JDK client can hang on a final answer to an Expect).
     */
    private String statusOfAnnouncedUpload(long length) throws IOException {
        try (Socket s = new Socket("127.0.0.1", engine.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /console/endpoint-manager/firmware HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + ADMIN_TOKEN + "\r\nContent-Type: multipart/form-data; boundary=" + BOUNDARY
                    + "\r\nContent-Length: " + length + "\r\nExpect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void aNinetyMegabyteUploadGets413BeforeItsBodyIsRead() throws Exception {
        start("");
        assertEquals("HTTP/1.1 413", statusOfAnnouncedUpload(90L * 1024 * 1024));
        assertEquals(List.of(), filesLeft());
        assertEquals(0, engine.firmware().list().size());
    }

    @Test
    void aNinetyMegabyteStreamIsCutAtTheLimitAndLeavesNothing() throws Exception {
        start("");
        FirmwareRepository repo = engine.firmware();
        InputStream generated = new InputStream() {
            private long left = 90L * 1024 * 1024;

            @Override
            public int read() {
                return left-- > 0 ? 0x5a : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 0x5a);
                left -= n;
                return n;
            }
        };
        FirmwareException e = org.junit.jupiter.api.Assertions.assertThrows(FirmwareException.class,
                () -> repo.stage("big.rom", generated));
        assertEquals(FirmwareException.Kind.TOO_LARGE, e.kind());
        assertEquals(List.of(), filesLeft());
    }

    @Test
    void aKilledUploadLeavesNoFileAndNoRow() throws Exception {
        start("");
        byte[] full = form("example", "", "1.0", "img.bin", random(2_000_000, 4));
        try (Socket s = new Socket("127.0.0.1", engine.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /console/endpoint-manager/firmware HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + ADMIN_TOKEN + "\r\nContent-Type: multipart/form-data; boundary=" + BOUNDARY
                    + "\r\nContent-Length: " + full.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(full, 0, full.length / 2);
            out.flush();
            // wait until the server has started writing the temp file, then drop the connection
            for (int i = 0; i < 200 && filesLeft().isEmpty(); i++) {
                Thread.sleep(25);
            }
            s.setSoLinger(true, 0);
        }
        for (int i = 0; i < 400 && !filesLeft().isEmpty(); i++) {
            Thread.sleep(25);
        }
        assertEquals(List.of(), filesLeft());
        assertEquals(0, engine.firmware().list().size());
        // the server still works afterwards
        HttpResponse<String> ok = upload("/console/endpoint-manager/firmware", form("example", "", "1.0", "img.bin",
                random(1000, 5)), ADMIN_TOKEN);
        assertEquals(201, ok.statusCode(), ok.body());
    }

    @Test
    void theTotalLimitIsEnforced() throws Exception {
        start("""
                [firmware]
                max_file_mb = 1
                max_total_mb = 2
                """);
        byte[] a = random(900_000, 6);
        assertEquals(201, upload("/console/endpoint-manager/firmware", form("example", "EP100", "1", "a.bin", a), ADMIN_TOKEN)
                .statusCode());
        assertEquals(201, upload("/console/endpoint-manager/firmware", form("example", "EP200", "1", "b.bin", a), ADMIN_TOKEN)
                .statusCode());
        HttpResponse<String> third = upload("/console/endpoint-manager/firmware", form("example", "", "1", "c.bin", a), ADMIN_TOKEN);
        assertEquals(413, third.statusCode(), third.body());
        assertTrue(json(third).get("error").asText().contains("max_total_mb"));
        assertEquals(2, filesLeft().size());
        assertEquals(2, engine.firmware().list().size());
        assertEquals("HTTP/1.1 413", statusOfAnnouncedUpload(1_200_000));
        assertEquals(2, filesLeft().size());
    }

    @Test
    void devicesGetTheirModelsFirmwareUrlAndComplianceShowsIt() throws Exception {
        start("");
        byte[] modelImage = random(5000, 8);
        byte[] vendorImage = random(6000, 9);
        String modelId = json(upload("/console/endpoint-manager/firmware", form("example", "EP200", "2.0", "ep200.bin", modelImage),
                ADMIN_TOKEN)).get("id").asText();
        String vendorId = json(upload("/console/endpoint-manager/firmware", form("example", "", "1.5", "any.bin", vendorImage),
                ADMIN_TOKEN)).get("id").asText();
        assertEquals(201, postJson("/console/endpoint-manager/devices", OPERATOR_TOKEN, """
                {"mac":"02:E3:A1:00:00:01","vendor":"example","model":"EP200","username":"1001","password":"pw-1"}""")
                .statusCode());
        assertEquals(201, postJson("/console/endpoint-manager/devices", OPERATOR_TOKEN, """
                {"mac":"02:E3:A1:00:00:02","vendor":"example","model":"EP100","username":"1002","password":"pw-2"}""")
                .statusCode());
        HttpResponse<String> c1 = http.send(HttpRequest.newBuilder(uri("/provision/example-02e3a1000001.cfg"))
                .header("User-Agent", "ExamplePhone EP200 2.0 02e3a1000001").GET().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> c2 = http.send(HttpRequest.newBuilder(uri("/provision/example-02e3a1000002.cfg"))
                .header("User-Agent", "ExamplePhone EP100 1.0 02e3a1000002").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(c1.body().contains("firmware.url=http://127.0.0.1:8080/provision/firmware/" + modelId + "/ep200.bin"), c1.body());
        assertTrue(c2.body().contains("firmware.url=http://127.0.0.1:8080/provision/firmware/" + vendorId + "/any.bin"), c2.body());

        JsonNode compliance = json(get("/console/endpoint-manager/firmware/compliance", VIEWER_TOKEN));
        JsonNode devices = compliance.get("devices");
        assertEquals(2, devices.size());
        for (JsonNode d : devices) {
            if (d.get("mac").asText().equals("02:e3:a1:00:00:01")) {
                assertEquals("compliant", d.get("status").asText());
                assertEquals("2.0", d.get("target_version").asText());
            } else {
                assertEquals("outdated", d.get("status").asText());
                assertEquals("1.0", d.get("running_version").asText());
                assertEquals("1.5", d.get("target_version").asText());
            }
        }
        assertFalse(compliance.toString().contains("pw-"));
    }
}
