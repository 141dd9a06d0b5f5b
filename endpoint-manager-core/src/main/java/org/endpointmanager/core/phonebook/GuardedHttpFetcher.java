package org.endpointmanager.core.phonebook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.IDN;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.endpointmanager.core.security.OutboundAddressGuard;

/**
 * A small HTTP/1.1 GET client for external phonebook sources that connects only to an address the
 * {@link OutboundAddressGuard} accepted: the host name is resolved once, the address checked and
 * connected to directly (so DNS cannot answer differently between check and connect), redirects
 * are refused, and time and size are bounded. HTTPS verifies the certificate against the host name.
 */
public final class GuardedHttpFetcher {

    private static final int MAX_HEADER_BYTES = 16 * 1024;

    private final OutboundAddressGuard guard;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int maxBytes;

    /**
     * Creates a fetcher.
     *
     * @param connectTimeout connect limit
     * @param readTimeout limit for each read and for the whole exchange
     * @param maxBytes largest body accepted
     */
    public GuardedHttpFetcher(OutboundAddressGuard guard, Duration connectTimeout, Duration readTimeout, int maxBytes) {
        this.guard = Objects.requireNonNull(guard, "guard is null");
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout is null");
        this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout is null");
        this.maxBytes = maxBytes;
    }

    /** Checks that a URL is one this fetcher would try (scheme, host, no credentials). */
    public static URI checkUrl(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("url must start with http:// or https://");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("url has no host");
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("url must not carry credentials or a fragment");
        }
        return uri;
    }

    /**
     * Fetches a URL.
     *
     * @return the body
     * @throws SecurityException when the guard refuses the address
     * @throws IOException naming what went wrong (status, size, timeout, redirect)
     */
    public byte[] get(String url) throws IOException {
        URI uri = checkUrl(url);
        boolean tls = uri.getScheme().equalsIgnoreCase("https");
        String host = uri.getHost();
        String bareHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        InetAddress address = guard.resolve(bareHost, List.of());
        long deadline = System.nanoTime() + readTimeout.toNanos();
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(address, port), (int) connectTimeout.toMillis());
            plain.setSoTimeout((int) readTimeout.toMillis());
            Socket socket = plain;
            if (tls) {
                socket = tls(plain, IDN.toASCII(bareHost), port);
            }
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            if (uri.getRawQuery() != null) {
                path += "?" + uri.getRawQuery();
            }
            String hostHeader = (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host)
                    + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nUser-Agent: endpoint-manager-phonebook\r\n"
                    + "Accept: application/xml, text/xml, text/csv, text/plain, */*\r\nAccept-Encoding: identity\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Deadline in = new Deadline(new java.io.BufferedInputStream(socket.getInputStream()), deadline);
            String head = readHead(in);
            String[] lines = head.split("\r\n");
            String[] status = lines[0].split(" ", 3);
            if (status.length < 2 || !status[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP response");
            }
            int code;
            try {
                code = Integer.parseInt(status[1]);
            } catch (NumberFormatException e) {
                throw new IOException("malformed HTTP status");
            }
            if (code >= 300 && code < 400) {
                throw new IOException("the source answered with a redirect (" + code
                        + "); redirects are not followed: configure the final URL");
            }
            if (code != 200) {
                throw new IOException("the source answered HTTP " + code);
            }
            long length = -1;
            boolean chunked = false;
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = lines[i].substring(colon + 1).strip();
                if (name.equals("content-length")) {
                    try {
                        length = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new IOException("malformed Content-Length");
                    }
                } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                    chunked = true;
                }
            }
            if (length > maxBytes) {
                throw new IOException("the phonebook is larger than " + maxBytes + " bytes");
            }
            return chunked ? chunked(in) : body(in, length);
        }
    }

    private Socket tls(Socket plain, String host, int port) throws IOException {
        try {
            SSLSocket s = (SSLSocket) SSLContext.getDefault().getSocketFactory().createSocket(plain, host, port, true);
            SSLParameters params = s.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            s.setSSLParameters(params);
            s.startHandshake();
            return s;
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("TLS is not available", e);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int state = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed inside the HTTP headers");
            }
            buf.write(b);
            if (buf.size() > MAX_HEADER_BYTES) {
                throw new IOException("HTTP headers are too long");
            }
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
            if (state == 4) {
                String s = buf.toString(StandardCharsets.ISO_8859_1);
                return s.substring(0, s.length() - 4);
            }
        }
    }

    private byte[] body(InputStream in, long length) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        long left = length < 0 ? Long.MAX_VALUE : length;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                if (length >= 0) {
                    throw new IOException("the connection closed before the whole phonebook arrived");
                }
                break;
            }
            out.write(buf, 0, n);
            left -= n;
            if (out.size() > maxBytes) {
                throw new IOException("the phonebook is larger than " + maxBytes + " bytes");
            }
        }
        return out.toByteArray();
    }

    private byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in);
            int semi = sizeLine.indexOf(';');
            long size;
            try {
                size = Long.parseLong((semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).strip(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("malformed chunk size");
            }
            if (size == 0) {
                return out.toByteArray();
            }
            if (size < 0 || out.size() + size > maxBytes) {
                throw new IOException("the phonebook is larger than " + maxBytes + " bytes");
            }
            out.write(body(in, size));
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed inside a chunk");
            }
            if (b == '\n') {
                return sb.toString().strip();
            }
            if (sb.length() > 256) {
                throw new IOException("chunk line too long");
            }
            sb.append((char) b);
        }
    }

    /** Fails reads once the exchange's deadline has passed (a slow-drip server cannot hold us). */
    private static final class Deadline extends InputStream {
        private final InputStream in;
        private final long deadline;

        Deadline(InputStream in, long deadline) {
            this.in = in;
            this.deadline = deadline;
        }

        private void check() throws IOException {
            if (System.nanoTime() > deadline) {
                throw new IOException("the source took too long to answer");
            }
        }

        @Override
        public int read() throws IOException {
            check();
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            check();
            return in.read(b, off, len);
        }
    }
}
