package org.endpointmanager.core.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.endpointmanager.api.driver.OutboundHttp;

/**
 * One HTTP/1.1 exchange over a socket connected to an address the caller already checked: the
 * host name is only written into the {@code Host} header (and used for TLS SNI), never resolved
 * again. {@code Connection: close}, no keep-alive; the whole answer must arrive within the read
 * timeout and its body is capped.
 */
final class HttpWire {

    private static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final int MAX_HEADERS = 100;

    private HttpWire() {
    }

    static OutboundHttp.Response exchange(InetAddress address, URI uri, String method, Map<String, String> headers,
            Optional<byte[]> body, HttpTimeouts limits) throws IOException {
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : (tls ? 443 : 80);
        long deadline = System.nanoTime() + limits.read().toNanos();
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(address, port), (int) Math.max(1, limits.connect().toMillis()));
            Socket socket = plain;
            if (tls) {
                SSLSocket ssl = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                        .createSocket(plain, hostOf(uri), port, true);
                SSLParameters params = ssl.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                ssl.setSSLParameters(params);
                ssl.setSoTimeout((int) Math.max(1, limits.read().toMillis()));
                ssl.startHandshake();
                socket = ssl;
            }
            try {
                writeRequest(socket.getOutputStream(), uri, method, headers, body);
                return readResponse(new DeadlineInput(socket, deadline), method, limits.maxBodyBytes());
            } finally {
                if (socket != plain) {
                    socket.close();
                }
            }
        }
    }

    static String hostOf(URI uri) {
        String h = uri.getHost();
        if (h == null) {
            throw new IllegalArgumentException("URI has no host");
        }
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    private static void writeRequest(OutputStream out, URI uri, String method, Map<String, String> headers,
            Optional<byte[]> body) throws IOException {
        if (!method.matches("[A-Z]{1,16}")) {
            throw new IllegalArgumentException("bad HTTP method");
        }
        String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        StringBuilder head = new StringBuilder(256);
        head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        header(head, "Host", uri.getRawAuthority());
        header(head, "Connection", "close");
        header(head, "User-Agent", "endpoint-manager");
        for (Map.Entry<String, String> h : headers.entrySet()) {
            String name = h.getKey();
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("host") || lower.equals("connection") || lower.equals("content-length")
                    || lower.equals("transfer-encoding")) {
                continue;
            }
            header(head, name, h.getValue());
        }
        byte[] payload = body.orElse(new byte[0]);
        if (body.isPresent() || method.equals("POST") || method.equals("PUT")) {
            header(head, "Content-Length", Integer.toString(payload.length));
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(payload);
        out.flush();
    }

    private static void header(StringBuilder head, String name, String value) {
        if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}")) {
            throw new IllegalArgumentException("bad header name");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0 || c > 0xff) {
                throw new IllegalArgumentException("bad character in header " + name);
            }
        }
        head.append(name).append(": ").append(value).append("\r\n");
    }

    private static OutboundHttp.Response readResponse(InputStream in, String method, int maxBody) throws IOException {
        while (true) {
            String statusLine = line(in);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("\\d{3}")) {
                throw new IOException("not an HTTP answer");
            }
            int status = Integer.parseInt(parts[1]);
            Map<String, List<String>> headers = readHeaders(in);
            if (status >= 100 && status < 200) {
                continue;
            }
            byte[] body;
            if (method.equals("HEAD") || status == 204 || status == 304) {
                body = new byte[0];
            } else if (headers.getOrDefault("transfer-encoding", List.of()).stream()
                    .anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))) {
                body = chunked(in, maxBody);
            } else if (headers.containsKey("content-length")) {
                String v = headers.get("content-length").get(0).strip();
                if (!v.matches("\\d{1,10}")) {
                    throw new IOException("bad Content-Length");
                }
                long n = Long.parseLong(v);
                if (n > maxBody) {
                    throw new IOException("answer larger than " + maxBody + " bytes");
                }
                body = exactly(in, (int) n);
            } else {
                body = untilClose(in, maxBody);
            }
            return new OutboundHttp.Response(status, headers, new String(body, StandardCharsets.UTF_8));
        }
    }

    private static Map<String, List<String>> readHeaders(InputStream in) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        int total = 0;
        int count = 0;
        while (true) {
            String l = line(in);
            if (l.isEmpty()) {
                break;
            }
            total += l.length();
            if (total > MAX_HEADER_BYTES || ++count > MAX_HEADERS) {
                throw new IOException("answer headers too large");
            }
            int colon = l.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed answer header");
            }
            headers.computeIfAbsent(l.substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(l.substring(colon + 1).strip());
        }
        Map<String, List<String>> frozen = new LinkedHashMap<>();
        headers.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        return frozen;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(128);
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed in the middle of the answer head");
            }
            if (c == '\n') {
                break;
            }
            if (c != '\r') {
                b.write(c);
            }
            if (b.size() > 8192) {
                throw new IOException("answer line too long");
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] exactly(InputStream in, int n) throws IOException {
        byte[] data = in.readNBytes(n);
        if (data.length != n) {
            throw new IOException("connection closed before the whole answer arrived");
        }
        return data;
    }

    private static byte[] untilClose(InputStream in, int max) throws IOException {
        byte[] data = in.readNBytes(max + 1);
        if (data.length > max) {
            throw new IOException("answer larger than " + max + " bytes");
        }
        return data;
    }

    private static byte[] chunked(InputStream in, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in);
            int semi = sizeLine.indexOf(';');
            String hex = (semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).strip();
            if (!hex.matches("[0-9A-Fa-f]{1,8}")) {
                throw new IOException("bad chunk size");
            }
            long size = Long.parseLong(hex, 16);
            if (size == 0) {
                readHeaders(in);
                return out.toByteArray();
            }
            if (out.size() + size > max) {
                throw new IOException("answer larger than " + max + " bytes");
            }
            out.write(exactly(in, (int) size));
            line(in);
        }
    }

    /** Reads from a socket, giving each read only the time left until the deadline. */
    private static final class DeadlineInput extends InputStream {
        private final Socket socket;
        private final InputStream in;
        private final long deadline;

        DeadlineInput(Socket socket, long deadline) throws IOException {
            this.socket = socket;
            this.in = new java.io.BufferedInputStream(socket.getInputStream());
            this.deadline = deadline;
        }

        private void arm() throws IOException {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new SocketTimeoutException("answer did not arrive in time");
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
        }

        @Override
        public int read() throws IOException {
            arm();
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            arm();
            return in.read(b, off, len);
        }
    }
}
