package org.endpointmanager.api.host;

import java.util.List;

/** The host registrar's bindings. */
public interface RegistrationFeed {

    /** The bindings alive now. */
    List<Registration> current();

    /** Subscribes to changes. */
    void addListener(RegistrationListener listener);

    /** A feed for a host without a registrar. */
    static RegistrationFeed none() {
        return new RegistrationFeed() {
            @Override
            public List<Registration> current() {
                return List.of();
            }

            @Override
            public void addListener(RegistrationListener listener) {
            }
        };
    }
}
