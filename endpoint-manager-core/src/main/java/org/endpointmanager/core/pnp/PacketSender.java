package org.endpointmanager.core.pnp;

import java.io.IOException;
import java.net.InetSocketAddress;

/** Sends PnP answers as unicast UDP datagrams. */
public interface PacketSender {
    /** The local address and port a datagram to {@code target} leaves from (for Via and Contact). */
    InetSocketAddress localAddressFor(InetSocketAddress target) throws IOException;

    /** Sends one datagram. */
    void send(byte[] datagram, InetSocketAddress target) throws IOException;
}
