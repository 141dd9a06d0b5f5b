package org.endpointmanager.host;

/** An add-on could not be found, loaded or started. The message says which and why. */
public final class HostStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A problem described by its message alone. */
    public HostStartException(String message) {
        super(message);
    }

    /** A problem with an underlying cause (logged at debug level with its stack trace). */
    public HostStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
