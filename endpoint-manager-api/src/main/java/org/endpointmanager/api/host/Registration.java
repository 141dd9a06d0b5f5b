package org.endpointmanager.api.host;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One registered contact, as the host's registrar saw it.
 *
 * @param extension the extension (SIP user) that registered
 * @param contact the Contact URI the phone registered
 * @param sourceAddress the source IP of the REGISTER
 * @param sourcePort the source port of the REGISTER
 * @param transport {@code udp}, {@code tcp}, {@code tls}, {@code ws} or {@code wss}
 * @param userAgent the User-Agent header, when sent
 * @param registeredAt when the binding was last refreshed
 * @param expiresAt when the binding expires
 */
public record Registration(String extension, String contact, String sourceAddress, int sourcePort,
        String transport, Optional<String> userAgent, Instant registeredAt, Instant expiresAt) {
    /** Rejects nulls. */
    public Registration {
        Objects.requireNonNull(extension, "extension is null");
        Objects.requireNonNull(contact, "contact is null");
        Objects.requireNonNull(sourceAddress, "sourceAddress is null");
        Objects.requireNonNull(transport, "transport is null");
        Objects.requireNonNull(userAgent, "userAgent is null");
        Objects.requireNonNull(registeredAt, "registeredAt is null");
        Objects.requireNonNull(expiresAt, "expiresAt is null");
    }
}
