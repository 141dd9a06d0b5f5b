package org.endpointmanager.core.pnp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PnP socket: bound to the multicast group's own address and port (not 0.0.0.0), with
 * SO_REUSEADDR, so it receives only the group's datagrams and coexists with a PBX listening on
 * 0.0.0.0:5060. It joins the group on the configured interfaces. JAIN-SIP cannot join a group,
 * hence this socket of its own. Tests bind it to a unicast loopback address instead: then no
 * group is joined.
 */
public final class PnpListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PnpListener.class);

    private final PnpService service;
    private final InetAddress bind;
    private final int port;
    private final List<String> interfaces;
    private MulticastSocket socket;
    private Thread thread;

    /**
     * Creates a stopped listener.
     *
     * @param service handles each datagram
     * @param bind the group address (or a unicast address in tests)
     * @param port the UDP port; 0 picks a free one (tests)
     * @param interfaces interface names to join the group on; empty = the system's default
     */
    public PnpListener(PnpService service, InetAddress bind, int port, List<String> interfaces) {
        this.service = Objects.requireNonNull(service, "service is null");
        this.bind = Objects.requireNonNull(bind, "bind is null");
        this.port = port;
        this.interfaces = List.copyOf(interfaces);
    }

    /**
     * Opens the socket, joins the group and starts the receiving thread.
     *
     * @throws IOException when the socket cannot be bound or an interface is missing (the message names it)
     */
    public synchronized void start() throws IOException {
        if (socket != null) {
            return;
        }
        MulticastSocket s = new MulticastSocket(null);
        try {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(bind, port));
            if (bind.isMulticastAddress()) {
                InetSocketAddress group = new InetSocketAddress(bind, 0);
                if (interfaces.isEmpty()) {
                    s.joinGroup(group, null);
                } else {
                    for (String name : interfaces) {
                        NetworkInterface nif = NetworkInterface.getByName(name);
                        if (nif == null) {
                            throw new SocketException("pnp.interfaces: no network interface named '" + name + "'");
                        }
                        s.joinGroup(group, nif);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        socket = s;
        thread = new Thread(() -> loop(s), "endpoint-manager-pnp");
        thread.setDaemon(true);
        thread.start();
        LOG.info("pnp listening on {}:{} interfaces={}", bind.getHostAddress(), s.getLocalPort(),
                interfaces.isEmpty() ? "default" : String.join(",", interfaces));
    }

    private void loop(MulticastSocket s) {
        // One byte more than the limit, so an oversized datagram is seen as such instead of cut.
        byte[] buffer = new byte[SipParser.MAX_BYTES + 1];
        while (!s.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                s.receive(packet);
            } catch (IOException e) {
                if (!s.isClosed()) {
                    LOG.warn("pnp receive failed: {}", e.toString());
                }
                continue;
            }
            InetSocketAddress source = (InetSocketAddress) packet.getSocketAddress();
            service.handle(buffer, packet.getLength(), source);
        }
    }

    /** Whether the socket is open. */
    public synchronized boolean running() {
        return socket != null;
    }

    /** The bound port. */
    public synchronized int localPort() {
        if (socket == null) {
            throw new IllegalStateException("the PnP listener is not started");
        }
        return socket.getLocalPort();
    }

    /** Closes the socket and waits for the thread. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            if (socket == null) {
                return;
            }
            socket.close();
            socket = null;
            t = thread;
            thread = null;
        }
        try {
            t.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("pnp listener stopped");
    }
}
