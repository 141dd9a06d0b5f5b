package org.endpointmanager.api.profile;

import java.util.Objects;
import java.util.Optional;
import org.endpointmanager.api.Secret;

/**
 * One SIP account on a phone, with everything a generator needs: credentials already resolved
 * (from the host's user directory or the device's explicit values).
 *
 * @param index 1-based account number on the phone
 * @param enabled whether the account registers
 * @param label text shown next to the line key
 * @param displayName caller-id name
 * @param userName SIP user part (the extension number)
 * @param authName digest authentication user name
 * @param password digest password
 * @param server SIP registrar host name or address
 * @param port SIP registrar port
 * @param transport SIP transport
 * @param outboundProxy optional outbound proxy as {@code host[:port]}
 * @param expirySeconds optional registration expiry in seconds
 * @param voicemail optional voicemail number for this line
 */
public record Line(
        int index,
        boolean enabled,
        String label,
        String displayName,
        String userName,
        String authName,
        Secret password,
        String server,
        int port,
        Transport transport,
        Optional<String> outboundProxy,
        Optional<Integer> expirySeconds,
        Optional<String> voicemail) {

    /** Validates ranges and rejects nulls. */
    public Line {
        if (index < 1 || index > 64) {
            throw new IllegalArgumentException("line index must be 1..64");
        }
        Objects.requireNonNull(label, "label is null");
        Objects.requireNonNull(displayName, "displayName is null");
        Objects.requireNonNull(userName, "userName is null");
        Objects.requireNonNull(authName, "authName is null");
        Objects.requireNonNull(password, "password is null");
        Objects.requireNonNull(server, "server is null");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("line port must be 1..65535");
        }
        Objects.requireNonNull(transport, "transport is null");
        Objects.requireNonNull(outboundProxy, "outboundProxy is null");
        Objects.requireNonNull(expirySeconds, "expirySeconds is null");
        Objects.requireNonNull(voicemail, "voicemail is null");
    }

    /** A line with the common defaults: enabled, UDP, no proxy, no expiry, no voicemail. */
    public static Line of(int index, String label, String displayName, String userName,
            Secret password, String server, int port) {
        return new Line(index, true, label, displayName, userName, userName, password, server, port,
                Transport.UDP, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
