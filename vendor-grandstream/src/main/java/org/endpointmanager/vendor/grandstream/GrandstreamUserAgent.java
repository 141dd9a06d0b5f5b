package org.endpointmanager.vendor.grandstream;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.vendor.PhoneIdentity;

/**
 * Reads Grandstream User-Agents: the current form
 * {@code Grandstream Model HW GXV3350 V1.3A SW 1.0.1.8 DevId c074ad150b88} (hardware revision
 * optional) and the old form {@code Grandstream GXP2000 (gxp2000e.bin:1.2.5.3/...) DevId 000b822726c8}.
 */
final class GrandstreamUserAgent {

    /** Longer User-Agents are not Grandstream's and are refused before any regex runs. */
    static final int MAX_LENGTH = 300;

    private static final Pattern CURRENT = Pattern.compile(
            "Grandstream Model HW ([A-Za-z]{2,4}[0-9]{3,5}[A-Za-z]{0,3})(?: (V[0-9][0-9A-Za-z.]{0,11}))?"
            + " SW ([0-9]{1,4}(?:\\.[0-9]{1,6}){1,5}) DevId ([0-9A-Fa-f]{12})(?: [ -~]{0,80})?");
    private static final Pattern OLD = Pattern.compile(
            "Grandstream ([A-Za-z]{2,4}[0-9]{3,5}[A-Za-z]{0,3}) \\(([ -'*-~]{1,160})\\) DevId ([0-9A-Fa-f]{12})(?: [ -~]{0,80})?");
    private static final Pattern OLD_VERSION = Pattern.compile("[A-Za-z0-9_.-]{1,40}:([0-9]{1,4}(?:\\.[0-9]{1,6}){1,5})");

    private GrandstreamUserAgent() {
    }

    static Optional<PhoneIdentity> parse(String userAgent) {
        if (userAgent == null || userAgent.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String ua = userAgent.strip();
        // every request asks each vendor: a User-Agent of another brand is refused before the regexes
        if (!ua.startsWith("Grandstream ")) {
            return Optional.empty();
        }
        Matcher m = CURRENT.matcher(ua);
        if (m.matches()) {
            return Optional.of(new PhoneIdentity(GrandstreamVendorPlugin.ID,
                    Optional.of(m.group(1).toUpperCase(Locale.ROOT)), Optional.of(m.group(3)),
                    Optional.ofNullable(m.group(2)), MacAddress.tryParse(m.group(4))));
        }
        m = OLD.matcher(ua);
        if (m.matches()) {
            Matcher v = OLD_VERSION.matcher(m.group(2));
            Optional<String> firmware = v.lookingAt() ? Optional.of(v.group(1)) : Optional.empty();
            return Optional.of(new PhoneIdentity(GrandstreamVendorPlugin.ID,
                    Optional.of(m.group(1).toUpperCase(Locale.ROOT)), firmware, Optional.empty(),
                    MacAddress.tryParse(m.group(3))));
        }
        return Optional.empty();
    }
}
