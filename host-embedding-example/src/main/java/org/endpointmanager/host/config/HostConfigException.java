package org.endpointmanager.host.config;

/**
 * {@code proxy.toml} is missing or invalid. The message names the file and the key and never
 * contains a password or token.
 */
public final class HostConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A problem described by its message alone. */
    public HostConfigException(String message) {
        super(message);
    }

    /** A problem caused by an I/O failure. */
    public HostConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
