package org.endpointmanager.vendor.grandstream.driver;

import java.util.Objects;

/**
 * A logged-in session with one phone. The cookies live in the engine's HTTP client; the
 * {@code sid} is kept here because {@code config_get}/{@code config_update} (and the legacy
 * {@code api.values.*} forms) want it as a parameter.
 *
 * @param sid the session id from the login answer (never logged)
 * @param legacy older firmware: plain-password login, {@code api.values.get}/{@code api.values.post}
 * @param macChecked whether the phone's reported MAC was already compared with the device's
 */
record Session(String sid, boolean legacy, boolean macChecked) {
    Session {
        Objects.requireNonNull(sid, "sid is null");
    }

    Session withLegacy() {
        return new Session(sid, true, macChecked);
    }

    Session withMacChecked() {
        return new Session(sid, legacy, true);
    }

    @Override
    public String toString() {
        return "Session[legacy=" + legacy + "]";
    }
}
