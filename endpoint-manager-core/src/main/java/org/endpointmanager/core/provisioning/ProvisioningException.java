package org.endpointmanager.core.provisioning;

/**
 * A device's configuration cannot be produced (a line bound to a missing extension, a template
 * that renders invalid output). Logged with the MAC and reason; the phone gets an error, never a
 * broken file.
 */
public final class ProvisioningException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public ProvisioningException(String message) {
        super(message);
    }

    /** Creates the exception with a cause. */
    public ProvisioningException(String message, Throwable cause) {
        super(message, cause);
    }
}
