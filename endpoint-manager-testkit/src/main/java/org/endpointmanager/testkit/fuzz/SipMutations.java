package org.endpointmanager.testkit.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Broken variants of a valid SIP message: headers dropped, duplicated, reordered, folded,
 * oversized or renamed; a bad start line; wrong Content-Length; line endings mixed; the datagram
 * truncated, bit-flipped or replaced by random bytes.
 */
public final class SipMutations {

    private static final List<String> BAD_START_LINES = List.of("", "SUBSCRIBE", "SUBSCRIBE sip:x SIP/2.1",
            "subscribe sip:x@h SIP/2.0", "SUBSCRIBE  sip:x@h SIP/2.0", "SUBSCRIBE sip:x@h SIP/2.0 extra",
            "SIP/2.0 999 Huh", "SIP/2.0 200", "HTTP/1.1 200 OK", "GET / HTTP/1.1", "\0SUBSCRIBE sip:x@h SIP/2.0",
            "SUBSCRIBE sip:" + "A".repeat(300) + "@h SIP/2.0", "SUBSCRIBEEEEEEEEEEEEEEEEE sip:x@h SIP/2.0");

    private SipMutations() {
    }

    /** One to four mutations of a valid message (CRLF line ends, a blank line after the headers). */
    public static Gen<byte[]> of(String valid) {
        return r -> {
            String text = valid;
            int n = 1 + r.nextInt(4);
            for (int i = 0; i < n; i++) {
                text = mutateText(r, text);
            }
            byte[] bytes = text.getBytes(r.nextBoolean() ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            return r.nextInt(5) == 0 ? mutateBytes(r, bytes) : bytes;
        };
    }

    /** Datagrams of random bytes, sometimes starting like SIP. */
    public static Gen<byte[]> randomDatagrams(int maxLength) {
        return r -> {
            byte[] b = new byte[r.nextInt(maxLength + 1)];
            r.nextBytes(b);
            if (r.nextBoolean() && b.length > 20) {
                byte[] start = "SUBSCRIBE sip:".getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(start, 0, b, 0, start.length);
            }
            return b;
        };
    }

    private static String mutateText(SplittableRandom r, String text) {
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        String body = end < 0 ? "" : text.substring(end + 4);
        List<String> lines = new ArrayList<>(Arrays.asList(head.split("\r\n", -1)));
        int h = lines.size() > 1 ? 1 + r.nextInt(lines.size() - 1) : 0;
        switch (r.nextInt(14)) {
            case 0 -> lines.set(0, BAD_START_LINES.get(r.nextInt(BAD_START_LINES.size())));
            case 1 -> {
                if (h > 0) {
                    lines.remove(h);
                }
            }
            case 2 -> lines.add(1 + r.nextInt(lines.size()), lines.get(h));
            case 3 -> lines.set(h, lines.get(h) + HostileStrings.upTo(r.nextBoolean() ? 64 : 3000).next(r));
            case 4 -> lines.set(h, HostileStrings.mutate(lines.get(h)).next(r));
            case 5 -> lines.add(1 + r.nextInt(lines.size()), " folded continuation");
            case 6 -> lines.add(1 + r.nextInt(lines.size()), "Content-Length: "
                    + Gen.of("-1", "99999", "0", "5", "12345678901", "1e3", " 0", "0x10").next(r));
            case 7 -> {
                for (int i = 0; i < 70; i++) {
                    lines.add("X-Pad-" + i + ": " + i);
                }
            }
            case 8 -> lines.set(h, lines.get(h).replaceFirst(":", r.nextBoolean() ? "" : "::"));
            case 9 -> lines.set(h, lines.get(h).toUpperCase(java.util.Locale.ROOT));
            case 10 -> body = HostileStrings.upTo(200).next(r);
            case 11 -> {
                String joined = String.join(r.nextBoolean() ? "\n" : "\r", lines);
                return joined + "\r\n\r\n" + body;
            }
            case 12 -> {
                // swap two headers
                int o = lines.size() > 1 ? 1 + r.nextInt(lines.size() - 1) : 0;
                String t = lines.get(h);
                lines.set(h, lines.get(o));
                lines.set(o, t);
            }
            default -> lines.set(h, lines.get(h).replace("MAC", Gen.of("", "MAC%3a", "mac:", "MAC").next(r))
                    .replaceAll("[0-9a-fA-F]{12}", java.util.regex.Matcher.quoteReplacement(Macs.anything().next(r))));
        }
        return String.join("\r\n", lines) + (end < 0 ? "" : "\r\n\r\n") + body;
    }

    /** Byte-level damage: truncation, bit flips, inserted NUL or high bytes, a random tail. */
    public static byte[] mutateBytes(SplittableRandom r, byte[] in) {
        byte[] b = in.clone();
        switch (r.nextInt(4)) {
            case 0 -> b = Arrays.copyOf(b, b.length == 0 ? 0 : r.nextInt(b.length));
            case 1 -> {
                for (int i = 0; i < 1 + r.nextInt(4) && b.length > 0; i++) {
                    b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                }
            }
            case 2 -> {
                if (b.length > 0) {
                    b[r.nextInt(b.length)] = (byte) (r.nextBoolean() ? 0 : 0x80 + r.nextInt(0x80));
                }
            }
            default -> {
                byte[] tail = new byte[r.nextInt(64)];
                r.nextBytes(tail);
                int cut = b.length == 0 ? 0 : r.nextInt(b.length);
                byte[] out = Arrays.copyOf(b, cut + tail.length);
                System.arraycopy(tail, 0, out, cut, tail.length);
                b = out;
            }
        }
        return b;
    }
}
