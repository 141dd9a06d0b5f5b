package org.endpointmanager.host.sip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A SIP request parsed strictly from one UDP datagram. Every byte is hostile: the size, the
 * number and length of header lines are bounded, control characters and folded lines are
 * refused, and header names are read in their long or compact form.
 *
 * @param method the method, upper case
 * @param requestUri the Request-URI as sent
 * @param headers header lines in order, names in canonical long form
 * @param body the body, as many bytes as Content-Length says
 */
public record SipRequest(String method, String requestUri, List<Header> headers, byte[] body) {

    /** The largest datagram read. */
    public static final int MAX_DATAGRAM = 8192;
    private static final int MAX_HEADERS = 64;
    private static final int MAX_LINE = 2048;
    private static final Pattern METHOD = Pattern.compile("[A-Z]{2,16}");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9.!%*_+`'~-]{1,64}");
    private static final Map<String, String> COMPACT = Map.of("v", "Via", "f", "From", "t", "To", "i", "Call-ID",
            "m", "Contact", "l", "Content-Length", "c", "Content-Type", "k", "Supported", "s", "Subject", "e",
            "Content-Encoding");
    private static final List<String> CANONICAL = List.of("Via", "From", "To", "Call-ID", "CSeq", "Contact",
            "Content-Length", "Content-Type", "Expires", "Max-Forwards", "User-Agent", "Authorization", "Supported",
            "Allow", "Min-Expires", "Subject", "Content-Encoding", "Route", "Record-Route");

    /**
     * One header line.
     *
     * @param name canonical name
     * @param value value, trimmed
     */
    public record Header(String name, String value) {
    }

    /** Copies the list and the body. */
    public SipRequest {
        Objects.requireNonNull(method, "method is null");
        Objects.requireNonNull(requestUri, "requestUri is null");
        headers = List.copyOf(headers);
        body = body.clone();
    }

    /** The body. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /**
     * Parses a datagram; empty when it is not a well-formed request (responses included: this
     * registrar sends none it waits for).
     */
    public static Optional<SipRequest> parse(byte[] data, int length) {
        if (length <= 0 || length > MAX_DATAGRAM || length > data.length) {
            return Optional.empty();
        }
        int end = indexOf(data, length, "\r\n\r\n");
        if (end < 0) {
            return Optional.empty();
        }
        String head = new String(data, 0, end, StandardCharsets.UTF_8);
        String[] lines = head.split("\r\n", -1);
        if (lines.length > MAX_HEADERS + 1) {
            return Optional.empty();
        }
        String[] start = lines[0].split(" ", -1);
        if (start.length != 3 || !METHOD.matcher(start[0]).matches() || !start[2].equals("SIP/2.0")
                || start[1].isEmpty() || start[1].length() > 512 || !clean(start[1])) {
            return Optional.empty();
        }
        List<Header> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.length() > MAX_LINE || line.isEmpty() || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                return Optional.empty();
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                return Optional.empty();
            }
            String name = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (!TOKEN.matcher(name).matches() || !clean(value)) {
                return Optional.empty();
            }
            headers.add(new Header(canonical(name), value));
        }
        int bodyStart = end + 4;
        int declared = 0;
        Optional<String> cl = first(headers, "Content-Length");
        if (cl.isPresent()) {
            if (!cl.get().matches("[0-9]{1,5}")) {
                return Optional.empty();
            }
            declared = Integer.parseInt(cl.get());
        }
        if (bodyStart + declared > length) {
            return Optional.empty();
        }
        byte[] body = new byte[declared];
        System.arraycopy(data, bodyStart, body, 0, declared);
        return Optional.of(new SipRequest(start[0], start[1], headers, body));
    }

    /** The first value of a header. */
    public Optional<String> header(String name) {
        return first(headers, name);
    }

    /** Every value of a header, comma-separated values split where the header allows it. */
    public List<String> all(String name) {
        List<String> out = new ArrayList<>();
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                if (name.equals("Contact") || name.equals("Via")) {
                    out.addAll(splitList(h.value()));
                } else {
                    out.add(h.value());
                }
            }
        }
        return out;
    }

    /** Splits a comma list, leaving commas inside quotes and angle brackets alone. */
    static List<String> splitList(String value) {
        List<String> out = new ArrayList<>();
        boolean quoted = false;
        int angle = 0;
        int from = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' && (i == 0 || value.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && c == '<') {
                angle++;
            } else if (!quoted && c == '>') {
                angle = Math.max(0, angle - 1);
            } else if (!quoted && angle == 0 && c == ',') {
                out.add(value.substring(from, i).strip());
                from = i + 1;
            }
        }
        out.add(value.substring(from).strip());
        out.removeIf(String::isEmpty);
        return out;
    }

    private static Optional<String> first(List<Header> headers, String name) {
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return Optional.of(h.value());
            }
        }
        return Optional.empty();
    }

    private static String canonical(String name) {
        String compact = COMPACT.get(name.toLowerCase(Locale.ROOT));
        if (compact != null) {
            return compact;
        }
        for (String c : CANONICAL) {
            if (c.equalsIgnoreCase(name)) {
                return c;
            }
        }
        return name;
    }

    private static boolean clean(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\t' && Character.isISOControl(c)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] data, int length, String marker) {
        byte[] m = marker.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + m.length <= length; i++) {
            for (int j = 0; j < m.length; j++) {
                if (data[i + j] != m[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
