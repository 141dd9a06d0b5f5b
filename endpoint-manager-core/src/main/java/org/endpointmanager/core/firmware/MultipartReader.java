package org.endpointmanager.core.firmware;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A streaming {@code multipart/form-data} reader (RFC 7578) over a request body: parts are read one
 * after the other, each as a stream, so a large file part never sits in memory. Part headers are
 * bounded; a body that ends before the closing delimiter is an error (the client went away).
 */
public final class MultipartReader {

    private static final int MAX_HEADER_BYTES = 8 * 1024;
    private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=(?:\"([^\"]{1,70})\"|([^;\\s]{1,70}))");
    private static final Pattern PARAM = Pattern.compile("(?i);\\s*(name|filename)=(?:\"((?:[^\"\\\\]|\\\\.){0,512})\"|([^;\\s]{0,512}))");

    /**
     * One part.
     *
     * @param name the form field name
     * @param fileName the file name, for file parts
     * @param body the part's bytes; read it (or not) before asking for the next part
     */
    public record Part(String name, Optional<String> fileName, InputStream body) {
    }

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int lim;
    private boolean started;
    private boolean finished;
    private PartStream current;

    /**
     * Creates a reader.
     *
     * @param contentType the request's Content-Type, which names the boundary
     * @throws IllegalArgumentException when it is not multipart/form-data with a boundary
     */
    public MultipartReader(InputStream in, String contentType) {
        this.in = Objects.requireNonNull(in, "in is null");
        this.delimiter = ("\r\n--" + boundary(contentType)).getBytes(StandardCharsets.ISO_8859_1);
        // the first delimiter has no CRLF before it: pretend there was one
        buf[0] = '\r';
        buf[1] = '\n';
        lim = 2;
    }

    /** The boundary of a multipart/form-data content type. */
    static String boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new IllegalArgumentException("the body must be multipart/form-data");
        }
        Matcher m = BOUNDARY.matcher(contentType);
        if (!m.find()) {
            throw new IllegalArgumentException("multipart/form-data without a boundary");
        }
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    /** The next part, or empty after the closing delimiter. */
    public Optional<Part> next() throws IOException {
        if (finished) {
            return Optional.empty();
        }
        if (current != null) {
            current.skipAll();
        } else if (!started) {
            new PartStream().skipAll();
        }
        started = true;
        ensure(2);
        if (lim - pos >= 2 && buf[pos] == '-' && buf[pos + 1] == '-') {
            finished = true;
            return Optional.empty();
        }
        String headers = readHeaders();
        String disposition = null;
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase("Content-Disposition")) {
                disposition = line.substring(colon + 1);
            }
        }
        if (disposition == null || !disposition.strip().toLowerCase(Locale.ROOT).startsWith("form-data")) {
            throw new IOException("a multipart part has no form-data Content-Disposition");
        }
        String name = null;
        String fileName = null;
        Matcher m = PARAM.matcher(disposition);
        while (m.find()) {
            String value = m.group(2) != null ? m.group(2).replaceAll("\\\\(.)", "$1") : m.group(3);
            if (m.group(1).equalsIgnoreCase("name")) {
                name = value;
            } else {
                fileName = value;
            }
        }
        if (name == null) {
            throw new IOException("a multipart part has no name");
        }
        current = new PartStream();
        return Optional.of(new Part(name, Optional.ofNullable(fileName), current));
    }

    /** Reads a small part completely as UTF-8, refusing more than {@code max} bytes. */
    public static String text(Part part, int max) throws IOException {
        byte[] bytes = part.body().readNBytes(max + 1);
        if (bytes.length > max) {
            throw new IllegalArgumentException(part.name() + " is longer than " + max + " bytes");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private String readHeaders() throws IOException {
        // skip the CRLF (and any transport padding) after the delimiter
        int start = pos;
        while (true) {
            ensure(1);
            if (pos >= lim) {
                throw new EOFException("multipart body ended inside part headers");
            }
            byte b = buf[pos++];
            if (b == '\n') {
                break;
            }
            if (pos - start > 80) {
                throw new IOException("malformed multipart delimiter line");
            }
        }
        StringBuilder sb = new StringBuilder();
        int total = 0;
        while (true) {
            ensure(1);
            if (pos >= lim) {
                throw new EOFException("multipart body ended inside part headers");
            }
            char c = (char) (buf[pos++] & 0xff);
            sb.append(c);
            if (++total > MAX_HEADER_BYTES) {
                throw new IOException("multipart part headers are too long");
            }
            int n = sb.length();
            if (n >= 4 && sb.charAt(n - 4) == '\r' && sb.charAt(n - 3) == '\n' && sb.charAt(n - 2) == '\r' && c == '\n') {
                return sb.substring(0, n - 4);
            }
            if (n == 2 && sb.charAt(0) == '\r' && c == '\n') {
                return "";
            }
        }
    }

    /** Makes at least {@code n} bytes available unless the stream ends. */
    private void ensure(int n) throws IOException {
        if (lim - pos >= n) {
            return;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        while (lim < n) {
            int r = in.read(buf, lim, buf.length - lim);
            if (r < 0) {
                return;
            }
            lim += r;
        }
    }

    private int indexOfDelimiter() {
        int last = lim - delimiter.length;
        outer:
        for (int i = pos; i <= last; i++) {
            for (int j = 0; j < delimiter.length; j++) {
                if (buf[i + j] != delimiter[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The bytes of one part, up to the next delimiter. */
    private final class PartStream extends InputStream {
        private boolean done;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            while (true) {
                int found = indexOfDelimiter();
                if (found == pos) {
                    pos += delimiter.length;
                    done = true;
                    return -1;
                }
                int available = found >= 0 ? found - pos : lim - pos - (delimiter.length - 1);
                if (available > 0) {
                    int n = Math.min(available, len);
                    System.arraycopy(buf, pos, b, off, n);
                    pos += n;
                    return n;
                }
                int before = lim - pos;
                ensure(Math.min(buf.length, before + 1 + delimiter.length));
                if (lim - pos == before) {
                    throw new EOFException("multipart body ended before its closing delimiter");
                }
            }
        }

        void skipAll() throws IOException {
            byte[] sink = new byte[8192];
            while (read(sink, 0, sink.length) >= 0) {
                // drain
            }
        }
    }
}
