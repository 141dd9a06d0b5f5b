package org.endpointmanager.core.registrations;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.endpointmanager.api.vendor.PhoneIdentity;
import org.endpointmanager.api.vendor.VendorPlugin;
import org.endpointmanager.core.vendor.VendorRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sorts a registration into seed 003's device types by its User-Agent and transport.
 *
 * <p>Order, first hit wins (documented in {@code docs/registrations-and-binding.md}):
 * <ol>
 *   <li>an installed vendor plug-in's {@code parseUserAgent}: hardware, with its model and MAC;</li>
 *   <li>transport {@code ws}/{@code wss}, or a WebRTC library token: webrtc;</li>
 *   <li>a mobile token (iOS/Android, Groundwire, Linphone Android/iOS, Grandstream Wave, ...): mobile,
 *       checked before brands because mobile apps carry brand names;</li>
 *   <li>a hardware brand token (Polycom, Cisco, Yealink, ...): hardware;</li>
 *   <li>anything else, a softphone token or none: softphone.</li>
 * </ol>
 * The User-Agent is hostile: only its first {@value #MAX_LENGTH} characters are looked at, and
 * tokens match at a word start, case-insensitively.
 */
public final class UserAgentClassifier {

    /** Longer User-Agents are cut to this before anything reads them. */
    public static final int MAX_LENGTH = 512;

    private static final Logger LOG = LoggerFactory.getLogger(UserAgentClassifier.class);

    private static final List<String> WEBRTC = List.of("jssip", "sip.js", "sipjs", "sipml5", "webrtc", "janus",
            "verto", "sip-js");
    private static final List<String> MOBILE = List.of("android", "iphone", "ipad", "ios", "linphoneandroid",
            "linphoneios", "groundwire", "acrobits", "csipsimple", "grandstream wave", "sipnetic", "zoiper5 mobile",
            "bria mobile", "bria ios", "bria android", "3cxphone for android", "3cx ios");
    private static final Map<String, String> BRANDS = Map.ofEntries(
            Map.entry("polycom", "Polycom"), Map.entry("poly ", "Poly"), Map.entry("cisco", "Cisco"),
            Map.entry("yealink", "Yealink"), Map.entry("fanvil", "Fanvil"), Map.entry("grandstream", "Grandstream"),
            Map.entry("snom", "Snom"), Map.entry("htek", "Htek"), Map.entry("avaya", "Avaya"),
            Map.entry("panasonic", "Panasonic"), Map.entry("gigaset", "Gigaset"), Map.entry("alcatel", "Alcatel-Lucent"),
            Map.entry("mitel", "Mitel"), Map.entry("aastra", "Aastra"), Map.entry("akuvox", "Akuvox"),
            Map.entry("escene", "Escene"), Map.entry("obihai", "Obihai"), Map.entry("audiocodes", "AudioCodes"),
            Map.entry("spectralink", "Spectralink"), Map.entry("flyingvoice", "Flyingvoice"));
    /** PolycomVVX-VVX_450-UA/6.4.5, PolycomSoundPointIP-SPIP_650-UA/4.0.4. */
    private static final Pattern POLYCOM = Pattern.compile("Polycom[A-Za-z]{0,24}-([A-Za-z]{1,8})_([A-Za-z0-9]{1,12})-UA/");

    private final VendorRegistry vendors;

    /** Creates a classifier that asks the installed vendors first. */
    public UserAgentClassifier(VendorRegistry vendors) {
        this.vendors = java.util.Objects.requireNonNull(vendors, "vendors is null");
    }

    /** Cuts a User-Agent to {@value #MAX_LENGTH} characters and drops control characters. */
    public static String bound(String userAgent) {
        String cut = userAgent.length() > MAX_LENGTH ? userAgent.substring(0, MAX_LENGTH) : userAgent;
        StringBuilder b = new StringBuilder(cut.length());
        cut.codePoints().filter(c -> !Character.isISOControl(c)).forEach(b::appendCodePoint);
        return b.toString().strip();
    }

    /**
     * Classifies one registration.
     *
     * @param userAgent the User-Agent header, when sent
     * @param transport {@code udp}, {@code tcp}, {@code tls}, {@code ws} or {@code wss}
     */
    public UaClassification classify(Optional<String> userAgent, String transport) {
        String ua = userAgent.map(UserAgentClassifier::bound).orElse("");
        if (!ua.isEmpty()) {
            Optional<UaClassification> vendor = byVendorPlugin(ua);
            if (vendor.isPresent()) {
                return vendor.get();
            }
        }
        String t = transport == null ? "" : transport.toLowerCase(Locale.ROOT);
        String lower = ua.toLowerCase(Locale.ROOT);
        if (t.equals("ws") || t.equals("wss") || containsAny(lower, WEBRTC)) {
            return UaClassification.of(DeviceType.WEBRTC);
        }
        if (containsAny(lower, MOBILE)) {
            return UaClassification.of(DeviceType.MOBILE);
        }
        for (Map.Entry<String, String> brand : BRANDS.entrySet()) {
            if (containsToken(lower, brand.getKey())) {
                return new UaClassification(DeviceType.HARDWARE, Optional.empty(), Optional.of(brand.getValue()),
                        model(brand.getValue(), ua), Optional.empty());
            }
        }
        return UaClassification.of(DeviceType.SOFTPHONE);
    }

    private Optional<UaClassification> byVendorPlugin(String ua) {
        for (VendorPlugin plugin : vendors.all()) {
            Optional<PhoneIdentity> id;
            try {
                id = plugin.parseUserAgent(ua);
            } catch (RuntimeException e) {
                // a plug-in that chokes on a hostile header must not stop the registration
                LOG.warn("vendor {} failed to parse a User-Agent: {}", plugin.id(), e.toString());
                continue;
            }
            if (id.isPresent()) {
                PhoneIdentity p = id.get();
                return Optional.of(new UaClassification(DeviceType.HARDWARE, Optional.of(plugin.id()),
                        Optional.of(plugin.displayName()), p.model().filter(m -> !m.isBlank()), p.mac()));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> model(String manufacturer, String ua) {
        if (manufacturer.equals("Polycom")) {
            Matcher m = POLYCOM.matcher(ua);
            if (m.find()) {
                return Optional.of(m.group(1) + " " + m.group(2));
            }
        }
        return Optional.empty();
    }

    private static boolean containsAny(String lower, List<String> tokens) {
        for (String token : tokens) {
            if (containsToken(lower, token)) {
                return true;
            }
        }
        return false;
    }

    /** A token counts only where it starts a word: "ios" in "Bria iOS", never in "Cisco". */
    private static boolean containsToken(String lower, String token) {
        int from = 0;
        while (true) {
            int i = lower.indexOf(token, from);
            if (i < 0) {
                return false;
            }
            if (i == 0 || !Character.isLetterOrDigit(lower.charAt(i - 1))) {
                return true;
            }
            from = i + 1;
        }
    }
}
