package org.endpointmanager.api.profile;

import java.util.Locale;

/** SIP transport of a line. */
public enum Transport {
    /** UDP, the default of every vendor. */
    UDP,
    /** TCP. */
    TCP,
    /** TLS over TCP. */
    TLS;

    /** Parses {@code udp}, {@code TCP}, {@code tls} (any case). */
    public static Transport parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("transport must be one of udp, tcp, tls");
        }
    }
}
