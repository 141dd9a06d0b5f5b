package org.endpointmanager.core.pnp;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.endpointmanager.api.MacAddress;

/**
 * Reads the MAC from a PnP URI's user part in the spellings phones send: {@code MAC001565f4f9e1}
 * (Yealink), {@code MAC%3AC074AD112233} (Grandstream), {@code MAC%3a000413A11FA7} (Snom), and
 * the decoded {@code MAC:...} form.
 */
final class MacUserPart {

    private static final Pattern FORM = Pattern.compile("(?i)MAC:?([0-9a-f]{12})");

    private MacUserPart() {
    }

    /** The MAC, or empty when the user part is not one of the forms. */
    static Optional<MacAddress> parse(String user) {
        Optional<String> decoded = percentDecode(user);
        if (decoded.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(decoded.get());
        return m.matches() ? MacAddress.tryParse(m.group(1)) : Optional.empty();
    }

    /** Strict percent-decoding to ASCII; empty on a bad escape or a non-printable result. */
    static Optional<String> percentDecode(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    return Optional.empty();
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return Optional.empty();
                }
                int v = hi * 16 + lo;
                if (v < 0x21 || v > 0x7e) {
                    return Optional.empty();
                }
                b.append((char) v);
                i += 2;
            } else {
                b.append(c);
            }
        }
        return Optional.of(b.toString());
    }
}
