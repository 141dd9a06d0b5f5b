package org.endpointmanager.core.pnp;

/** A packet that is not a well-formed SIP message of the kind PnP reads. The message says why. */
public final class MalformedSipException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public MalformedSipException(String reason) {
        super(reason, null, false, false);
    }
}
