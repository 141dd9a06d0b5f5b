package org.endpointmanager.vendor.snom;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.vendor.PhoneIdentity;

/**
 * Reads Snom User-Agents such as
 * {@code Mozilla/4.0 (compatible; snomD785-SIP 10.1.169.16 2010.12-00001-gd311851f1 (Feb 25 2019 - 14:19:43) 00041396D9B4 SXM:0 UXM:0 UXMC:0)}.
 * Firmware before 8.7.5 leaves the MAC out.
 */
final class SnomUserAgent {

    /** Real Snom User-Agents are about 130 characters; anything far longer is not one. */
    static final int MAX_LENGTH = 512;

    private static final Pattern HEAD = Pattern.compile("snom([A-Za-z0-9]{1,16})-SIP ([0-9]{1,4}(?:\\.[0-9]{1,6}){1,5})(?=[ ;)]|$)");

    private SnomUserAgent() {
    }

    static Optional<PhoneIdentity> parse(String userAgent) {
        if (userAgent == null || userAgent.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        // every request asks each vendor: a User-Agent without "snom" is refused before the regex
        if (!userAgent.contains("snom")) {
            return Optional.empty();
        }
        Matcher m = HEAD.matcher(userAgent);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new PhoneIdentity(SnomVendorPlugin.ID, Optional.of(m.group(1)),
                Optional.of(m.group(2)), Optional.empty(), macAfter(userAgent, m.end())));
    }

    /**
     * The MAC is the first word after the version made of exactly twelve upper-case hex digits;
     * the build's git hash next to it is lower case with a 'g' prefix, so it never matches.
     */
    private static Optional<MacAddress> macAfter(String ua, int from) {
        int i = from;
        int n = ua.length();
        while (i < n) {
            while (i < n && isSeparator(ua.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isSeparator(ua.charAt(i))) {
                i++;
            }
            if (i - start == 12 && upperHex(ua, start, i)) {
                return MacAddress.tryParse(ua.substring(start, i));
            }
        }
        return Optional.empty();
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '(' || c == ')' || c == ';';
    }

    private static boolean upperHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }
}
