package org.endpointmanager.core.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.endpointmanager.core.EndpointManager;
import org.endpointmanager.core.config.ConfigLoader;
import org.endpointmanager.core.firmware.MultipartReader;
import org.endpointmanager.core.http.Json;
import org.endpointmanager.core.vendor.VendorRegistry;
import org.endpointmanager.testkit.TestingHostContext;
import org.endpointmanager.testkit.fixture.ExampleVendorPlugin;
import org.endpointmanager.testkit.fuzz.Fuzz;
import org.endpointmanager.testkit.fuzz.Gen;
import org.endpointmanager.testkit.fuzz.HostileStrings;
import org.endpointmanager.testkit.fuzz.SipMutations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Firmware uploads with hostile file names and form fields, over the real upload route: an
 * upload is refused with a clean 4xx or stored under a sanitised name, and no file ever appears
 * outside the firmware folder (the whole temp tree around the engine's root is watched). The
 * multipart reader alone gets random and damaged bodies. See {@link HostileInputFuzzTest} for
 * replaying a failure with {@code -Dfuzz.seed=}.
 */
class FirmwareUploadFuzzTest {

    private static final String BOUNDARY = "----emfuzzboundary";
    private static final List<String> NAMES = List.of("../../../../escape.bin", "..\\..\\escape.bin", "/tmp/escape.bin",
            "C:\\Windows\\escape.bin", ".bin", "..bin", "...", ".", "..", "", "a\0.bin", "a\r\nContent-Type: x.bin",
            "a\".bin", "a\\\".bin", "\u202enib.exe", "%2e%2e%2fescape.bin", "x".repeat(600) + ".bin", "img.BIN",
            "firmware/../../escape.bin", "~/escape.bin", "image.bin/..", "con.bin", "\ud800.bin");

    @TempDir
    Path outer;

    private Path root;
    private EndpointManager engine;
    private QuietLogs quiet;
    private int stored;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws IOException {
        quiet = new QuietLogs();
        // the engine's root sits two levels down, so a name that climbs out still lands in the watched tree
        root = Files.createDirectories(outer.resolve("a/b/root"));
        VendorRegistry vendors = new VendorRegistry();
        vendors.install(new ExampleVendorPlugin());
        engine = EndpointManager.create(ConfigLoader.parse("""
                provision_url_base = "http://127.0.0.1:8080/provision"
                [http]
                bind = "127.0.0.1"
                port = 0
                """, "fuzz.toml"), new TestingHostContext(root), vendors, Clock.systemUTC());
        engine.start();
    }

    @AfterEach
    void stop() {
        engine.close();
        quiet.close();
    }

    private Path firmwareDir() {
        return root.resolve("data").resolve("firmware");
    }

    private Set<Path> filesOutsideFirmware() throws IOException {
        try (Stream<Path> s = Files.walk(outer)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.startsWith(firmwareDir()))
                    // the database and its journals come and go on their own
                    .filter(p -> !p.getFileName().toString().contains(".db"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static byte[] form(SplittableRandom r, String fileName) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[][] fields = {{"vendor", "example"}, {"model", "EP200"}, {"version", "1.0"}, {"notes", "fuzz"}};
        for (String[] f : fields) {
            String value = r.nextInt(4) == 0 ? HostileStrings.upTo(80).next(r) : f[1];
            out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + f[0] + "\"\r\n\r\n" + value
                    + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        String quoted = r.nextBoolean() ? "\"" + fileName.replace("\\", "\\\\").replace("\"", "\\\"") + "\""
                : "\"" + fileName + "\"";
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=" + quoted
                + "\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        byte[] image = new byte[1 + r.nextInt(2000)];
        r.nextBytes(image);
        out.writeBytes(image);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private void uploadCheck(byte[] body, Set<Path> before) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + engine.port()
                + "/console/endpoint-manager/firmware")).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + TestingHostContext.ADMIN_TOKEN)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(Set.of(201, 400, 413, 422).contains(r.statusCode()), r.statusCode() + " " + r.body());
        assertEquals(before, filesOutsideFirmware(), "a file appeared outside the firmware folder");
        try (Stream<Path> s = Files.list(firmwareDir())) {
            for (Path p : s.toList()) {
                assertTrue(Files.isRegularFile(p), "only plain files in the firmware folder: " + p);
                assertTrue(p.getFileName().toString().matches("[0-9a-f-]+(\\.[a-z0-9]+)?"), "stored name " + p);
            }
        }
        if (r.statusCode() == 201) {
            stored++;
            JsonNode f = Json.parseObject(r.body());
            String shown = f.get("file_name").asText();
            assertTrue(shown.matches("[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}"), "sanitised client name: " + shown);
            HttpResponse<String> deleted = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + engine.port()
                    + "/console/endpoint-manager/firmware/" + f.get("id").asText() + "/delete"))
                    .header("Authorization", "Bearer " + TestingHostContext.ADMIN_TOKEN)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, deleted.statusCode(), deleted.body());
        }
    }

    @Test
    void hostileFileNamesNeverWriteOutsideTheFirmwareFolder() throws Exception {
        Set<Path> before = filesOutsideFirmware();
        Gen<String> names = Gen.oneOf(Gen.of(NAMES), HostileStrings.upTo(120), HostileStrings.around(".bin", 40),
                r -> Gen.of("../", "..\\", "/", "%2e%2e/", "....//").next(r).repeat(1 + r.nextInt(8))
                        + HostileStrings.upTo(10).next(r) + ".bin");
        Fuzz.property("firmware upload", 150, r -> form(r, names.next(r)), body -> uploadCheck(body, before));
        Fuzz.corpus("firmware upload", NAMES.stream().map(n -> form(new SplittableRandom(n.hashCode()), n)).toList(),
                body -> uploadCheck(body, before));
        assertTrue(stored > 10, "the fuzzing also reached stored uploads: " + stored);
    }

    private static void readerCheck(byte[] body) {
        try {
            MultipartReader reader = new MultipartReader(new ByteArrayInputStream(body),
                    "multipart/form-data; boundary=" + BOUNDARY);
            int parts = 0;
            Optional<MultipartReader.Part> part;
            while ((part = reader.next()).isPresent()) {
                part.get().body().readAllBytes();
                assertTrue(++parts <= body.length, "more parts than bytes");
            }
        } catch (IOException | IllegalArgumentException e) {
            assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "a refusal says why");
        }
    }

    @Test
    void theMultipartReaderRefusesDamagedBodiesWithAnIoException() {
        Fuzz.property("multipart reader", 600, r -> {
            byte[] valid = form(r, HostileStrings.upTo(40).next(r));
            return r.nextInt(4) == 0 ? valid : SipMutations.mutateBytes(r, valid);
        }, FirmwareUploadFuzzTest::readerCheck);
        Fuzz.corpus("multipart reader", List.of(new byte[0], "--".getBytes(StandardCharsets.US_ASCII),
                ("--" + BOUNDARY + "--").getBytes(StandardCharsets.US_ASCII),
                ("--" + BOUNDARY + "\r\n" + "X: y\r\n".repeat(3000)).getBytes(StandardCharsets.US_ASCII),
                ("--" + BOUNDARY + "\r\nContent-Disposition: form-data\r\n\r\nx\r\n--" + BOUNDARY + "--")
                        .getBytes(StandardCharsets.US_ASCII),
                ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\r\n\r\nxx")
                        .getBytes(StandardCharsets.US_ASCII),
                ("x".repeat(200) + "\r\n--" + BOUNDARY + "\r\n").getBytes(StandardCharsets.US_ASCII)),
                FirmwareUploadFuzzTest::readerCheck);
        for (String type : List.of("", "multipart/form-data", "multipart/form-data; boundary=", "text/plain; boundary=x",
                "multipart/form-data; boundary=\"" + "b".repeat(80) + "\"")) {
            try {
                new MultipartReader(new ByteArrayInputStream(new byte[0]), type);
            } catch (IllegalArgumentException e) {
                assertFalse(e.getMessage().isBlank());
            }
        }
    }
}
