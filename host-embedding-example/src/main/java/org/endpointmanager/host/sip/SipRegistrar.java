package org.endpointmanager.host.sip;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.endpointmanager.api.host.DialResult;
import org.endpointmanager.api.host.Extension;
import org.endpointmanager.api.host.Registration;
import org.endpointmanager.api.host.UserDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The example host's registrar on one UDP socket.
 *
 * <ul>
 *   <li>REGISTER: 401 with an MD5 digest challenge, 403 on wrong credentials, 423 below
 *       {@code minExpires}; bindings (Contact, expiry, source, User-Agent) go to
 *       {@link RegistrarBindings}; {@code Expires: 0} unregisters; a timer expires the rest.</li>
 *   <li>INVITE: only for add-on dial hooks (star-code binding), from registered or unregistered
 *       phones alike: 100, then 200 with a rejected media stream and a BYE after the ACK, or
 *       403/480 with a Warning that gives the reason; digits no hook claims get 404.</li>
 *   <li>ACK is absorbed; BYE, CANCEL and OPTIONS get 200; other methods 501.</li>
 * </ul>
 * Retransmitted requests get the cached response again, so a slow hook runs once per call.
 */
public final class SipRegistrar implements AutoCloseable {

    /**
     * Tunables; tests shorten the timer and lower the minimum expiry.
     *
     * @param bind bind address
     * @param port UDP port, 0 for any free one
     * @param realm digest realm
     * @param minExpires shortest binding accepted (seconds); shorter ones get 423
     * @param maxExpires longest binding granted (seconds); longer requests are cut to it
     * @param sweepInterval how often expired bindings are dropped
     * @param clock the clock bindings and nonces run on
     */
    public record Options(String bind, int port, String realm, int minExpires, int maxExpires, Duration sweepInterval,
            Clock clock) {
        /** Validates. */
        public Options {
            Objects.requireNonNull(bind, "bind is null");
            Objects.requireNonNull(realm, "realm is null");
            Objects.requireNonNull(sweepInterval, "sweepInterval is null");
            Objects.requireNonNull(clock, "clock is null");
            if (port < 0 || port > 65535 || minExpires < 1 || maxExpires < minExpires) {
                throw new IllegalArgumentException("port must be 0..65535 and 1 <= minExpires <= maxExpires");
            }
        }

        /** The host's defaults: 60 s to 1 h, swept every second. */
        public static Options defaults(String bind, int port) {
            return new Options(bind, port, "endpoint-manager-host", 60, 3600, Duration.ofSeconds(1), Clock.systemUTC());
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(SipRegistrar.class);
    private static final int DEFAULT_EXPIRES = 3600;
    private static final int MAX_CACHED = 1024;
    private static final Duration CACHE_TIME = Duration.ofSeconds(32);

    private record Cached(byte[] response, Instant at) {
    }

    private final Options options;
    private final UserDirectory users;
    private final DialHooks hooks;
    private final RegistrarBindings bindings;
    private final DigestAuthenticator digest;
    private final DatagramSocket socket;
    private final Thread receiver;
    private final ScheduledExecutorService timer;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Cached> transactions = new LinkedHashMap<>(64, 0.75f, true);
    private final Map<String, PendingBye> byes = new LinkedHashMap<>();
    private volatile boolean running = true;

    private record PendingBye(byte[] request, InetSocketAddress to, Instant at) {
    }

    private SipRegistrar(Options options, UserDirectory users, DialHooks hooks, DatagramSocket socket) {
        this.options = options;
        this.users = users;
        this.hooks = hooks;
        this.socket = socket;
        this.bindings = new RegistrarBindings(options.clock());
        this.digest = new DigestAuthenticator(options.realm(), options.clock());
        this.receiver = new Thread(this::receiveLoop, "sip-registrar-" + socket.getLocalPort());
        this.receiver.setDaemon(true);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sip-registrar-expiry");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Binds the socket and starts serving.
     *
     * @throws IOException when the address cannot be bound (port in use, unknown address)
     */
    public static SipRegistrar start(Options options, UserDirectory users, DialHooks hooks) throws IOException {
        Objects.requireNonNull(options, "options is null");
        Objects.requireNonNull(users, "users is null");
        Objects.requireNonNull(hooks, "hooks is null");
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(options.bind()), options.port()));
        SipRegistrar r = new SipRegistrar(options, users, hooks, socket);
        r.receiver.start();
        long every = Math.max(10, options.sweepInterval().toMillis());
        r.timer.scheduleWithFixedDelay(r.bindings::expire, every, every, TimeUnit.MILLISECONDS);
        LOG.info("registrar listening on udp {}:{}", options.bind(), socket.getLocalPort());
        return r;
    }

    /** The bindings, to lend add-ons as their registration feed. */
    public RegistrarBindings bindings() {
        return bindings;
    }

    /** The bound UDP port. */
    public int port() {
        return socket.getLocalPort();
    }

    private void receiveLoop() {
        byte[] buffer = new byte[SipRequest.MAX_DATAGRAM + 1];
        while (running) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                if (running) {
                    LOG.warn("registrar receive failed: {}", e.toString());
                }
                continue;
            }
            InetSocketAddress from = (InetSocketAddress) packet.getSocketAddress();
            if (packet.getLength() > SipRequest.MAX_DATAGRAM) {
                LOG.debug("registrar: dropped an oversized datagram from {}", from.getAddress().getHostAddress());
                continue;
            }
            Optional<SipRequest> request = SipRequest.parse(packet.getData(), packet.getLength());
            if (request.isEmpty()) {
                continue; // responses (to our BYEs) and garbage alike
            }
            try {
                handle(request.get(), from);
            } catch (RuntimeException e) {
                LOG.warn("registrar: {} from {} failed: {}", request.get().method(), from.getAddress().getHostAddress(),
                        e.toString());
            }
        }
    }

    private void handle(SipRequest req, InetSocketAddress from) {
        if (req.header("Via").isEmpty() || req.header("From").isEmpty() || req.header("To").isEmpty()
                || req.header("Call-ID").isEmpty() || req.header("CSeq").isEmpty()) {
            return; // without these nothing can be answered
        }
        String txKey = req.method() + "|" + req.header("Call-ID").get() + "|" + req.header("CSeq").get() + "|"
                + req.all("Via").get(0);
        byte[] cached = cachedResponse(txKey);
        if (cached != null) {
            send(cached, from);
            return;
        }
        switch (req.method()) {
            case "REGISTER" -> answer(txKey, register(req, from), from);
            case "INVITE" -> answer(txKey, invite(req, from), from);
            case "ACK" -> ack(req);
            case "BYE", "CANCEL", "OPTIONS" -> answer(txKey, response(req, 200, "OK", List.of(), ""), from);
            default -> answer(txKey, response(req, 501, "Not Implemented", List.of("Allow: REGISTER, INVITE, ACK, BYE, CANCEL, OPTIONS"), ""), from);
        }
    }

    private String register(SipRequest req, InetSocketAddress from) {
        String ip = from.getAddress().getHostAddress();
        Optional<String> user = NameAddress.uri(req.header("To").get()).flatMap(NameAddress::user);
        Optional<String> authorization = req.header("Authorization");
        if (authorization.isEmpty()) {
            return response(req, 401, "Unauthorized", List.of("WWW-Authenticate: " + digest.challenge(false)), "");
        }
        Optional<Extension> extension = user.flatMap(this::extensionOf);
        if (extension.isEmpty()) {
            LOG.warn("registrar: REGISTER from {} for an unknown user refused", ip);
            return response(req, 403, "Forbidden", List.of(), "");
        }
        Extension x = extension.get();
        DigestAuthenticator.Verdict verdict = digest.verify(authorization.get(), "REGISTER", x.sipUser(), x.password());
        if (verdict == DigestAuthenticator.Verdict.STALE) {
            return response(req, 401, "Unauthorized", List.of("WWW-Authenticate: " + digest.challenge(true)), "");
        }
        if (verdict != DigestAuthenticator.Verdict.OK) {
            LOG.warn("registrar: REGISTER for extension {} from {} refused: wrong credentials", x.number(), ip);
            return response(req, 403, "Forbidden", List.of(), "");
        }
        OptionalInt headerExpires = expires(req.header("Expires"));
        if (headerExpires == null) {
            return response(req, 400, "Bad Expires", List.of(), "");
        }
        List<String> contacts = req.all("Contact");
        Optional<String> ua = req.header("User-Agent");
        Instant now = options.clock().instant();
        if (contacts.size() == 1 && contacts.get(0).equals("*")) {
            if (headerExpires.orElse(-1) != 0) {
                return response(req, 400, "Contact * needs Expires: 0", List.of(), "");
            }
            bindings.removeAll(x.number());
            LOG.info("registrar: extension {} from {} unregistered every contact", x.number(), ip);
            return okWithBindings(req, x);
        }
        if (contacts.size() > RegistrarBindings.MAX_PER_EXTENSION) {
            return response(req, 403, "Too Many Contacts", List.of(), "");
        }
        List<Registration> add = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        for (String c : contacts) {
            Optional<String> uri = NameAddress.uri(c).filter(u -> u.length() <= 512);
            if (uri.isEmpty() || !(uri.get().regionMatches(true, 0, "sip:", 0, 4)
                    || uri.get().regionMatches(true, 0, "sips:", 0, 5))) {
                return response(req, 400, "Bad Contact", List.of(), "");
            }
            OptionalInt own = expires(NameAddress.param(c, "expires"));
            if (own == null) {
                return response(req, 400, "Bad Contact expires", List.of(), "");
            }
            int seconds = own.isPresent() ? own.getAsInt() : headerExpires.orElse(DEFAULT_EXPIRES);
            if (seconds == 0) {
                remove.add(uri.get());
                continue;
            }
            if (seconds < options.minExpires()) {
                return response(req, 423, "Interval Too Brief", List.of("Min-Expires: " + options.minExpires()), "");
            }
            seconds = Math.min(seconds, options.maxExpires());
            add.add(new Registration(x.number(), uri.get(), ip, from.getPort(), "udp", ua, now, now.plusSeconds(seconds)));
        }
        for (String uri : remove) {
            bindings.remove(x.number(), uri);
            LOG.info("registrar: extension {} from {} unregistered {}", x.number(), ip, uri);
        }
        for (Registration r : add) {
            if (!bindings.put(r)) {
                return response(req, 403, "Too Many Bindings", List.of(), "");
            }
            LOG.info("registrar: extension {} registered from {}:{} until {}", x.number(), ip, from.getPort(),
                    r.expiresAt());
        }
        return okWithBindings(req, x);
    }

    private String okWithBindings(SipRequest req, Extension x) {
        Instant now = options.clock().instant();
        List<String> headers = new ArrayList<>();
        for (Registration r : bindings.of(x.number())) {
            long left = Math.max(1, Duration.between(now, r.expiresAt()).toSeconds());
            headers.add("Contact: <" + r.contact() + ">;expires=" + left);
        }
        return response(req, 200, "OK", headers, "");
    }

    private Optional<Extension> extensionOf(String sipUser) {
        Optional<Extension> byNumber = users.find(sipUser).filter(e -> e.sipUser().equals(sipUser));
        return byNumber.or(() -> users.all().stream().filter(e -> e.sipUser().equals(sipUser)).findFirst());
    }

    /** Empty when absent, null when malformed (the caller answers 400). */
    private static OptionalInt expires(Optional<String> value) {
        if (value.isEmpty()) {
            return OptionalInt.empty();
        }
        String v = value.get().strip();
        if (!v.matches("[0-9]{1,10}")) {
            return null;
        }
        long n = Long.parseLong(v);
        return OptionalInt.of((int) Math.min(n, Integer.MAX_VALUE));
    }

    private String invite(SipRequest req, InetSocketAddress from) {
        String ip = from.getAddress().getHostAddress();
        send(response(req, 100, "Trying", List.of(), "").getBytes(StandardCharsets.UTF_8), from);
        Optional<String> digits = NameAddress.user(req.requestUri()).filter(d -> d.length() <= 80);
        Optional<DialResult> result = digits.flatMap(d -> hooks.dialled(d, ip, req.header("User-Agent")));
        if (result.isEmpty()) {
            return response(req, 404, "Not Found", List.of(), "");
        }
        DialResult r = result.get();
        String warning = "Warning: 399 endpoint-manager-host \"" + r.reason().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        return switch (r.outcome()) {
            case ACCEPTED -> accepted(req, from, warning);
            case REFUSED -> response(req, 403, "Forbidden", List.of(warning), "");
            case RETRY_LATER -> response(req, 480, "Temporarily Unavailable", List.of(warning), "");
        };
    }

    /** 200 with every media stream refused (port 0): the call exists only to carry the digits. */
    private String accepted(SipRequest req, InetSocketAddress from, String warning) {
        String local = localHostPort(req);
        String sdp = "v=0\r\no=- 0 0 IN IP4 0.0.0.0\r\ns=-\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\nm=audio 0 RTP/AVP 0\r\n";
        String tag = hex(8);
        String ok = response(req, 200, "OK", tag, List.of("Contact: <sip:" + local + ">", warning,
                "Content-Type: application/sdp"), sdp);
        String peer = req.header("Contact").flatMap(NameAddress::uri).orElse(req.header("From").flatMap(NameAddress::uri)
                .orElse("sip:" + from.getAddress().getHostAddress() + ":" + from.getPort()));
        String bye = "BYE " + peer + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + local + ";branch=z9hG4bK" + hex(8) + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: " + req.header("To").get() + ";tag=" + tag + "\r\n"
                + "To: " + req.header("From").get() + "\r\n"
                + "Call-ID: " + req.header("Call-ID").get() + "\r\n"
                + "CSeq: 1 BYE\r\n"
                + "Content-Length: 0\r\n\r\n";
        synchronized (byes) {
            Instant now = options.clock().instant();
            byes.values().removeIf(b -> b.at().plus(CACHE_TIME).isBefore(now));
            if (byes.size() < MAX_CACHED) {
                byes.put(req.header("Call-ID").get(), new PendingBye(bye.getBytes(StandardCharsets.UTF_8), from, now));
            }
        }
        return ok;
    }

    private void ack(SipRequest req) {
        PendingBye bye;
        synchronized (byes) {
            bye = byes.remove(req.header("Call-ID").get());
        }
        if (bye != null) {
            send(bye.request(), bye.to());
        }
    }

    /** Where the phone reached us: the Request-URI's host and port. */
    private String localHostPort(SipRequest req) {
        String uri = req.requestUri();
        int at = uri.indexOf('@');
        String hostPort = at >= 0 ? uri.substring(at + 1) : uri.substring(uri.indexOf(':') + 1);
        int semi = hostPort.indexOf(';');
        if (semi >= 0) {
            hostPort = hostPort.substring(0, semi);
        }
        return hostPort.matches("[A-Za-z0-9.\\-\\[\\]:]{1,261}") ? hostPort : "127.0.0.1:" + port();
    }

    private String response(SipRequest req, int code, String reason, List<String> extra, String body) {
        return response(req, code, reason, hex(8), extra, body);
    }

    private String response(SipRequest req, int code, String reason, String tag, List<String> extra, String body) {
        StringBuilder b = new StringBuilder(512);
        b.append("SIP/2.0 ").append(code).append(' ').append(reason).append("\r\n");
        for (SipRequest.Header h : req.headers()) {
            if (h.name().equals("Via")) {
                b.append("Via: ").append(h.value()).append("\r\n");
            }
        }
        b.append("From: ").append(req.header("From").get()).append("\r\n");
        String to = req.header("To").get();
        if (code > 100 && NameAddress.param(to, "tag").isEmpty()) {
            to = to + ";tag=" + tag;
        }
        b.append("To: ").append(to).append("\r\n");
        b.append("Call-ID: ").append(req.header("Call-ID").get()).append("\r\n");
        b.append("CSeq: ").append(req.header("CSeq").get()).append("\r\n");
        for (String h : extra) {
            b.append(h).append("\r\n");
        }
        b.append("Server: endpoint-manager-example-host\r\n");
        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        b.append("Content-Length: ").append(bodyBytes.length).append("\r\n\r\n").append(body);
        return b.toString();
    }

    private void answer(String txKey, String response, InetSocketAddress to) {
        byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
        synchronized (transactions) {
            transactions.put(txKey, new Cached(bytes, options.clock().instant()));
            while (transactions.size() > MAX_CACHED) {
                transactions.remove(transactions.keySet().iterator().next());
            }
        }
        send(bytes, to);
    }

    private byte[] cachedResponse(String txKey) {
        synchronized (transactions) {
            Cached c = transactions.get(txKey);
            if (c == null) {
                return null;
            }
            if (c.at().plus(CACHE_TIME).isBefore(options.clock().instant())) {
                transactions.remove(txKey);
                return null;
            }
            return c.response();
        }
    }

    private void send(byte[] bytes, InetSocketAddress to) {
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, to));
        } catch (IOException e) {
            LOG.warn("registrar: send to {} failed: {}", to.getAddress().getHostAddress(), e.toString());
        }
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    @Override
    public void close() {
        running = false;
        timer.shutdownNow();
        socket.close();
        try {
            receiver.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("registrar stopped");
    }
}
