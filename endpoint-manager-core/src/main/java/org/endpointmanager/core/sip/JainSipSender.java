package org.endpointmanager.core.sip;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContentLengthHeader;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.ViaHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.endpointmanager.api.Secret;
import org.endpointmanager.api.host.SipSender;
import org.endpointmanager.core.config.EndpointManagerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The add-on's own SIP user agent client on a UDP listening point ({@code [sip] bind/port}), used
 * when the host lends no {@link SipSender}. JAIN-SIP (NIST RI) builds, parses and retransmits; each
 * client transaction runs with the configured T1 (Timer E doubles from T1, Timer F fires at 64*T1),
 * and {@code transaction_timeout_ms} ends a transaction earlier when it is shorter. A 401/407 is
 * answered once with digest credentials; a second challenge is the final result.
 */
public final class JainSipSender implements SipSender, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JainSipSender.class);
    private static final AtomicInteger STACKS = new AtomicInteger();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String USER_AGENT = "endpoint-manager";

    private final SipStackImpl stack;
    private final ListeningPoint listeningPoint;
    private final SipProvider provider;
    private final AddressFactoryImpl addresses = new AddressFactoryImpl();
    private final HeaderFactoryImpl headers = new HeaderFactoryImpl();
    private final MessageFactoryImpl messages = new MessageFactoryImpl();
    private final InetAddress bind;
    private final int t1Millis;
    private final long timeoutMillis;
    private final Map<ClientTransaction, Exchange> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers;

    /** One request from first send to final result, across a challenge. */
    private static final class Exchange {
        final OutOfDialogRequest request;
        final CompletableFuture<Outcome> result = new CompletableFuture<>();
        final long startNanos = System.nanoTime();
        volatile boolean challenged;
        volatile Request lastSent;

        Exchange(OutOfDialogRequest request) {
            this.request = request;
        }

        Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - startNanos);
        }
    }

    private JainSipSender(SipStackImpl stack, ListeningPoint listeningPoint, SipProvider provider, InetAddress bind,
            EndpointManagerConfig.Sip config) {
        this.stack = stack;
        this.listeningPoint = listeningPoint;
        this.provider = provider;
        this.bind = bind;
        this.t1Millis = (int) config.t1Millis();
        this.timeoutMillis = config.transactionTimeoutMillis();
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "em-sip-timeout");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Creates a stack with a unique name and opens its UDP listening point.
     *
     * @throws IllegalStateException when the stack cannot be created or the port cannot be bound
     */
    public static JainSipSender start(EndpointManagerConfig.Sip config) {
        Objects.requireNonNull(config, "config is null");
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "endpoint-manager-" + STACKS.incrementAndGet() + "-"
                + HexFormat.of().formatHex(RANDOM.generateSeed(4)));
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", Slf4jServerLogger.class.getName());
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", "65536");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "4");
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        // our router for sip: URIs too, so a request can go to a registration's source (NAT)
        p.setProperty("javax.sip.ROUTER_PATH", NextHopRouter.class.getName());
        p.setProperty("javax.sip.USE_ROUTER_FOR_ALL_URIS", "true");
        SipStackImpl stack = null;
        try {
            InetAddress bind = InetAddress.getByName(config.bind());
            stack = new SipStackImpl(p);
            ListeningPoint lp = listen(stack, config, bind);
            SipProvider provider = stack.createSipProvider(lp);
            JainSipSender sender = new JainSipSender(stack, lp, provider, bind, config);
            provider.addSipListener(sender.listener);
            stack.start();
            LOG.info("SIP listening on udp {}:{} (T1 {} ms, transaction timeout {} ms)", config.bind(), lp.getPort(),
                    config.t1Millis(), config.transactionTimeoutMillis());
            return sender;
        } catch (Exception e) {
            if (stack != null) {
                stack.stop();
            }
            throw new IllegalStateException("cannot open the SIP listening point udp " + config.bind() + ":" + config.port()
                    + " ([sip] bind/port): " + e.getMessage(), e);
        }
    }

    /**
     * Opens the UDP listening point. The NIST stack refuses port 0, so a free port is found first
     * by binding and releasing it; another process may take it in between, hence a few tries.
     */
    private static ListeningPoint listen(SipStackImpl stack, EndpointManagerConfig.Sip config, InetAddress bind)
            throws Exception {
        if (config.port() != 0) {
            return stack.createListeningPoint(config.bind(), config.port(), ListeningPoint.UDP);
        }
        Exception last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int free;
            try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(bind, 0))) {
                free = probe.getLocalPort();
            }
            try {
                return stack.createListeningPoint(config.bind(), free, ListeningPoint.UDP);
            } catch (Exception e) {
                last = e;
            }
        }
        throw last;
    }

    /** The UDP port the listening point is bound to. */
    public int port() {
        return listeningPoint.getPort();
    }

    @Override
    public CompletionStage<Outcome> send(OutOfDialogRequest request) {
        return send(request, Optional.empty());
    }

    @Override
    public CompletionStage<Outcome> send(OutOfDialogRequest request, Optional<InetSocketAddress> destination) {
        Objects.requireNonNull(request, "request is null");
        Objects.requireNonNull(destination, "destination is null");
        Exchange exchange = new Exchange(request);
        try {
            Request built = build(request, destination);
            if (destination.isPresent()) {
                String callId = ((javax.sip.header.CallIdHeader) built.getHeader(javax.sip.header.CallIdHeader.NAME)).getCallId();
                NextHopRouter router = (NextHopRouter) stack.getRouter();
                router.route(callId, destination.get());
                exchange.result.whenComplete((o, e) -> router.forget(callId));
            }
            start(exchange, built);
        } catch (Exception e) {
            exchange.result.complete(new Outcome(0, "not sent: " + e.getMessage(), exchange.elapsed()));
        }
        return exchange.result;
    }

    private Request build(OutOfDialogRequest r, Optional<InetSocketAddress> destination) throws Exception {
        URI uri = addresses.createURI(r.requestUri());
        if (!(uri instanceof SipURI target) || target.isSecure()) {
            throw new IllegalArgumentException("only sip: URIs can be reached over UDP");
        }
        String transport = target.getTransportParam();
        if (transport != null && !transport.equalsIgnoreCase("udp")) {
            throw new IllegalArgumentException("the contact asks for transport " + transport + "; this stack sends UDP only");
        }
        if (destination.isPresent() && (destination.get().isUnresolved() || destination.get().getPort() <= 0)) {
            throw new IllegalArgumentException("the destination must be an address and a port");
        }
        String local = destination.isPresent()
                ? localAddressToward(destination.get().getAddress(), destination.get().getPort())
                : localAddressToward(InetAddress.getByName(target.getHost()), target.getPort() > 0 ? target.getPort() : 5060);
        int port = listeningPoint.getPort();
        SipURI self = addresses.createSipURI(USER_AGENT, local);
        self.setPort(port);
        Address selfAddress = addresses.createAddress(self);
        SipURI toUri = addresses.createSipURI(target.getUser(), target.getHost());
        if (target.getPort() > 0) {
            toUri.setPort(target.getPort());
        }
        Request req = messages.createRequest(target, r.method(), provider.getNewCallId(),
                headers.createCSeqHeader(1L, r.method()), headers.createFromHeader(selfAddress, token()),
                headers.createToHeader(addresses.createAddress(toUri), null),
                List.of(headers.createViaHeader(local, port, ListeningPoint.UDP, branch())),
                headers.createMaxForwardsHeader(70));
        for (Map.Entry<String, String> h : r.headers().entrySet()) {
            req.addHeader(headers.createHeader(h.getKey(), h.getValue()));
        }
        req.setHeader(headers.createContactHeader(selfAddress));
        req.setHeader(headers.createUserAgentHeader(List.of(USER_AGENT)));
        req.setHeader(headers.createContentLengthHeader(0));
        return req;
    }

    /** The local address the phone should answer to: the bind address, or the route's source. */
    private String localAddressToward(InetAddress destination, int port) throws Exception {
        if (!bind.isAnyLocalAddress()) {
            return bind.getHostAddress();
        }
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(new InetSocketAddress(destination, port));
            return probe.getLocalAddress().getHostAddress();
        }
    }

    private void start(Exchange exchange, Request request) throws Exception {
        ClientTransaction ct = provider.getNewClientTransaction(request);
        ct.setRetransmitTimer(t1Millis);
        exchange.lastSent = request;
        pending.put(ct, exchange);
        timers.schedule(() -> expire(ct), timeoutMillis, TimeUnit.MILLISECONDS);
        try {
            ct.sendRequest();
        } catch (Exception e) {
            pending.remove(ct);
            throw e;
        }
    }

    private void expire(ClientTransaction ct) {
        Exchange exchange = pending.remove(ct);
        if (exchange != null) {
            exchange.result.complete(new Outcome(0, "timeout", exchange.elapsed()));
            try {
                ct.terminate();
            } catch (Exception e) {
                LOG.debug("terminating a timed-out transaction failed: {}", e.toString());
            }
        }
    }

    private void onResponse(ResponseEvent event) {
        ClientTransaction ct = event.getClientTransaction();
        Response response = event.getResponse();
        if (ct == null || response.getStatusCode() < 200) {
            return;
        }
        Exchange exchange = pending.remove(ct);
        if (exchange == null) {
            return;
        }
        int code = response.getStatusCode();
        if ((code == 401 || code == 407) && !exchange.challenged && exchange.request.authUser().isPresent()
                && exchange.request.authPassword().isPresent()) {
            exchange.challenged = true;
            try {
                start(exchange, answer(exchange, response));
                return;
            } catch (Exception e) {
                exchange.result.complete(new Outcome(code, reason(response) + " (challenge not answered: " + e.getMessage() + ")",
                        exchange.elapsed()));
                return;
            }
        }
        exchange.result.complete(new Outcome(code, reason(response), exchange.elapsed()));
    }

    private Request answer(Exchange exchange, Response challengeResponse) throws Exception {
        boolean proxy = challengeResponse.getStatusCode() == 407;
        DigestAnswer.Challenge challenge = challenge(challengeResponse, proxy)
                .orElseThrow(() -> new IllegalArgumentException("no MD5 digest challenge in the response"));
        Request next = (Request) exchange.lastSent.clone();
        ViaHeader oldVia = (ViaHeader) next.getHeader(ViaHeader.NAME);
        next.removeHeader(ViaHeader.NAME);
        next.addHeader(headers.createViaHeader(oldVia.getHost(), oldVia.getPort(), ListeningPoint.UDP, branch()));
        CSeqHeader cseq = (CSeqHeader) next.getHeader(CSeqHeader.NAME);
        cseq.setSeqNumber(cseq.getSeqNumber() + 1);
        String user = exchange.request.authUser().orElseThrow();
        Secret password = exchange.request.authPassword().orElseThrow();
        DigestAnswer a = DigestAnswer.answer(challenge, next.getMethod(), next.getRequestURI().toString(), user, password,
                token());
        AuthorizationHeader h = proxy ? headers.createProxyAuthorizationHeader("Digest")
                : headers.createAuthorizationHeader("Digest");
        h.setUsername(a.username());
        h.setRealm(a.realm());
        h.setNonce(a.nonce());
        h.setURI(next.getRequestURI());
        h.setResponse(a.response());
        if (a.qop().isPresent()) {
            h.setQop(a.qop().get());
            h.setCNonce(a.cnonce().orElseThrow());
            h.setNonceCount(1);
        }
        if (a.opaque().isPresent()) {
            h.setOpaque(a.opaque().get());
        }
        if (a.algorithm().isPresent()) {
            h.setAlgorithm(a.algorithm().get());
        }
        next.setHeader(h);
        next.setHeader((ContentLengthHeader) headers.createContentLengthHeader(0));
        return next;
    }

    /** The first digest challenge using MD5 (or no algorithm), from the phone's response. */
    private static Optional<DigestAnswer.Challenge> challenge(Response response, boolean proxy) {
        ListIterator<?> it = response.getHeaders(proxy ? ProxyAuthenticateHeader.NAME : WWWAuthenticateHeader.NAME);
        while (it != null && it.hasNext()) {
            if (it.next() instanceof WWWAuthenticateHeader h && "Digest".equalsIgnoreCase(h.getScheme())
                    && h.getRealm() != null && h.getNonce() != null
                    && (h.getAlgorithm() == null || h.getAlgorithm().equalsIgnoreCase("MD5"))) {
                return Optional.of(new DigestAnswer.Challenge(h.getRealm(), h.getNonce(),
                        DigestAnswer.Challenge.qopList(h.getQop()), Optional.ofNullable(h.getOpaque()),
                        Optional.ofNullable(h.getAlgorithm())));
            }
        }
        return Optional.empty();
    }

    /** The reason phrase, bounded and printable: it comes from the phone. */
    static String reason(Response response) {
        String r = response.getReasonPhrase() == null ? "" : response.getReasonPhrase();
        StringBuilder out = new StringBuilder();
        r.codePoints().limit(64).filter(c -> c >= 0x20 && c != 0x7f).forEach(out::appendCodePoint);
        return out.toString().strip();
    }

    private static String branch() {
        return "z9hG4bK" + token();
    }

    private static String token() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private final SipListener listener = new SipListener() {
        @Override
        public void processRequest(RequestEvent event) {
            Request request = event.getRequest();
            if (Request.ACK.equals(request.getMethod())) {
                return;
            }
            try {
                provider.sendResponse(messages.createResponse(Response.NOT_IMPLEMENTED, request));
            } catch (Exception e) {
                LOG.debug("could not refuse an incoming {}: {}", request.getMethod(), e.toString());
            }
        }

        @Override
        public void processResponse(ResponseEvent event) {
            onResponse(event);
        }

        @Override
        public void processTimeout(TimeoutEvent event) {
            if (event.getClientTransaction() != null) {
                Exchange exchange = pending.remove(event.getClientTransaction());
                if (exchange != null) {
                    exchange.result.complete(new Outcome(0, "timeout", exchange.elapsed()));
                }
            }
        }

        @Override
        public void processIOException(IOExceptionEvent event) {
            LOG.debug("SIP transport error towards {}:{}", event.getHost(), event.getPort());
        }

        @Override
        public void processTransactionTerminated(TransactionTerminatedEvent event) {
            if (!event.isServerTransaction()) {
                Exchange exchange = pending.remove(event.getClientTransaction());
                if (exchange != null) {
                    exchange.result.complete(new Outcome(0, "transaction ended without a final response",
                            exchange.elapsed()));
                }
            }
        }

        @Override
        public void processDialogTerminated(DialogTerminatedEvent event) {
        }
    };

    @Override
    public void close() {
        timers.shutdownNow();
        pending.values().forEach(e -> e.result.complete(new Outcome(0, "SIP stack stopped", e.elapsed())));
        pending.clear();
        // The RI leaves its non-daemon event scanner waiting after stop(), which would keep a
        // host's JVM from exiting: mark it stopped, then wake it with an event our listener ignores.
        gov.nist.javax.sip.EventScanner scanner = stack.getEventScanner();
        stack.stop();
        if (scanner != null) {
            scanner.forceStop();
            scanner.addEvent(new gov.nist.javax.sip.EventWrapper(new DialogTerminatedEvent(provider, null), null));
        }
        LOG.info("SIP listening point udp {} closed", listeningPoint.getPort());
    }
}
