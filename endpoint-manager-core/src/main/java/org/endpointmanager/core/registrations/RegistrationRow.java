package org.endpointmanager.core.registrations;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of {@code endpoint_registrations}: a binding as last reported, with its classification.
 *
 * @param extension the registered extension (SIP user)
 * @param contact the Contact URI
 * @param sourceIp the REGISTER's source address
 * @param sourcePort the REGISTER's source port
 * @param transport {@code udp}, {@code tcp}, {@code tls}, {@code ws} or {@code wss}
 * @param userAgent the User-Agent, bounded
 * @param classification what the User-Agent says
 * @param registeredAt last refresh
 * @param expiresAt when the binding lapses; in the past once expired or unregistered
 */
public record RegistrationRow(String extension, String contact, String sourceIp, int sourcePort, String transport,
        Optional<String> userAgent, UaClassification classification, Instant registeredAt, Instant expiresAt) {
    /** Rejects nulls. */
    public RegistrationRow {
        Objects.requireNonNull(extension, "extension is null");
        Objects.requireNonNull(contact, "contact is null");
        Objects.requireNonNull(sourceIp, "sourceIp is null");
        Objects.requireNonNull(transport, "transport is null");
        Objects.requireNonNull(userAgent, "userAgent is null");
        Objects.requireNonNull(classification, "classification is null");
        Objects.requireNonNull(registeredAt, "registeredAt is null");
        Objects.requireNonNull(expiresAt, "expiresAt is null");
    }

    /** The primary key: SHA-256 hex of extension and contact. */
    public String key() {
        return key(extension, contact);
    }

    /** True while the binding has not expired at {@code now}. */
    public boolean liveAt(Instant now) {
        return expiresAt.isAfter(now);
    }

    /** The key of an (extension, contact) pair. */
    public static String key(String extension, String contact) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(extension.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            sha.update(contact.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
