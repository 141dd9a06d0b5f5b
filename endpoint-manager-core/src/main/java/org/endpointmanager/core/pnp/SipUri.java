package org.endpointmanager.core.pnp;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code sip:} URI reduced to what PnP uses: user part, host and port. URI parameters are
 * checked for harmless characters and dropped.
 *
 * @param user the user part, still percent-encoded
 * @param host a host name, an IPv4 literal or a bracketed IPv6 literal
 * @param port the port, when given
 */
public record SipUri(Optional<String> user, String host, Optional<Integer> port) {

    private static final Pattern URI = Pattern.compile(
            "(?i:sip):(?:([A-Za-z0-9\\-_.!~*'()&=+$,?/%]{1,64})@)?"
            + "([A-Za-z0-9.\\-]{1,253}|\\[[0-9a-fA-F:.]{2,45}])(?::([0-9]{1,5}))?((?:;[A-Za-z0-9\\-_.!~*'()&=+$%:\\[\\]]{1,128}){0,16})");

    /** Rejects nulls. */
    public SipUri {
        Objects.requireNonNull(user, "user is null");
        Objects.requireNonNull(host, "host is null");
        Objects.requireNonNull(port, "port is null");
    }

    /** Parses a bare URI. */
    public static SipUri parse(String text) throws MalformedSipException {
        Matcher m = URI.matcher(text);
        if (!m.matches()) {
            throw new MalformedSipException("bad SIP URI");
        }
        Optional<Integer> port = Optional.empty();
        if (m.group(3) != null) {
            int p = Integer.parseInt(m.group(3));
            if (p < 1 || p > 65535) {
                throw new MalformedSipException("bad port in SIP URI");
            }
            port = Optional.of(p);
        }
        return new SipUri(Optional.ofNullable(m.group(1)), m.group(2), port);
    }

    /** The URI as written back: {@code sip:[user@]host[:port]}. */
    public String text() {
        return "sip:" + user.map(u -> u + "@").orElse("") + host + port.map(p -> ":" + p).orElse("");
    }

    /** The host without IPv6 brackets. */
    public String bareHost() {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }
}
