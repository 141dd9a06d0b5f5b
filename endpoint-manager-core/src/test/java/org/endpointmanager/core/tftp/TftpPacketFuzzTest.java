package org.endpointmanager.core.tftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.endpointmanager.core.EndpointManager;
import org.endpointmanager.core.config.ConfigLoader;
import org.endpointmanager.core.vendor.VendorRegistry;
import org.endpointmanager.testkit.TestingHostContext;
import org.endpointmanager.testkit.fixture.ExampleVendorPlugin;
import org.endpointmanager.testkit.fuzz.Fuzz;
import org.endpointmanager.testkit.fuzz.Gen;
import org.endpointmanager.testkit.fuzz.TftpMutations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * TFTP under hostile datagrams: the request parser with mutated packets (bad opcodes, missing NULs,
 * huge option lists, out-of-range values, odd modes, truncation), then random datagrams against a
 * running server and the engine's {@link TftpService}, after which a normal read must still
 * complete. Lives in the tftp package because the packet parser is package-private. Replay a
 * failure with {@code -Dfuzz.seed= -Dfuzz.case=} as {@code core.fuzz.HostileInputFuzzTest} explains.
 */
class TftpPacketFuzzTest {

    private static final List<String> NAMES = List.of("805ec0123456.cfg", "example-02e3a1000009.cfg",
            "firmware/abc/image.bin", "y000000000000.boot", "cfg.xml");
    private static final List<byte[]> CRAFTED = List.of(new byte[0], new byte[] {0}, new byte[] {0, 1},
            new byte[] {0, 1, 0}, new byte[] {0, 1, 0, 0}, new byte[] {0, 1, 'a', 0, 'o', 'c', 't', 'e', 't'},
            TftpMutations.request(1, "a", "octet", List.of("blksize")),
            TftpMutations.request(1, "a", "octet", Collections.nCopies(400, "blksize")),
            TftpMutations.request(1, "../../etc/passwd", "octet", List.of()),
            TftpMutations.request(1, "/etc/passwd", "netascii", List.of()),
            TftpMutations.request(1, "a\\..\\..\\b", "octet", List.of()),
            TftpMutations.request(1, "805ec0123456.cfg\nx", "octet", List.of()),
            TftpMutations.request(1, "x".repeat(1400), "octet", List.of()),
            TftpMutations.request(1, "805ec0123456.cfg", "octet", List.of("blksize", "99999999999999999999", "timeout", "0")),
            TftpMutations.request(2, "805ec0123456.cfg", "octet", List.of()),
            TftpMutations.request(0xffff, "805ec0123456.cfg", "octet", List.of()),
            new byte[] {0, 4, 0, 1}, new byte[] {0, 3, 0, 1, 'x'}, new byte[] {0, 5, 0, 0, 0}, new byte[] {0, 6, 0});

    private Logger tftpLog;
    private Level before;

    @BeforeEach
    void quiet() {
        // thousands of refused requests would each log a (correct) INFO line
        tftpLog = (Logger) LoggerFactory.getLogger("org.endpointmanager");
        before = tftpLog.getLevel();
        tftpLog.setLevel(Level.WARN);
    }

    @AfterEach
    void loud() {
        tftpLog.setLevel(before);
    }

    /** What a name handed to a source may look like, written independently of the server's check. */
    private static void assertHarmless(String name) {
        assertFalse(name.isEmpty() || name.length() > 255, "length");
        assertFalse(name.contains("\\"), "backslash: " + name);
        for (String segment : name.split("/", -1)) {
            assertFalse(segment.isEmpty() || segment.startsWith(".."), "traversal or absolute: " + name);
        }
        assertTrue(name.chars().allMatch(c -> c > 0x20 && c < 0x7f), "control or non-ASCII character");
    }

    private static void parseCheck(byte[] p) {
        Optional<TftpPackets.Request> r = TftpPackets.request(p, p.length);
        if (r.isEmpty()) {
            return;
        }
        TftpPackets.Request q = r.get();
        assertTrue(q.opcode() == TftpPackets.RRQ || q.opcode() == TftpPackets.WRQ, "opcode " + q.opcode());
        assertEquals(0, p[p.length - 1], "a request ends with NUL");
        assertFalse(q.fileName().indexOf('\0') >= 0 || q.mode().indexOf('\0') >= 0);
        assertEquals(q.mode().toLowerCase(Locale.ROOT), q.mode());
        assertTrue(q.options().size() <= 10, "bounded option list: " + q.options().size());
        q.options().forEach((k, v) -> assertFalse(k.indexOf('\0') >= 0 || v.indexOf('\0') >= 0));
        if (TftpTransfer.safe(q.fileName())) {
            assertHarmless(q.fileName());
        }
    }

    @Test
    void theRequestParserRefusesOrYieldsABoundedRequest() {
        Fuzz.property("tftp request parser", 1000, TftpMutations.datagrams(NAMES), TftpPacketFuzzTest::parseCheck);
        Fuzz.corpus("tftp request parser", CRAFTED, TftpPacketFuzzTest::parseCheck);
        Fuzz.property("tftp safe names", 1000, TftpMutations.fileNames(NAMES), name -> {
            if (TftpTransfer.safe(name)) {
                assertHarmless(name);
            }
        });
    }

    @Test
    void aServerFedGarbageAsksItsSourceOnlyForHarmlessNamesAndStillServes() throws Exception {
        byte[] config = "account.1.user = 1001\n".repeat(60).getBytes(StandardCharsets.US_ASCII);
        List<String> asked = Collections.synchronizedList(new ArrayList<>());
        TftpSource source = (name, client) -> {
            asked.add(name);
            return name.equals("805ec0123456.cfg") ? Optional.of(new TftpSource.Bytes(config)) : Optional.empty();
        };
        // short timers so the transfers garbage starts (and never acknowledges) end quickly
        TftpServer server = new TftpServer(new TftpServer.Options(InetAddress.getLoopbackAddress(), 0,
                Duration.ofMillis(200), 1, 64), source);
        server.start();
        try (DatagramSocket attacker = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
            Gen<byte[]> datagrams = TftpMutations.datagrams(NAMES);
            long seed = Fuzz.seed();
            for (int round = 0; round < 5; round++) {
                for (int i = 0; i < 60; i++) {
                    byte[] p = datagrams.next(Fuzz.random(seed, "tftp server", round * 60 + i));
                    attacker.send(new DatagramPacket(p, p.length, to));
                }
                for (byte[] p : CRAFTED) {
                    attacker.send(new DatagramPacket(p, p.length, to));
                }
                Fuzz.corpus("tftp server round " + round + " (seed " + seed + ")", List.of("805ec0123456.cfg"), name -> {
                    awaitIdle(server);
                    try (TftpTestClient c = new TftpTestClient(server.port())) {
                        TftpTestClient.Result r = c.read(name, Map.of("blksize", "1024", "tsize", "0"), -1);
                        assertTrue(r.ok(), r.errorMessage());
                        assertArrayEquals(config, r.data());
                    }
                });
                assertTrue(server.running());
            }
        } finally {
            server.close();
        }
        List<String> names;
        synchronized (asked) {
            names = List.copyOf(asked);
        }
        assertTrue(names.size() > 5, "garbage reached the source too: " + names.size());
        for (String n : names) {
            assertHarmless(n);
        }
    }

    /** Waits until the abandoned transfers have given up, so the next read is not answered "busy". */
    private static void awaitIdle(TftpServer server) throws InterruptedException {
        while (server.activeTransfers() > 0) {
            Thread.sleep(20);
        }
    }

    @Test
    void theEnginesTftpServiceStillServesAfterRandomDatagrams(@TempDir Path root) throws Exception {
        String toml = """
                provision_url_base = "http://127.0.0.1:8080/provision"
                [http]
                bind = "127.0.0.1"
                port = 0
                [tftp]
                enabled = true
                bind = "127.0.0.1"
                port = 0
                [provisioning]
                lockout_misses = 100000
                """;
        VendorRegistry vendors = new VendorRegistry();
        vendors.install(new ExampleVendorPlugin());
        HttpClient http = HttpClient.newHttpClient();
        try (EndpointManager engine = EndpointManager.create(ConfigLoader.parse(toml, "t.toml"),
                new TestingHostContext(root), vendors, Clock.systemUTC())) {
            engine.start();
            String base = "http://127.0.0.1:" + engine.port();
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/console/endpoint-manager/devices"))
                    .header("Authorization", "Bearer " + TestingHostContext.OPERATOR_TOKEN)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("""
                            {"mac":"02:E3:A1:00:00:09","vendor":"example","model":"EP100","username":"1009","password":"pw"}"""))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());
            byte[] overHttp = http.send(HttpRequest.newBuilder(URI.create(base + "/provision/example-02e3a1000009.cfg"))
                    .build(), HttpResponse.BodyHandlers.ofByteArray()).body();
            int port = engine.tftp().port().orElseThrow();
            // the device's own name is left out: a transfer nobody acknowledges holds a session for seconds
            Gen<byte[]> datagrams = TftpMutations.datagrams(List.of("example-common.cfg", "example-02e3a1999999.cfg",
                    "../example-02e3a1000009.cfg"));
            try (DatagramSocket attacker = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                Fuzz.property("tftp service datagrams", 400, datagrams, p -> attacker.send(
                        new DatagramPacket(p, p.length, InetAddress.getLoopbackAddress(), port)));
                for (byte[] p : CRAFTED) {
                    attacker.send(new DatagramPacket(p, p.length, InetAddress.getLoopbackAddress(), port));
                }
            }
            try (TftpTestClient c = new TftpTestClient(port)) {
                // The burst can overflow the listening socket's receive buffer, so the first RRQ may be
                // dropped by the kernel; a phone retransmits its RRQ, and so does this client (at most 3 times).
                TftpTestClient.Result r = null;
                for (int attempt = 0; r == null; attempt++) {
                    try {
                        r = c.read("example-02e3a1000009.cfg");
                    } catch (java.net.SocketTimeoutException e) {
                        if (attempt == 3) {
                            throw e;
                        }
                    }
                }
                assertTrue(r.ok(), r.errorMessage());
                assertArrayEquals(overHttp, r.data(), "after the garbage, TFTP still serves what HTTP serves");
            }
            assertEquals(Optional.of(port), engine.tftp().port(), "the service is still running");
        }
    }
}
