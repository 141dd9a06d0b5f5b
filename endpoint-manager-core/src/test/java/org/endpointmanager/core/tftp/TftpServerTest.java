package org.endpointmanager.core.tftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TFTP server over real UDP on loopback, with a fixed set of files. */
class TftpServerTest {

    @TempDir
    Path dir;

    private TftpServer server;
    private final byte[] config = "account.1.user = 1001\n".repeat(40).getBytes();
    private byte[] big;
    private final List<String> asked = java.util.Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws Exception {
        big = new byte[200_000];
        new Random(42).nextBytes(big);
        Path image = dir.resolve("image.bin");
        Files.write(image, big);
        TftpSource source = (name, client) -> {
            asked.add(name);
            try {
                return switch (name) {
                    case "805ec0123456.cfg" -> Optional.of(new TftpSource.Bytes(config));
                    case "exact512.cfg" -> Optional.of(new TftpSource.Bytes(new byte[512]));
                    case "firmware/abc/image.bin" -> Optional.of(new TftpSource.OnDisk(image));
                    default -> Optional.empty();
                };
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        server = new TftpServer(new TftpServer.Options(InetAddress.getLoopbackAddress(), 0, Duration.ofMillis(300), 3, 64),
                source);
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void servesAFileAndAnExactMultipleOfTheBlockSize() throws Exception {
        try (TftpTestClient c = new TftpTestClient(server.port())) {
            TftpTestClient.Result r = c.read("805ec0123456.cfg");
            assertTrue(r.ok(), r.errorMessage());
            assertArrayEquals(config, r.data());
            TftpTestClient.Result exact = c.read("exact512.cfg");
            assertEquals(512, exact.data().length);
            assertEquals(2, exact.dataPackets(), "a final empty block ends a file of exactly one block");
        }
    }

    @Test
    void unknownUnsafeAndWriteRequestsAreRefused() throws Exception {
        try (TftpTestClient c = new TftpTestClient(server.port())) {
            assertEquals(1, c.read("nothing.cfg").errorCode());
            for (String bad : List.of("../etc/passwd", "/etc/passwd", "firmware/../../x", "a\\b.cfg", "..", "a/./b")) {
                TftpTestClient.Result r = c.read(bad);
                assertEquals(1, r.errorCode(), bad);
            }
            assertTrue(asked.stream().noneMatch(n -> n.contains("..") || n.startsWith("/") || n.contains("\\")),
                    "unsafe names never reach the source: " + asked);
            assertEquals(2, c.errorFor(TftpTestClient.request(2, "805ec0123456.cfg", Map.of())), "write: access violation");
        }
    }

    @Test
    void negotiatesBlockSizeAndTransferSize() throws Exception {
        try (TftpTestClient c = new TftpTestClient(server.port())) {
            TftpTestClient.Result r = c.read("firmware/abc/image.bin", Map.of("blksize", "1428", "tsize", "0"), -1);
            assertTrue(r.ok(), r.errorMessage());
            assertEquals("1428", r.oack().get("blksize"));
            assertEquals(Integer.toString(big.length), r.oack().get("tsize"));
            assertArrayEquals(big, r.data());
            assertEquals(big.length / 1428 + 1, r.dataPackets());
        }
    }

    @Test
    void aLostAckMakesTheServerRetransmit() throws Exception {
        try (TftpTestClient c = new TftpTestClient(server.port())) {
            TftpTestClient.Result r = c.read("805ec0123456.cfg", Map.of(), 1);
            assertTrue(r.ok(), r.errorMessage());
            assertArrayEquals(config, r.data());
            assertTrue(r.dataPackets() >= 3, "block 1 arrived again after its ACK was lost: " + r.dataPackets());
        }
    }

    @Test
    void fiftyParallelTransfersAllComplete() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                results.add(pool.submit(() -> {
                    try (TftpTestClient c = new TftpTestClient(server.port())) {
                        TftpTestClient.Result r = c.read("firmware/abc/image.bin", Map.of("blksize", "8192"), -1);
                        return r.data();
                    }
                }));
            }
            for (Future<byte[]> f : results) {
                assertArrayEquals(big, f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void curlGetsTheSameBytes() throws Exception {
        Path out = dir.resolve("curl.out");
        Process p = new ProcessBuilder("curl", "-s", "-S", "--max-time", "20", "-o", out.toString(),
                "tftp://127.0.0.1:" + server.port() + "/805ec0123456.cfg").redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
        assertArrayEquals(config, Files.readAllBytes(out));
        Process big2 = new ProcessBuilder("curl", "-s", "-S", "--max-time", "20", "--tftp-blksize", "1024", "-o",
                dir.resolve("img.out").toString(), "tftp://127.0.0.1:" + server.port() + "/firmware/abc/image.bin")
                .redirectErrorStream(true).start();
        String o2 = new String(big2.getInputStream().readAllBytes());
        assertTrue(big2.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, big2.exitValue(), o2);
        assertArrayEquals(big, Files.readAllBytes(dir.resolve("img.out")));
    }
}
