package org.endpointmanager.api.host;

import java.util.Objects;
import org.endpointmanager.api.Secret;

/**
 * One extension of the host PBX.
 *
 * @param number the extension number, for example {@code 1001}
 * @param sipUser SIP user name the phone registers with
 * @param password SIP digest password
 * @param displayName caller-id name
 */
public record Extension(String number, String sipUser, Secret password, String displayName) {
    /** Rejects nulls and an empty number. */
    public Extension {
        Objects.requireNonNull(number, "number is null");
        if (number.isBlank()) {
            throw new IllegalArgumentException("extension number is empty");
        }
        Objects.requireNonNull(sipUser, "sipUser is null");
        Objects.requireNonNull(password, "password is null");
        Objects.requireNonNull(displayName, "displayName is null");
    }
}
