package org.endpointmanager.core.pnp;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Writes the two messages PnP sends: the {@code 200 OK} to the SUBSCRIBE, and the NOTIFY that
 * carries the URL. Values echoed from the SUBSCRIBE passed the strict parser (printable ASCII, no
 * line breaks, bounded), so they cannot inject headers.
 */
final class PnpMessages {

    private static final SecureRandom RANDOM = new SecureRandom();

    private PnpMessages() {
    }

    /** A random token for tags and branches. */
    static String token() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static byte[] ok(PnpSubscribe s, String localTag, InetSocketAddress local) {
        StringBuilder b = new StringBuilder(512);
        b.append("SIP/2.0 200 OK\r\n");
        for (String via : s.vias()) {
            b.append("Via: ").append(via).append("\r\n");
        }
        b.append("From: ").append(s.from()).append("\r\n");
        b.append("To: ").append(s.to());
        if (s.toAddress().tag().isEmpty()) {
            b.append(";tag=").append(localTag);
        }
        b.append("\r\n");
        b.append("Call-ID: ").append(s.callId()).append("\r\n");
        b.append("CSeq: ").append(s.cseq()).append("\r\n");
        b.append("Contact: <sip:").append(hostPort(local)).append(">\r\n");
        b.append("Expires: 0\r\n");
        b.append("Content-Length: 0\r\n\r\n");
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] notify(PnpSubscribe s, String localTag, InetSocketAddress local, String url) {
        byte[] body = url.getBytes(StandardCharsets.US_ASCII);
        StringBuilder b = new StringBuilder(640);
        b.append("NOTIFY ").append(s.contact().text()).append(" SIP/2.0\r\n");
        b.append("Via: SIP/2.0/UDP ").append(hostPort(local)).append(";branch=z9hG4bK").append(token()).append(";rport\r\n");
        b.append("Max-Forwards: 70\r\n");
        // In the subscription's dialog the roles swap: our From is the SUBSCRIBE's To, with our tag.
        b.append("From: ").append(s.to());
        if (s.toAddress().tag().isEmpty()) {
            b.append(";tag=").append(localTag);
        }
        b.append("\r\n");
        b.append("To: ").append(s.from()).append("\r\n");
        b.append("Call-ID: ").append(s.callId()).append("\r\n");
        b.append("CSeq: 1 NOTIFY\r\n");
        b.append("Contact: <sip:").append(hostPort(local)).append(">\r\n");
        b.append("Event: ua-profile\r\n");
        b.append("Subscription-State: terminated;reason=timeout\r\n");
        b.append("Content-Type: application/url\r\n");
        b.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        b.append(url);
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String hostPort(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        if (host.indexOf(':') >= 0) {
            int pct = host.indexOf('%');
            host = "[" + (pct < 0 ? host : host.substring(0, pct)) + "]";
        }
        return host + ":" + a.getPort();
    }
}
