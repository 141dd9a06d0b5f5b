package org.endpointmanager.host.sip;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scripted SIP phone on a loopback UDP socket: writes requests by hand and computes digest
 * responses itself, so the registrar's own digest code is not what checks it.
 */
public final class SipTestPhone implements AutoCloseable {

    /** A received SIP message: its first line, headers (last value wins) and the raw text. */
    public record Message(String startLine, Map<String, String> headers, String raw) {
        /** The status code of a response. */
        public int status() {
            return Integer.parseInt(startLine.split(" ")[1]);
        }

        /** A header by name, case-insensitive; null when absent. */
        public String header(String name) {
            for (Map.Entry<String, String> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue();
                }
            }
            return null;
        }
    }

    private final DatagramSocket socket;
    private final InetSocketAddress server;
    private int cseq = 1;
    private final String callId = UUID.randomUUID().toString();

    /** Opens a socket on loopback that talks to the registrar at {@code serverPort}. */
    public SipTestPhone(int serverPort) throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(5000);
        server = new InetSocketAddress(InetAddress.getLoopbackAddress(), serverPort);
    }

    /** This phone's port. */
    public int port() {
        return socket.getLocalPort();
    }

    /** Sends raw text. */
    public void sendRaw(String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(b, b.length, server));
    }

    /** Receives the next message (fails the test after five seconds of silence). */
    public Message receive() throws IOException {
        byte[] buf = new byte[16384];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            socket.receive(p);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no SIP message within 5 s", e);
        }
        String raw = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
        String[] lines = raw.split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).strip(), lines[i].substring(colon + 1).strip());
        }
        return new Message(lines[0], headers, raw);
    }

    /** Receives messages until a final response (skipping 1xx). */
    public Message finalResponse() throws IOException {
        while (true) {
            Message m = receive();
            if (m.startLine().startsWith("SIP/2.0 ") && m.status() >= 200) {
                return m;
            }
        }
    }

    /**
     * Sends a REGISTER.
     *
     * @param user the AOR user
     * @param expires the Expires header, or null for none
     * @param userAgent the User-Agent, or null
     * @param authorization the Authorization value, or null
     */
    public Message register(String user, Integer expires, String userAgent, String authorization) throws IOException {
        String contact = "<sip:" + user + "@127.0.0.1:" + port() + ">";
        StringBuilder b = new StringBuilder();
        b.append("REGISTER sip:127.0.0.1 SIP/2.0\r\n")
                .append("Via: SIP/2.0/UDP 127.0.0.1:").append(port()).append(";branch=z9hG4bK").append(UUID.randomUUID())
                .append(";rport\r\n")
                .append("Max-Forwards: 70\r\n")
                .append("From: <sip:").append(user).append("@127.0.0.1>;tag=abc\r\n")
                .append("To: <sip:").append(user).append("@127.0.0.1>\r\n")
                .append("Call-ID: ").append(callId).append("\r\n")
                .append("CSeq: ").append(cseq++).append(" REGISTER\r\n")
                .append("Contact: ").append(contact).append("\r\n");
        if (expires != null) {
            b.append("Expires: ").append(expires).append("\r\n");
        }
        if (userAgent != null) {
            b.append("User-Agent: ").append(userAgent).append("\r\n");
        }
        if (authorization != null) {
            b.append("Authorization: ").append(authorization).append("\r\n");
        }
        b.append("Content-Length: 0\r\n\r\n");
        sendRaw(b.toString());
        return finalResponse();
    }

    /** The contact this phone registers. */
    public String contact(String user) {
        return "sip:" + user + "@127.0.0.1:" + port();
    }

    /** A digest Authorization value answering a WWW-Authenticate challenge with qop=auth. */
    public static String authorization(String challenge, String user, String password, String method, String uri) {
        String realm = param(challenge, "realm");
        String nonce = param(challenge, "nonce");
        String cnonce = "0a4f113b";
        String nc = "00000001";
        String ha1 = md5(user + ":" + realm + ":" + password);
        String ha2 = md5(method + ":" + uri);
        String response = md5(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
        return "Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + nonce + "\", uri=\"" + uri
                + "\", response=\"" + response + "\", algorithm=MD5, cnonce=\"" + cnonce + "\", qop=auth, nc=" + nc;
    }

    /** Registers with a challenge round trip; returns the final response. */
    public Message registerWithAuth(String user, String password, Integer expires, String userAgent) throws IOException {
        Message challenge = register(user, expires, userAgent, null);
        if (challenge.status() != 401) {
            throw new AssertionError("expected a 401 challenge, got " + challenge.startLine());
        }
        return register(user, expires, userAgent,
                authorization(challenge.header("WWW-Authenticate"), user, password, "REGISTER", "sip:127.0.0.1"));
    }

    /** Sends an INVITE to {@code digits} with an SDP offer; returns the final response. */
    public Message invite(String digits, String userAgent, String inviteCallId) throws IOException {
        String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\n";
        StringBuilder b = new StringBuilder();
        b.append("INVITE sip:").append(digits).append("@127.0.0.1:").append(server.getPort()).append(" SIP/2.0\r\n")
                .append("Via: SIP/2.0/UDP 127.0.0.1:").append(port()).append(";branch=z9hG4bK").append(UUID.randomUUID())
                .append(";rport\r\n")
                .append("Max-Forwards: 70\r\n")
                .append("From: <sip:anonymous@127.0.0.1>;tag=inv1\r\n")
                .append("To: <sip:").append(digits).append("@127.0.0.1>\r\n")
                .append("Call-ID: ").append(inviteCallId).append("\r\n")
                .append("CSeq: 1 INVITE\r\n")
                .append("Contact: <sip:phone@127.0.0.1:").append(port()).append(">\r\n");
        if (userAgent != null) {
            b.append("User-Agent: ").append(userAgent).append("\r\n");
        }
        b.append("Content-Type: application/sdp\r\n")
                .append("Content-Length: ").append(sdp.length()).append("\r\n\r\n").append(sdp);
        sendRaw(b.toString());
        return finalResponse();
    }

    /** Acknowledges a 2xx to an INVITE. */
    public void ack(Message ok, String inviteCallId) throws IOException {
        sendRaw("ACK sip:127.0.0.1:" + server.getPort() + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + port() + ";branch=z9hG4bK" + UUID.randomUUID() + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: " + ok.header("From") + "\r\n"
                + "To: " + ok.header("To") + "\r\n"
                + "Call-ID: " + inviteCallId + "\r\n"
                + "CSeq: 1 ACK\r\n"
                + "Content-Length: 0\r\n\r\n");
    }

    /** Answers a received request with 200 (for the registrar's BYE). */
    public void ok(Message request) throws IOException {
        sendRaw("SIP/2.0 200 OK\r\nVia: " + request.header("Via") + "\r\nFrom: " + request.header("From") + "\r\nTo: "
                + request.header("To") + "\r\nCall-ID: " + request.header("Call-ID") + "\r\nCSeq: "
                + request.header("CSeq") + "\r\nContent-Length: 0\r\n\r\n");
    }

    /** Answers a request with 200 at the address its top Via names (RFC 3261 18.2.2), e.g. the add-on's NOTIFY. */
    public void okToVia(Message request) throws IOException {
        String via = request.header("Via");
        Matcher m = Pattern.compile("SIP/2\\.0/UDP ([0-9.]+):(\\d+)").matcher(via);
        if (!m.find()) {
            throw new AssertionError("no UDP host:port in Via " + via);
        }
        String text = "SIP/2.0 200 OK\r\nVia: " + via + "\r\nFrom: " + request.header("From") + "\r\nTo: "
                + request.header("To") + ";tag=phone\r\nCall-ID: " + request.header("Call-ID") + "\r\nCSeq: "
                + request.header("CSeq") + "\r\nContent-Length: 0\r\n\r\n";
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(b, b.length, new InetSocketAddress(m.group(1), Integer.parseInt(m.group(2)))));
    }

    private static String param(String challenge, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(challenge);
        if (!m.find()) {
            throw new AssertionError("no " + name + " in " + challenge);
        }
        return m.group(1);
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
        socket.close();
    }
}
