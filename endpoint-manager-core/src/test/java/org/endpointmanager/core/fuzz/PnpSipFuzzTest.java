package org.endpointmanager.core.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.endpointmanager.core.EndpointManager;
import org.endpointmanager.core.config.ConfigLoader;
import org.endpointmanager.core.http.Json;
import org.endpointmanager.core.pnp.MalformedSipException;
import org.endpointmanager.core.pnp.PacketSender;
import org.endpointmanager.core.pnp.PnpCounters;
import org.endpointmanager.core.pnp.PnpListener;
import org.endpointmanager.core.pnp.PnpService;
import org.endpointmanager.core.pnp.PnpSubscribe;
import org.endpointmanager.core.pnp.SipMessage;
import org.endpointmanager.core.pnp.SipParser;
import org.endpointmanager.core.pnp.UdpSender;
import org.endpointmanager.core.store.DeviceRecord;
import org.endpointmanager.core.vendor.VendorRegistry;
import org.endpointmanager.testkit.TestingHostContext;
import org.endpointmanager.testkit.fixture.ExampleVendorPlugin;
import org.endpointmanager.testkit.fuzz.Fuzz;
import org.endpointmanager.testkit.fuzz.Gen;
import org.endpointmanager.testkit.fuzz.Macs;
import org.endpointmanager.testkit.fuzz.SipMutations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PnP SIP path under mutated SUBSCRIBEs and random datagrams: the strict parser, the SUBSCRIBE
 * reader, the handler (through {@link PnpService#handle(byte[], InetSocketAddress)}, as hosts call
 * it) and the UDP listener, which must keep answering a good SUBSCRIBE after any amount of garbage.
 * See {@link HostileInputFuzzTest} for replaying a failure with {@code -Dfuzz.seed=}.
 */
class PnpSipFuzzTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    Path root;

    private EndpointManager engine;
    private QuietLogs quiet;

    @BeforeEach
    void start() {
        quiet = new QuietLogs();
        VendorRegistry vendors = new VendorRegistry();
        vendors.install(new ExampleVendorPlugin());
        engine = EndpointManager.create(ConfigLoader.parse("""
                provision_url_base = "http://127.0.0.1:8080/provision"
                [http]
                bind = "127.0.0.1"
                port = 0
                """, "fuzz.toml"), new TestingHostContext(root), vendors, Clock.systemUTC());
        engine.start();
        engine.settings().update((ObjectNode) Json.parseObject("{\"pnp_enabled\": true}"));
    }

    @AfterEach
    void stop() {
        engine.close();
        quiet.close();
    }

    /** A PnP SUBSCRIBE as an example phone on {@code host:port} sends it. */
    static String subscribe(String macHex, String callId, String host, int port) {
        String at = host + ":" + port;
        return "SUBSCRIBE sip:MAC" + macHex + "@224.0.1.75 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + at + ";branch=z9hG4bK" + callId + ";rport\r\n"
                + "From: <sip:MAC" + macHex + "@224.0.1.75>;tag=" + callId + "tag\r\n"
                + "To: <sip:MAC" + macHex + "@224.0.1.75>\r\n"
                + "Call-ID: " + callId + "@phone\r\n"
                + "CSeq: 1 SUBSCRIBE\r\n"
                + "Contact: <sip:" + at + ">\r\n"
                + "Event: ua-profile;profile-type=\"device\";vendor=\"Example\";model=\"EP200\";version=\"1.4.2\"\r\n"
                + "Accept: application/url\r\n"
                + "Max-Forwards: 70\r\n"
                + "Expires: 0\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private static final String GOOD = subscribe("02e3a1a1b2c3", "fuzz", "192.0.2.7", 5060);

    /** Mutated SUBSCRIBEs, random datagrams and (rarely) the good one untouched. */
    private static Gen<byte[]> packets(String valid) {
        return Gen.oneOf(SipMutations.of(valid), SipMutations.of(valid), SipMutations.of(valid),
                SipMutations.randomDatagrams(SipParser.MAX_BYTES + 200),
                r -> valid.replaceAll("02e3a1[0-9a-f]{6}", java.util.regex.Matcher.quoteReplacement(Macs.anything().next(r)))
                        .getBytes(StandardCharsets.UTF_8));
    }

    private static final List<byte[]> CRAFTED = List.of(
            new byte[0], new byte[] {0}, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
            GOOD.replace("Content-Length: 0", "Content-Length: 99999").getBytes(StandardCharsets.US_ASCII),
            GOOD.replace("Content-Length: 0\r\n", "Content-Length: 0\r\nContent-Length: 0\r\n").getBytes(StandardCharsets.US_ASCII),
            GOOD.replace("\r\n", "\n").getBytes(StandardCharsets.US_ASCII),
            GOOD.replace("Event: ua-profile;", "Event: ua-profile;profile-type=\"device\";").getBytes(StandardCharsets.US_ASCII),
            GOOD.replace("To: <sip:MAC02e3a1a1b2c3", "To: <sip:MAC02e3a1a1b2c4").getBytes(StandardCharsets.US_ASCII),
            GOOD.replace("Via: SIP/2.0/UDP 192.0.2.7:5060", "Via: SIP/2.0/UDP [::1]:5060").getBytes(StandardCharsets.US_ASCII),
            GOOD.replace("Via: SIP/2.0/UDP 192.0.2.7:5060", "Via: SIP/2.0/UDP 192.0.2.7:99999").getBytes(StandardCharsets.US_ASCII),
            GOOD.replace("Contact: <sip:192.0.2.7:5060>", "Contact: <sip:192.0.2.7:0>").getBytes(StandardCharsets.US_ASCII),
            GOOD.replace("Contact: <sip:192.0.2.7:5060>", "Contact: <sip:evil.example.com>").getBytes(StandardCharsets.US_ASCII),
            GOOD.replace("Contact: <sip:192.0.2.7:5060>", "Contact: \"\\\"<sip:x>\" <sip:192.0.2.7:5060>").getBytes(StandardCharsets.US_ASCII),
            GOOD.replace("CSeq: 1 SUBSCRIBE", "CSeq: 99999999999 SUBSCRIBE").getBytes(StandardCharsets.US_ASCII),
            GOOD.replace("sip:MAC02e3a1a1b2c3", "sip:MAC%3A02e3a1a1b2c3%00").getBytes(StandardCharsets.US_ASCII),
            GOOD.replace("vendor=\"Example\"", "vendor=\"Ex\"ample\"").getBytes(StandardCharsets.US_ASCII),
            GOOD.replace("Call-ID: fuzz@phone", "Call-ID: " + "x".repeat(1020)).getBytes(StandardCharsets.US_ASCII),
            (GOOD.substring(0, GOOD.length() - 2) + "X-Pad: " + "y".repeat(3000) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII),
            ("SUBSCRIBE sip:a@b SIP/2.0\r\n" + "X: y\r\n".repeat(200) + "\r\n").getBytes(StandardCharsets.US_ASCII),
            GOOD.getBytes(StandardCharsets.UTF_16));

    // ---- parser and SUBSCRIBE reader

    private static void parseCheck(byte[] packet) {
        SipMessage m;
        try {
            m = SipParser.parse(packet, packet.length);
        } catch (MalformedSipException e) {
            assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "a refusal says why");
            return;
        }
        for (SipMessage.Header h : m.headers()) {
            assertEquals(h.name().toLowerCase(Locale.ROOT), h.name());
            assertTrue(h.value().chars().allMatch(c -> c == '\t' || c >= 0x20 && c <= 0x7e), "value: " + h.value());
        }
        assertTrue(m.body().length <= packet.length);
        try {
            Optional<PnpSubscribe> sub = PnpSubscribe.from(m);
            sub.ifPresent(s -> {
                String text = new String(packet, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT)
                        .replaceAll("[^0-9a-z]", "");
                assertTrue(text.contains(s.mac().hex()), "a MAC that is not in the packet: " + s.mac());
                assertFalse(s.vias().isEmpty());
            });
        } catch (MalformedSipException e) {
            assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "a refusal says why");
        }
    }

    @Test
    void theParserAndTheSubscribeReaderRefuseOnlyWithMalformedSip() throws Exception {
        assertTrue(PnpSubscribe.from(SipParser.parse(GOOD.getBytes(StandardCharsets.US_ASCII), GOOD.length())).isPresent(),
                "the unmutated SUBSCRIBE is a PnP SUBSCRIBE");
        Fuzz.property("sip parser", 1000, packets(GOOD), PnpSipFuzzTest::parseCheck);
        Fuzz.corpus("sip parser", CRAFTED, PnpSipFuzzTest::parseCheck);
    }

    // ---- the handler, as hosts call it

    /** Records what would be sent instead of sending it. */
    private static final class RecordingSender implements PacketSender {
        final List<InetSocketAddress> targets = new ArrayList<>();

        @Override
        public InetSocketAddress localAddressFor(InetSocketAddress target) {
            return new InetSocketAddress(LOOPBACK, 5060);
        }

        @Override
        public void send(byte[] datagram, InetSocketAddress target) {
            targets.add(target);
        }
    }

    @Test
    void theHandlerCountsEveryPacketAndAnswersOnlyTheSender() {
        RecordingSender sender = new RecordingSender();
        PnpService service = new PnpService(engine.vendors(), engine.settings()::current, List.of(),
                mac -> engine.database().devices().findByMac(mac).map(DeviceRecord::vendor), engine.discovery()::record,
                sender);
        InetSocketAddress source = new InetSocketAddress("192.0.2.7", 5060);
        long[] handled = {0};
        Fuzz.Check<byte[]> check = packet -> {
            int sentBefore = sender.targets.size();
            PnpService.Result result = service.handle(packet, source);
            handled[0]++;
            assertNotEquals(PnpService.Result.ERROR, result, "an unexpected failure inside the handler");
            assertEquals(handled[0], service.counters().received());
            if (result == PnpService.Result.ANSWERED) {
                assertEquals(sentBefore + 2, sender.targets.size(), "200 OK and NOTIFY");
                for (InetSocketAddress t : sender.targets.subList(sentBefore, sender.targets.size())) {
                    assertEquals(source.getAddress(), t.getAddress(), "an answer may only go back to the sender");
                }
            } else {
                assertEquals(sentBefore, sender.targets.size(), "nothing is sent for " + result);
            }
        };
        assertEquals(PnpService.Result.ANSWERED, service.handle(GOOD.getBytes(StandardCharsets.US_ASCII), source));
        handled[0]++;
        Fuzz.property("pnp handler", 600, packets(GOOD), check);
        Fuzz.corpus("pnp handler", CRAFTED, check);
        PnpCounters c = service.counters();
        assertEquals(c.received(), c.oversized() + c.malformed() + c.ignored() + c.refused() + c.answered() + c.errors(),
                "every packet is counted once: " + c);
        assertTrue(c.malformed() > 0 && c.answered() > 0, "the fuzzing reached both ends: " + c);
    }

    // ---- the listener on loopback

    @Test
    void theListenerKeepsAnsweringAGoodSubscribeAfterAnyAmountOfGarbage() throws Exception {
        try (UdpSender udp = new UdpSender(LOOPBACK);
                DatagramSocket phone = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            PnpService service = new PnpService(engine.vendors(), engine.settings()::current, List.of(),
                    mac -> engine.database().devices().findByMac(mac).map(DeviceRecord::vendor),
                    engine.discovery()::record, udp);
            PnpListener listener = new PnpListener(service, LOOPBACK, 0, List.of());
            listener.start();
            try {
                // a safety net against a dead listener, not an assertion on time
                phone.setSoTimeout(10_000);
                String valid = subscribe("02e3a1c0ffee", "garbage", "127.0.0.1", phone.getLocalPort());
                Gen<byte[]> garbage = packets(valid);
                long seed = Fuzz.seed();
                int rounds = 8;
                for (int round = 0; round < rounds; round++) {
                    for (int i = 0; i < 40; i++) {
                        byte[] p = garbage.next(Fuzz.random(seed, "pnp listener", round * 40 + i));
                        phone.send(new DatagramPacket(p, p.length, LOOPBACK, listener.localPort()));
                    }
                    for (byte[] p : CRAFTED) {
                        phone.send(new DatagramPacket(p, p.length, LOOPBACK, listener.localPort()));
                    }
                    String callId = "good" + round;
                    byte[] good = subscribe("02e3a1a1b2c3", callId, "127.0.0.1", phone.getLocalPort())
                            .getBytes(StandardCharsets.US_ASCII);
                    phone.send(new DatagramPacket(good, good.length, LOOPBACK, listener.localPort()));
                    assertTrue(awaitAnswer(phone, callId + "@phone"),
                            "round " + round + ": no 200 OK for the good SUBSCRIBE after garbage (seed " + seed + ")");
                    assertTrue(listener.running());
                }
                PnpCounters c = service.counters();
                assertTrue(c.received() > rounds && c.malformed() > 0 && c.answered() >= rounds, c.toString());
            } finally {
                listener.close();
            }
        }
    }

    /** Reads answers until the 200 OK of a Call-ID (mutations that stayed valid are answered too). */
    private static boolean awaitAnswer(DatagramSocket phone, String callId) throws IOException {
        byte[] buf = new byte[8192];
        for (int i = 0; i < 1000; i++) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            phone.receive(p);
            try {
                SipMessage m = SipParser.parse(buf, p.getLength());
                if (m.startLine().equals("SIP/2.0 200 OK") && m.first("call-id").orElse("").equals(callId)) {
                    assertArrayEquals(new byte[0], m.body());
                    return true;
                }
            } catch (MalformedSipException e) {
                throw new AssertionError("the listener sent malformed SIP: " + e.getMessage(), e);
            }
        }
        return false;
    }
}
