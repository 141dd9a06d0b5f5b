package org.endpointmanager.vendor.htek;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.vendor.PhoneIdentity;

/** Reads Htek User-Agents: {@code Htek UC903 2.0.4.2 00:1f:c1:1c:22:a9}. */
final class HtekUserAgent {

    static final int MAX_LENGTH = 200;

    private static final Pattern UA = Pattern.compile(
            "Htek (UC[0-9]{3,4}[A-Za-z]{0,3}) ([0-9]{1,4}(?:\\.[0-9]{1,6}){1,5})"
            + " ([0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}|[0-9A-Fa-f]{12})");

    private HtekUserAgent() {
    }

    static Optional<PhoneIdentity> parse(String userAgent) {
        if (userAgent == null || userAgent.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String ua = userAgent.strip();
        // every request asks each vendor: a User-Agent of another brand is refused before the regex
        if (!ua.startsWith("Htek ")) {
            return Optional.empty();
        }
        Matcher m = UA.matcher(ua);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new PhoneIdentity(HtekVendorPlugin.ID, Optional.of(m.group(1).toUpperCase(Locale.ROOT)),
                Optional.of(m.group(2)), Optional.empty(), MacAddress.tryParse(m.group(3))));
    }
}
