package org.endpointmanager.core.store;

import java.util.Objects;
import java.util.Optional;
import org.endpointmanager.api.Secret;

/**
 * One line (SIP account) of a device as stored. A line is either bound to a host extension
 * (credentials come from the host's user directory at render time) or carries explicit
 * credentials (seed 001's {@code username}/{@code password}/{@code server}).
 *
 * @param index 1-based account number
 * @param extension host extension number the line is bound to
 * @param username explicit SIP user name
 * @param password explicit SIP password (decrypted in memory, encrypted at rest)
 * @param server explicit SIP server host
 * @param port explicit SIP server port
 * @param label line label override
 * @param displayName caller-id name override
 */
public record LineRecord(int index, Optional<String> extension, Optional<String> username,
        Optional<Secret> password, Optional<String> server, Optional<Integer> port,
        Optional<String> label, Optional<String> displayName) {
    /** Rejects nulls. */
    public LineRecord {
        if (index < 1 || index > 64) {
            throw new IllegalArgumentException("line index must be 1..64");
        }
        Objects.requireNonNull(extension, "extension is null");
        Objects.requireNonNull(username, "username is null");
        Objects.requireNonNull(password, "password is null");
        Objects.requireNonNull(server, "server is null");
        Objects.requireNonNull(port, "port is null");
        Objects.requireNonNull(label, "label is null");
        Objects.requireNonNull(displayName, "displayName is null");
    }
}
