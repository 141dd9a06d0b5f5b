package org.endpointmanager.core.config;

/**
 * {@code endpoint_manager.toml} is unreadable or invalid. The message names the file and the key
 * (or the line, for a syntax error) and never contains a secret's value.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A problem described by its message alone. */
    public ConfigException(String message) {
        super(message);
    }

    /** A problem caused by an I/O failure. */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
