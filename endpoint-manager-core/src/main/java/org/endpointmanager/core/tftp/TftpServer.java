package org.endpointmanager.core.tftp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A read-only TFTP server (RFC 1350) with the blksize, tsize and timeout options (RFC 2347-2349).
 * Each transfer runs on its own socket and port, as the RFC asks; their number is bounded. Write
 * requests get "access violation"; names with {@code ..}, a leading {@code /}, a backslash or control
 * characters, unknown files and refused files all get "file not found".
 */
public final class TftpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TftpServer.class);

    /**
     * Tuning.
     *
     * @param bind address to listen on
     * @param port UDP port (69; 0 picks a free port)
     * @param timeout how long to wait for an ACK before retransmitting (a client's timeout option overrides)
     * @param retries retransmissions before a transfer is given up
     * @param maxSessions concurrent transfers; more requests are answered "server busy"
     */
    public record Options(InetAddress bind, int port, Duration timeout, int retries, int maxSessions) {
        /** Validates. */
        public Options {
            Objects.requireNonNull(bind, "bind is null");
            Objects.requireNonNull(timeout, "timeout is null");
            if (port < 0 || port > 65535 || retries < 0 || maxSessions < 1 || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("invalid TFTP options");
            }
        }

        /** Defaults: 2 s timeout, 5 retries, 64 sessions. */
        public static Options defaults(InetAddress bind, int port) {
            return new Options(bind, port, Duration.ofSeconds(2), 5, 64);
        }
    }

    private final Options options;
    private final TftpSource source;
    private final Semaphore sessions;
    private final AtomicInteger active = new AtomicInteger();
    private DatagramSocket socket;
    private ExecutorService workers;
    private Thread listener;
    private volatile boolean running;

    /** Creates a server; {@link #start()} binds it. */
    public TftpServer(Options options, TftpSource source) {
        this.options = Objects.requireNonNull(options, "options is null");
        this.source = Objects.requireNonNull(source, "source is null");
        this.sessions = new Semaphore(options.maxSessions());
    }

    /** Binds the port and starts answering. */
    public synchronized void start() throws SocketException {
        if (running) {
            return;
        }
        socket = new DatagramSocket(new InetSocketAddress(options.bind(), options.port()));
        AtomicInteger n = new AtomicInteger();
        workers = Executors.newFixedThreadPool(options.maxSessions(), r -> {
            Thread t = new Thread(r, "endpoint-manager-tftp-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        running = true;
        listener = new Thread(this::listen, "endpoint-manager-tftp-listener");
        listener.setDaemon(true);
        listener.start();
        LOG.info("tftp serving on {}:{}", options.bind().getHostAddress(), port());
    }

    /** The bound port. */
    public int port() {
        DatagramSocket s = socket;
        if (s == null) {
            throw new IllegalStateException("the TFTP server is not started");
        }
        return s.getLocalPort();
    }

    /** Whether it is serving. */
    public boolean running() {
        return running;
    }

    /** Transfers in progress. */
    public int activeTransfers() {
        return active.get();
    }

    private void listen() {
        byte[] buf = new byte[2048];
        while (running) {
            DatagramPacket packet = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                if (running) {
                    LOG.warn("tftp receive failed: {}", e.getMessage());
                }
                continue;
            }
            handle(packet.getData(), packet.getLength(), packet.getSocketAddress(), packet.getAddress());
        }
    }

    private void handle(byte[] data, int len, SocketAddress peer, InetAddress client) {
        Optional<TftpPackets.Request> request = TftpPackets.request(data, len);
        if (request.isEmpty()) {
            // stray ACK/DATA or garbage on the listening port: RFC 1350 lets us ignore it
            return;
        }
        TftpPackets.Request r = request.get();
        String name = printable(r.fileName());
        if (r.opcode() == TftpPackets.WRQ) {
            LOG.info("tftp refused write ip={} file={}", client.getHostAddress(), name);
            replyError(peer, TftpPackets.ERR_ACCESS, "Access violation");
            return;
        }
        if (!r.mode().equals("octet") && !r.mode().equals("netascii")) {
            replyError(peer, TftpPackets.ERR_ILLEGAL, "Illegal TFTP operation");
            return;
        }
        if (!sessions.tryAcquire()) {
            LOG.warn("tftp busy ip={} file={} active={}", client.getHostAddress(), name, active.get());
            replyError(peer, TftpPackets.ERR_UNDEFINED, "Server busy");
            return;
        }
        try {
            workers.execute(() -> {
                active.incrementAndGet();
                try {
                    new TftpTransfer(r, peer, client, source, options).run();
                } finally {
                    active.decrementAndGet();
                    sessions.release();
                }
            });
        } catch (RuntimeException e) {
            sessions.release();
        }
    }

    /** Errors for a refused request also come from a fresh port, like every answer to a request. */
    private void replyError(SocketAddress peer, int code, String message) {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(options.bind(), 0))) {
            byte[] p = TftpPackets.error(code, message);
            s.send(new DatagramPacket(p, p.length, peer));
        } catch (IOException e) {
            LOG.debug("tftp error reply failed: {}", e.getMessage());
        }
    }

    static String printable(String s) {
        String t = s.length() > 96 ? s.substring(0, 96) + "..." : s;
        return t.replaceAll("[^A-Za-z0-9._:/\\-]", "?");
    }

    /** Stops listening; transfers in progress end. */
    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        socket.close();
        workers.shutdownNow();
        try {
            listener.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("tftp stopped");
    }
}
