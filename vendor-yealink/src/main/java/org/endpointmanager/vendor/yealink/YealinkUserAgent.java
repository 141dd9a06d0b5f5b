package org.endpointmanager.vendor.yealink;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.vendor.PhoneIdentity;

/**
 * Reads {@code Yealink SIP-T46G 28.83.0.50 00:15:65:xx:xx:xx}, the colon-less MAC form, DECT
 * bases ({@code Yealink W70B ...}) and the old {@code Yealink SIP VP-T49G ...}.
 */
final class YealinkUserAgent {

    private static final int MAX_LENGTH = 256;
    private static final Pattern UA = Pattern.compile(
            "Yealink (?:SIP[- ])?([A-Za-z0-9][A-Za-z0-9\\-]{0,31}) ([0-9][0-9.]{0,31})"
            + "(?: ([0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}|[0-9A-Fa-f]{12}))?(?: .{0,128})?");

    private YealinkUserAgent() {
    }

    static Optional<PhoneIdentity> parse(String userAgent) {
        if (userAgent == null || userAgent.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String ua = userAgent.strip();
        // every request asks each vendor: a User-Agent of another brand is refused before the regex
        if (!ua.startsWith("Yealink ")) {
            return Optional.empty();
        }
        Matcher m = UA.matcher(ua);
        if (!m.matches()) {
            return Optional.empty();
        }
        Optional<MacAddress> mac = m.group(3) == null ? Optional.empty() : MacAddress.tryParse(m.group(3));
        return Optional.of(new PhoneIdentity("yealink", Optional.of(m.group(1)), Optional.of(m.group(2)),
                Optional.empty(), mac));
    }
}
