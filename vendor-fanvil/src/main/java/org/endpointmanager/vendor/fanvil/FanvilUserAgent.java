package org.endpointmanager.vendor.fanvil;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.vendor.PhoneIdentity;

/** Reads {@code Fanvil <model> <version> <mac>}; models may hold a space ({@code X6U Pro}). */
final class FanvilUserAgent {

    private static final int MAX_LENGTH = 200;
    private static final Pattern UA = Pattern.compile(
            "Fanvil ([A-Za-z0-9][A-Za-z0-9\\-]{0,23}(?: [A-Za-z][A-Za-z0-9\\-]{0,15})?) ([0-9][0-9.]{0,31})(?: ([0-9a-fA-F]{12}))?");

    private FanvilUserAgent() {
    }

    static Optional<PhoneIdentity> parse(String userAgent) {
        if (userAgent == null || userAgent.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String ua = userAgent.strip();
        // every request asks each vendor: a User-Agent of another brand is refused before the regex
        if (!ua.startsWith("Fanvil ")) {
            return Optional.empty();
        }
        Matcher m = UA.matcher(ua);
        if (!m.matches()) {
            return Optional.empty();
        }
        Optional<MacAddress> mac = m.group(3) == null ? Optional.empty() : MacAddress.tryParse(m.group(3));
        return Optional.of(new PhoneIdentity("fanvil", Optional.of(m.group(1)), Optional.of(m.group(2)),
                Optional.empty(), mac));
    }
}
