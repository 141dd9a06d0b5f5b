package org.endpointmanager.core.pnp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict SIP message parser for datagrams of at most {@link #MAX_BYTES}. The head must be
 * printable ASCII in CRLF (or LF) lines; folded header lines, oversized lines, too many headers
 * and a Content-Length that disagrees with the datagram are all refused.
 */
public final class SipParser {

    /** Largest datagram read. PnP SUBSCRIBEs are well below 1 KB. */
    public static final int MAX_BYTES = 4096;

    private static final int MAX_HEADERS = 64;
    private static final int MAX_LINE = 1024;
    private static final Pattern REQUEST_LINE = Pattern.compile("([A-Z]{1,16}) ([!-~]{1,256}) SIP/2\\.0");
    private static final Pattern STATUS_LINE = Pattern.compile("SIP/2\\.0 [1-6][0-9]{2} [ -~]{0,64}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9!%*_+`'~.\\-]{1,64}");
    private static final Map<String, String> COMPACT = Map.ofEntries(
            Map.entry("v", "via"), Map.entry("f", "from"), Map.entry("t", "to"), Map.entry("i", "call-id"),
            Map.entry("m", "contact"), Map.entry("o", "event"), Map.entry("l", "content-length"),
            Map.entry("c", "content-type"), Map.entry("k", "supported"), Map.entry("s", "subject"),
            Map.entry("e", "content-encoding"), Map.entry("u", "allow-events"));

    private SipParser() {
    }

    /** Parses {@code length} bytes of {@code data}. */
    public static SipMessage parse(byte[] data, int length) throws MalformedSipException {
        if (length <= 0) {
            throw new MalformedSipException("empty datagram");
        }
        if (length > MAX_BYTES || length > data.length) {
            throw new MalformedSipException("datagram larger than " + MAX_BYTES + " bytes");
        }
        int headEnd = -1;
        int bodyStart = -1;
        for (int i = 0; i < length; i++) {
            byte b = data[i];
            if (b == '\n') {
                if (i + 1 < length && data[i + 1] == '\n') {
                    headEnd = i;
                    bodyStart = i + 2;
                    break;
                }
                if (i + 2 < length && data[i + 1] == '\r' && data[i + 2] == '\n') {
                    headEnd = i;
                    bodyStart = i + 3;
                    break;
                }
            } else if (b != '\r' && b != '\t' && (b < 0x20 || b > 0x7e)) {
                throw new MalformedSipException("non-ASCII or control byte in the head");
            }
        }
        if (headEnd < 0) {
            throw new MalformedSipException("no empty line after the headers");
        }
        String head = new String(data, 0, headEnd, StandardCharsets.US_ASCII);
        String[] lines = head.split("\r?\n", -1);
        if (lines.length - 1 > MAX_HEADERS) {
            throw new MalformedSipException("more than " + MAX_HEADERS + " headers");
        }
        String start = stripCr(lines[0]);
        Optional<String> method = Optional.empty();
        Optional<String> uri = Optional.empty();
        Matcher m = REQUEST_LINE.matcher(start);
        if (m.matches()) {
            method = Optional.of(m.group(1));
            uri = Optional.of(m.group(2));
        } else if (!STATUS_LINE.matcher(start).matches()) {
            throw new MalformedSipException("bad start line");
        }
        List<SipMessage.Header> headers = new ArrayList<>(lines.length);
        for (int i = 1; i < lines.length; i++) {
            String line = stripCr(lines[i]);
            if (line.length() > MAX_LINE) {
                throw new MalformedSipException("header line longer than " + MAX_LINE);
            }
            if (line.isEmpty() || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                throw new MalformedSipException("empty or folded header line");
            }
            if (line.indexOf('\r') >= 0) {
                throw new MalformedSipException("stray carriage return");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new MalformedSipException("header line without a name");
            }
            String name = line.substring(0, colon).strip();
            if (!NAME.matcher(name).matches()) {
                throw new MalformedSipException("bad header name");
            }
            String lower = name.toLowerCase(Locale.ROOT);
            headers.add(new SipMessage.Header(COMPACT.getOrDefault(lower, lower), line.substring(colon + 1).strip()));
        }
        int bodyLength = length - bodyStart;
        List<String> lengths = headers.stream().filter(h -> h.name().equals("content-length"))
                .map(SipMessage.Header::value).toList();
        if (lengths.size() > 1) {
            throw new MalformedSipException("Content-Length appears twice");
        }
        if (lengths.size() == 1) {
            String v = lengths.get(0);
            if (!v.matches("[0-9]{1,5}")) {
                throw new MalformedSipException("bad Content-Length");
            }
            int declared = Integer.parseInt(v);
            if (declared > bodyLength) {
                throw new MalformedSipException("Content-Length larger than the datagram");
            }
            bodyLength = declared;
        }
        byte[] body = new byte[bodyLength];
        System.arraycopy(data, bodyStart, body, 0, bodyLength);
        return new SipMessage(start, method, uri, headers, body);
    }

    private static String stripCr(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
