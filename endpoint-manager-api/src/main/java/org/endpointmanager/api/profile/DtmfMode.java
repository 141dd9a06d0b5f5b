package org.endpointmanager.api.profile;

import java.util.Locale;

/** How a line sends DTMF digits. */
public enum DtmfMode {
    /** Tones in the audio stream. */
    INBAND,
    /** RFC 2833 / 4733 telephone-event packets. */
    RFC2833,
    /** SIP INFO requests. */
    SIP_INFO;

    /** Parses {@code inband}, {@code rfc2833}, {@code sip_info} / {@code info} (any case). */
    public static DtmfMode parse(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        return switch (t) {
            case "INBAND", "IN_BAND", "AUDIO" -> INBAND;
            case "RFC2833", "RFC4733", "TELEPHONE_EVENT" -> RFC2833;
            case "SIP_INFO", "INFO" -> SIP_INFO;
            default -> throw new IllegalArgumentException("dtmf must be one of inband, rfc2833, sip_info");
        };
    }
}
