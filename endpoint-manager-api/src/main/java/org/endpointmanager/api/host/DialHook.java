package org.endpointmanager.api.host;

import java.util.Optional;

/**
 * Sees the digits a phone dials before the host routes the call, so an add-on can claim feature
 * codes (the endpoint manager's star-code self-binding, {@code *123*<extension>*<pin>}).
 *
 * <p>The host calls hooks on its own threads for calls from phones that may not be registered;
 * every argument is attacker-controlled. A hook answers quickly (a database write at most).
 */
@FunctionalInterface
public interface DialHook {

    /**
     * Looks at a dialled number.
     *
     * @param digits the user part of the Request-URI, as dialled
     * @param sourceAddress the IP address the call came from
     * @param userAgent the caller's User-Agent header, when sent
     * @return empty when the digits are not this hook's (the host routes the call as usual), or
     *     the decision the host answers the call with
     */
    Optional<DialResult> dialled(String digits, String sourceAddress, Optional<String> userAgent);
}
