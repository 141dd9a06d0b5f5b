package org.endpointmanager.api;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A 48-bit Ethernet MAC address, held as twelve lowercase hex digits.
 *
 * <p>{@link #parse(String)} accepts any case and the separators phones and people use: colons,
 * hyphens, dots (Cisco style) or none. Anything else is refused, because MACs arrive in paths,
 * User-Agents and SIP packets that an attacker controls.
 *
 * @param hex twelve lowercase hexadecimal digits
 */
public record MacAddress(String hex) implements Comparable<MacAddress> {

    /** Validates the canonical form. */
    public MacAddress {
        Objects.requireNonNull(hex, "hex is null");
        if (hex.length() != 12 || !isHex(hex) || !hex.equals(hex.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("MAC address must be 12 lowercase hex digits");
        }
    }

    /**
     * Parses a MAC in any common spelling: {@code 80:5E:C0:12:34:56}, {@code 80-5e-c0-12-34-56},
     * {@code 805e.c012.3456} or {@code 805EC0123456}.
     *
     * @throws IllegalArgumentException if the text is not a MAC address
     */
    public static MacAddress parse(String text) {
        return tryParse(text).orElseThrow(() -> new IllegalArgumentException(
                "not a MAC address: expected 12 hex digits, optionally separated by ':', '-' or '.'"));
    }

    /** Like {@link #parse(String)} but empty instead of throwing. */
    public static Optional<MacAddress> tryParse(String text) {
        if (text == null || text.length() > 17 || text.isEmpty()) {
            return Optional.empty();
        }
        String t = text.strip();
        String digits;
        if (t.length() == 12) {
            digits = t;
        } else if (t.length() == 17) {
            char sep = t.charAt(2);
            if (sep != ':' && sep != '-') {
                return Optional.empty();
            }
            StringBuilder b = new StringBuilder(12);
            for (int i = 0; i < 17; i++) {
                if (i % 3 == 2) {
                    if (t.charAt(i) != sep) {
                        return Optional.empty();
                    }
                } else {
                    b.append(t.charAt(i));
                }
            }
            digits = b.toString();
        } else if (t.length() == 14 && t.charAt(4) == '.' && t.charAt(9) == '.') {
            digits = t.substring(0, 4) + t.substring(5, 9) + t.substring(10);
        } else {
            return Optional.empty();
        }
        if (!isHex(digits)) {
            return Optional.empty();
        }
        return Optional.of(new MacAddress(digits.toLowerCase(Locale.ROOT)));
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean hexDigit = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!hexDigit) {
                return false;
            }
        }
        return true;
    }

    /** Twelve lowercase hex digits, as Yealink, Fanvil, Grandstream and Htek file names use. */
    public String lower() {
        return hex;
    }

    /** Twelve uppercase hex digits, as Snom file names use. */
    public String upper() {
        return hex.toUpperCase(Locale.ROOT);
    }

    /** Lowercase with colons: {@code 80:5e:c0:12:34:56}. */
    public String colons() {
        StringBuilder b = new StringBuilder(17);
        for (int i = 0; i < 12; i += 2) {
            if (i > 0) {
                b.append(':');
            }
            b.append(hex, i, i + 2);
        }
        return b.toString();
    }

    /** The six-digit organisationally unique identifier (vendor prefix), lowercase. */
    public String oui() {
        return hex.substring(0, 6);
    }

    @Override
    public int compareTo(MacAddress o) {
        return hex.compareTo(o.hex);
    }

    @Override
    public String toString() {
        return colons();
    }
}
