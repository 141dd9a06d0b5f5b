package org.endpointmanager.testkit.sip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A SIP request as the scripted phone reads it: a strict, small parser (request line, headers with
 * compact names expanded and lower-cased, folded lines refused, body length checked).
 *
 * @param method the method
 * @param requestUri the request-URI as sent
 * @param headers header values by lower-case long name, in order
 * @param body the body (NOTIFYs for resync/reboot have none)
 */
public record SipRequestText(String method, String requestUri, Map<String, List<String>> headers, String body) {

    private static final Map<String, String> COMPACT = Map.of("v", "via", "f", "from", "t", "to", "i", "call-id",
            "m", "contact", "l", "content-length", "c", "content-type", "o", "event", "k", "supported", "e",
            "content-encoding");

    /** Copies the headers. */
    public SipRequestText {
        Objects.requireNonNull(method, "method is null");
        Objects.requireNonNull(requestUri, "requestUri is null");
        Map<String, List<String>> copy = new LinkedHashMap<>();
        Objects.requireNonNull(headers, "headers is null").forEach((k, v) -> copy.put(k, List.copyOf(v)));
        headers = Map.copyOf(copy);
        Objects.requireNonNull(body, "body is null");
    }

    /** The first value of a header (long name, any case). */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Every value of a header. */
    public List<String> all(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /**
     * Parses a datagram.
     *
     * @throws IllegalArgumentException when it is not a well-formed SIP request
     */
    public static SipRequestText parse(byte[] data, int length) {
        String text = new String(data, 0, length, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IllegalArgumentException("no end of headers");
        }
        String[] lines = text.substring(0, end).split("\r\n", -1);
        String[] start = lines[0].split(" ", -1);
        if (start.length != 3 || !start[2].equals("SIP/2.0") || !start[0].matches("[A-Z]{2,16}")) {
            throw new IllegalArgumentException("bad request line: " + lines[0]);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty() || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                throw new IllegalArgumentException("folded or empty header line");
            }
            int colon = line.indexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException("header without a colon: " + line);
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            name = COMPACT.getOrDefault(name, name);
            headers.computeIfAbsent(name, k -> new ArrayList<>()).add(line.substring(colon + 1).strip());
        }
        String body = text.substring(end + 4);
        List<String> cl = headers.get("content-length");
        int declared = cl == null ? 0 : Integer.parseInt(cl.get(0));
        if (declared != body.getBytes(StandardCharsets.UTF_8).length) {
            throw new IllegalArgumentException("Content-Length " + declared + " does not match the body");
        }
        for (String required : List.of("via", "from", "to", "call-id", "cseq", "max-forwards")) {
            if (!headers.containsKey(required)) {
                throw new IllegalArgumentException("missing " + required);
            }
        }
        return new SipRequestText(start[0], start[1], headers, body);
    }
}
