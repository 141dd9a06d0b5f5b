package org.endpointmanager.core.registrations;

import java.util.Locale;

/** Seed 003's device types, in the order its {@code byType} object lists them. */
public enum DeviceType {
    /** A desk or DECT phone (Yealink, Polycom, Grandstream, ...). */
    HARDWARE,
    /** A desktop SIP application (Zoiper, Bria, MicroSIP, Linphone desktop, ...). */
    SOFTPHONE,
    /** A browser client (JsSIP, SIP.js, sipML5) or anything registered over WebSocket. */
    WEBRTC,
    /** An iOS or Android app (Groundwire, Linphone Android/iOS, Bria Mobile, ...). */
    MOBILE;

    /** The JSON and database spelling: {@code hardware}, {@code softphone}, ... */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads the database spelling; unknown text reads as {@link #SOFTPHONE}, the catch-all. */
    public static DeviceType fromJsonName(String text) {
        for (DeviceType t : values()) {
            if (t.jsonName().equals(text)) {
                return t;
            }
        }
        return SOFTPHONE;
    }
}
