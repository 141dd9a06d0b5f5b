package org.endpointmanager.testkit.sip;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A desk phone for SIP tests: a UDP user agent on 127.0.0.1 (random port) that answers NOTIFYs
 * the way a test scripts it, records each one (request-URI, headers, Event, retransmissions) and
 * answers retransmissions with the same response, as a server transaction does.
 */
public final class ScriptedPhone implements AutoCloseable {

    /** How the phone answers. */
    public sealed interface Behaviour permits Answer, Challenge, AlwaysChallenge, Silent {
    }

    /**
     * Answers every NOTIFY with a status, optionally after a pause.
     *
     * @param status the status code
     * @param reason the reason phrase
     * @param delay how long to hold the transaction before answering
     */
    public record Answer(int status, String reason, Duration delay) implements Behaviour {
        /** Validates. */
        public Answer {
            Objects.requireNonNull(reason, "reason is null");
            Objects.requireNonNull(delay, "delay is null");
        }
    }

    /**
     * Answers a NOTIFY without credentials with 401 and a digest challenge (qop=auth, MD5), then
     * 200 when the Authorization is right for the user and password, 403 otherwise.
     *
     * @param user expected digest user
     * @param password expected password
     */
    public record Challenge(String user, String password) implements Behaviour {
        /** Validates. */
        public Challenge {
            Objects.requireNonNull(user, "user is null");
            Objects.requireNonNull(password, "password is null");
        }
    }

    /** Answers every NOTIFY with a fresh 401 challenge, credentials or not. */
    public record AlwaysChallenge() implements Behaviour {
    }

    /** Never answers. */
    public record Silent() implements Behaviour {
    }

    /** Answers 200 OK at once. */
    public static Behaviour ok() {
        return new Answer(200, "OK", Duration.ZERO);
    }

    /** Answers 200 OK after a pause. */
    public static Behaviour okAfter(Duration delay) {
        return new Answer(200, "OK", delay);
    }

    /** Answers with a status (481, 486, ...). */
    public static Behaviour status(int status, String reason) {
        return new Answer(status, reason, Duration.ZERO);
    }

    /**
     * One NOTIFY transaction as the phone saw it.
     *
     * @param request the first copy received
     * @param event the Event header
     * @param retransmissions further copies of the same transaction
     * @param answeredWith the final status sent (0 when none)
     * @param authorized whether it carried an Authorization header
     */
    public record Received(SipRequestText request, String event, int retransmissions, int answeredWith,
            boolean authorized) {
    }

    private static final Pattern PARAM = Pattern.compile("([A-Za-z-]+)=(\"([^\"]*)\"|[^,\\s]+)");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String REALM = "scripted-phone";

    private final DatagramSocket socket;
    private final Behaviour behaviour;
    private final Optional<PeakGauge> gauge;
    private final Thread receiver;
    private final Map<String, Transaction> transactions = new ConcurrentHashMap<>();
    private final List<Transaction> order = new CopyOnWriteArrayList<>();
    private final Set<String> nonces = ConcurrentHashMap.newKeySet();
    private final AtomicInteger malformed = new AtomicInteger();
    private volatile boolean closed;

    private static final class Transaction {
        /** Whether this transaction is counted in the gauge (until its final answer is sent). */
        private volatile boolean counted;
        final SipRequestText request;
        final AtomicInteger copies = new AtomicInteger();
        volatile byte[] response;
        volatile int status;

        Transaction(SipRequestText request) {
            this.request = request;
        }
    }

    private ScriptedPhone(Behaviour behaviour, Optional<PeakGauge> gauge) throws SocketException {
        this.behaviour = Objects.requireNonNull(behaviour, "behaviour is null");
        this.gauge = gauge;
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.receiver = new Thread(this::receive, "scripted-phone-" + socket.getLocalPort());
        receiver.setDaemon(true);
        receiver.start();
    }

    /** Starts a phone with a behaviour. */
    public static ScriptedPhone start(Behaviour behaviour) throws SocketException {
        return new ScriptedPhone(behaviour, Optional.empty());
    }

    /** Starts a phone that also counts its open transactions in a shared gauge. */
    public static ScriptedPhone start(Behaviour behaviour, PeakGauge gauge) throws SocketException {
        return new ScriptedPhone(behaviour, Optional.of(gauge));
    }

    /** The UDP port. */
    public int port() {
        return socket.getLocalPort();
    }

    /** A contact URI for this phone, as a registrar would have it. */
    public String contact(String user) {
        return "sip:" + user + "@127.0.0.1:" + port();
    }

    /** Every NOTIFY transaction received, in arrival order (a challenged NOTIFY and its answer are two). */
    public List<Received> received() {
        return order.stream().map(t -> new Received(t.request, t.request.header("event").orElse(""),
                t.copies.get() - 1, t.status, t.request.header("authorization").isPresent())).toList();
    }

    /** Waits until at least {@code count} transactions were received; false on time-out. */
    public boolean awaitReceived(int count, Duration max) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (order.size() < count) {
            if (System.nanoTime() > end) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        return true;
    }

    /** Datagrams that were not well-formed SIP requests. */
    public int malformed() {
        return malformed.get();
    }

    private void receive() {
        byte[] buf = new byte[65_535];
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                return;
            }
            SipRequestText request;
            try {
                request = SipRequestText.parse(packet.getData(), packet.getLength());
            } catch (RuntimeException e) {
                malformed.incrementAndGet();
                continue;
            }
            try {
                handle(request);
            } catch (IOException | RuntimeException e) {
                malformed.incrementAndGet();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void handle(SipRequestText request) throws IOException, InterruptedException {
        String key = branch(request) + " " + request.header("cseq").orElse("");
        Transaction fresh = new Transaction(request);
        Transaction t = transactions.putIfAbsent(key, fresh);
        if (t != null) {
            t.copies.incrementAndGet();
            if (t.response != null) {
                send(t.response, request);
            }
            return;
        }
        t = fresh;
        t.copies.incrementAndGet();
        order.add(t);
        if (!request.method().equals("NOTIFY")) {
            answer(t, request, 405, "Method Not Allowed", Map.of("Allow", "NOTIFY"));
            return;
        }
        gauge.ifPresent(PeakGauge::enter);
        t.counted = true;
        try {
            if (behaviour instanceof Answer a) {
                if (!a.delay().isZero()) {
                    TimeUnit.MILLISECONDS.sleep(a.delay().toMillis());
                }
                answer(t, request, a.status(), a.reason(), Map.of());
            } else if (behaviour instanceof Challenge c) {
                Optional<String> auth = request.header("authorization");
                if (auth.isEmpty()) {
                    challenge(t, request);
                } else if (verify(auth.get(), request, c)) {
                    answer(t, request, 200, "OK", Map.of());
                } else {
                    answer(t, request, 403, "Forbidden", Map.of());
                }
            } else if (behaviour instanceof AlwaysChallenge) {
                challenge(t, request);
            }
        } finally {
            if (!(behaviour instanceof Silent)) {
                uncount(t);
            }
        }
    }

    private void challenge(Transaction t, SipRequestText request) throws IOException {
        byte[] n = new byte[12];
        RANDOM.nextBytes(n);
        String nonce = HexFormat.of().formatHex(n);
        nonces.add(nonce);
        answer(t, request, 401, "Unauthorized", Map.of("WWW-Authenticate",
                "Digest realm=\"" + REALM + "\", nonce=\"" + nonce + "\", qop=\"auth\", algorithm=MD5"));
    }

    /** Checks an Authorization header per RFC 2617 with qop=auth (nc must be 00000001). */
    private boolean verify(String header, SipRequestText request, Challenge c) {
        if (!header.regionMatches(true, 0, "Digest ", 0, 7)) {
            return false;
        }
        Map<String, String> p = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(header.substring(7));
        while (m.find()) {
            p.put(m.group(1).toLowerCase(Locale.ROOT), m.group(3) != null ? m.group(3) : m.group(2));
        }
        if (!c.user().equals(p.get("username")) || !REALM.equals(p.get("realm")) || !nonces.contains(p.get("nonce"))
                || !request.requestUri().equals(p.get("uri")) || !"auth".equals(p.get("qop"))
                || !"00000001".equals(p.get("nc")) || p.get("cnonce") == null || p.get("response") == null) {
            return false;
        }
        String ha1 = md5(c.user() + ":" + REALM + ":" + c.password());
        String ha2 = md5(request.method() + ":" + p.get("uri"));
        String expected = md5(ha1 + ":" + p.get("nonce") + ":" + p.get("nc") + ":" + p.get("cnonce") + ":auth:" + ha2);
        return expected.equals(p.get("response"));
    }

    private void answer(Transaction t, SipRequestText request, int status, String reason, Map<String, String> extra)
            throws IOException {
        StringBuilder b = new StringBuilder("SIP/2.0 ").append(status).append(' ').append(reason).append("\r\n");
        for (String via : request.all("via")) {
            b.append("Via: ").append(via).append("\r\n");
        }
        b.append("From: ").append(request.header("from").orElseThrow()).append("\r\n");
        String to = request.header("to").orElseThrow();
        b.append("To: ").append(to).append(to.contains(";tag=") ? "" : ";tag=phone" + port()).append("\r\n");
        b.append("Call-ID: ").append(request.header("call-id").orElseThrow()).append("\r\n");
        b.append("CSeq: ").append(request.header("cseq").orElseThrow()).append("\r\n");
        extra.forEach((k, v) -> b.append(k).append(": ").append(v).append("\r\n"));
        b.append("User-Agent: ScriptedPhone\r\nContent-Length: 0\r\n\r\n");
        byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
        t.response = bytes;
        t.status = status;
        // The transaction stops counting before its answer leaves: once the answer is out, the
        // engine may start the next NOTIFY, which must not find this one still counted.
        uncount(t);
        send(bytes, request);
    }

    private void uncount(Transaction t) {
        if (t.counted) {
            t.counted = false;
            gauge.ifPresent(PeakGauge::leave);
        }
    }

    /** Sends to the top Via's sent-by (RFC 3261 18.2.2 without received/rport). */
    private void send(byte[] bytes, SipRequestText request) throws IOException {
        String via = request.all("via").get(0);
        Matcher m = Pattern.compile("^SIP/2\\.0/UDP\\s+([^;:\\s]+)(?::(\\d+))?", Pattern.CASE_INSENSITIVE).matcher(via);
        if (!m.find()) {
            throw new IOException("cannot read the Via sent-by: " + via);
        }
        int port = m.group(2) == null ? 5060 : Integer.parseInt(m.group(2));
        socket.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress(InetAddress.getByName(m.group(1)), port)));
    }

    private static String branch(SipRequestText request) {
        Matcher m = Pattern.compile(";\\s*branch=([^;,\\s]+)").matcher(request.all("via").get(0));
        return m.find() ? m.group(1) : "";
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        closed = true;
        socket.close();
        receiver.interrupt();
    }
}
