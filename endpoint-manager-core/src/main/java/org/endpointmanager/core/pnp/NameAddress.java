package org.endpointmanager.core.pnp;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A From, To or Contact value: a URI in angle brackets (optionally after a display name) or a
 * bare URI, followed by parameters of which only {@code tag} is kept.
 *
 * @param uri the URI
 * @param tag the tag parameter, when present
 */
public record NameAddress(SipUri uri, Optional<String> tag) {

    private static final Pattern DISPLAY = Pattern.compile("\\s*(?:\"[^\"\\\\]{0,64}\"|[A-Za-z0-9\\-.!%*_+`'~ ]{0,64})\\s*");
    private static final Pattern PARAM = Pattern.compile("[A-Za-z0-9\\-_.!%*+`'~]{1,32}(?:=[A-Za-z0-9\\-_.!%*+`'~:\"]{1,128})?");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9\\-_.!%*+`'~]{1,128}");

    /** Rejects nulls. */
    public NameAddress {
        Objects.requireNonNull(uri, "uri is null");
        Objects.requireNonNull(tag, "tag is null");
    }

    /** Parses a header value. */
    public static NameAddress parse(String value) throws MalformedSipException {
        String uriText;
        String params;
        int lt = value.indexOf('<');
        if (lt >= 0) {
            int gt = value.indexOf('>', lt);
            if (gt < 0 || !DISPLAY.matcher(value.substring(0, lt)).matches()) {
                throw new MalformedSipException("bad name-addr");
            }
            uriText = value.substring(lt + 1, gt);
            params = value.substring(gt + 1).strip();
        } else {
            int semi = value.indexOf(';');
            uriText = semi < 0 ? value : value.substring(0, semi);
            params = semi < 0 ? "" : value.substring(semi);
        }
        Optional<String> tag = Optional.empty();
        if (!params.isEmpty()) {
            if (!params.startsWith(";")) {
                throw new MalformedSipException("text after the address");
            }
            for (String p : params.substring(1).split(";", -1)) {
                String param = p.strip();
                if (!PARAM.matcher(param).matches()) {
                    throw new MalformedSipException("bad address parameter");
                }
                if (param.regionMatches(true, 0, "tag=", 0, 4)) {
                    String t = param.substring(4);
                    if (!TOKEN.matcher(t).matches()) {
                        throw new MalformedSipException("bad tag");
                    }
                    tag = Optional.of(t);
                }
            }
        }
        return new NameAddress(SipUri.parse(uriText.strip()), tag);
    }
}
