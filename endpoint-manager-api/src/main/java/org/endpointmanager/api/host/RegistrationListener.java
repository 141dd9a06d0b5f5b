package org.endpointmanager.api.host;

/** Receives registration changes from the host. Called on the host's threads: return quickly. */
public interface RegistrationListener {

    /** A contact registered or refreshed its binding. */
    void registered(Registration registration);

    /** A contact unregistered (Expires: 0) or its binding expired. */
    void unregistered(String extension, String contact);
}
