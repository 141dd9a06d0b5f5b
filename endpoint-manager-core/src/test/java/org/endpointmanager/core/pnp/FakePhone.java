package org.endpointmanager.core.pnp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A phone's SIP side on loopback: sends PnP SUBSCRIBEs and reads what comes back. */
final class FakePhone implements AutoCloseable {

    final DatagramSocket socket;

    FakePhone() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        // A safety net so a broken listener fails the test instead of hanging it; not an assertion on time.
        socket.setSoTimeout(20_000);
    }

    int port() {
        return socket.getLocalPort();
    }

    /** A PnP SUBSCRIBE as the phones send it, from this socket's address. */
    String subscribe(String macUser, String vendor, String model, String version, String callId) {
        return subscribe(macUser, vendor, model, version, callId, "127.0.0.1:" + port(), "127.0.0.1:" + port());
    }

    static String subscribe(String macUser, String vendor, String model, String version, String callId, String via,
            String contact) {
        return "SUBSCRIBE sip:" + macUser + "@224.0.1.75 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + via + ";branch=z9hG4bK" + callId + ";rport\r\n"
                + "From: <sip:" + macUser + "@224.0.1.75>;tag=" + callId + "tag\r\n"
                + "To: <sip:" + macUser + "@224.0.1.75>\r\n"
                + "Call-ID: " + callId + "@phone\r\n"
                + "CSeq: 1 SUBSCRIBE\r\n"
                + "Contact: <sip:" + contact + ">\r\n"
                + "Event: ua-profile;profile-type=\"device\";vendor=\"" + vendor + "\";model=\"" + model
                + "\";version=\"" + version + "\"\r\n"
                + "Accept: application/url\r\n"
                + "Max-Forwards: 70\r\n"
                + "Expires: 0\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    void send(String text, int port) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8), port);
    }

    void send(byte[] data, int port) throws IOException {
        socket.send(new DatagramPacket(data, data.length, InetAddress.getLoopbackAddress(), port));
    }

    /** The next datagram, parsed. */
    SipMessage receive() throws Exception {
        byte[] buf = new byte[8192];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.receive(p);
        return SipParser.parse(buf, p.getLength());
    }

    @Override
    public void close() {
        socket.close();
    }
}
