package org.endpointmanager.core.pnp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A unicast UDP socket for PnP answers, opened on first use. Answers never leave from the
 * multicast socket: a reply's source must be a unicast address the phone can answer to.
 */
public final class UdpSender implements PacketSender, AutoCloseable {

    private final InetAddress bind;
    private DatagramSocket socket;

    /** A sender bound to {@code bind} on a free port. */
    public UdpSender(InetAddress bind) {
        this.bind = Objects.requireNonNull(bind, "bind is null");
    }

    private synchronized DatagramSocket socket() throws IOException {
        if (socket == null || socket.isClosed()) {
            socket = new DatagramSocket(new InetSocketAddress(bind, 0));
        }
        return socket;
    }

    @Override
    public InetSocketAddress localAddressFor(InetSocketAddress target) throws IOException {
        DatagramSocket s = socket();
        if (!bind.isAnyLocalAddress()) {
            return new InetSocketAddress(bind, s.getLocalPort());
        }
        // Ask the routing table which address reaches the phone; connect() on UDP sends nothing.
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(target);
            return new InetSocketAddress(probe.getLocalAddress(), s.getLocalPort());
        }
    }

    @Override
    public void send(byte[] datagram, InetSocketAddress target) throws IOException {
        socket().send(new DatagramPacket(datagram, datagram.length, target));
    }

    @Override
    public synchronized void close() {
        if (socket != null) {
            socket.close();
        }
    }
}
