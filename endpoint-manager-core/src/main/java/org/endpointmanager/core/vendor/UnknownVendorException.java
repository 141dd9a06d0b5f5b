package org.endpointmanager.core.vendor;

/** A vendor id no installed plug-in provides. The message says which jar to add. */
public final class UnknownVendorException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String vendorId;

    /** Creates the exception for an id. */
    public UnknownVendorException(String vendorId, java.util.Collection<String> known) {
        super("unknown vendor '" + vendorId + "': no plug-in with that id is installed (known: "
                + String.join(", ", new java.util.TreeSet<>(known)) + "); add the vendor's jar (for example vendor-"
                + vendorId + ".jar) to the host's classpath or its plugins/ folder");
        this.vendorId = vendorId;
    }

    /** The id that was asked for. */
    public String vendorId() {
        return vendorId;
    }
}
