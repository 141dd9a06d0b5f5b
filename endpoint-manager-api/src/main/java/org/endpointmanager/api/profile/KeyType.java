package org.endpointmanager.api.profile;

import java.util.Locale;

/** What a programmable key on the phone (or an expansion module) does. */
public enum KeyType {
    /** Unused key. */
    NONE,
    /** Shows and seizes a line (account). */
    LINE,
    /** Busy-lamp field: watches another extension, optionally picks up its calls. */
    BLF,
    /** Dials a number. */
    SPEED_DIAL,
    /** Call park / parking-lot orbit. */
    PARK,
    /** Sends a DTMF sequence during a call. */
    DTMF,
    /** Dials voicemail. */
    VOICEMAIL,
    /** Toggles do-not-disturb. */
    DND,
    /** Transfers to a number. */
    TRANSFER,
    /** Intercom call to a number. */
    INTERCOM;

    /** Parses a key type name such as {@code blf} or {@code speed_dial} (any case, '-' allowed). */
    public static KeyType parse(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        if (t.equals("SPEEDDIAL") || t.equals("SPEED")) {
            return SPEED_DIAL;
        }
        try {
            return valueOf(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown key type: expected one of none, line, blf, "
                    + "speed_dial, park, dtmf, voicemail, dnd, transfer, intercom");
        }
    }
}
