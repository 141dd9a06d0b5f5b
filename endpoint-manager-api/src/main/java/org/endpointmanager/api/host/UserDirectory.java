package org.endpointmanager.api.host;

import java.util.List;
import java.util.Optional;

/** The host's extensions. Implementations must be thread-safe and fast (called per fetch). */
public interface UserDirectory {

    /** The extension with this number. */
    Optional<Extension> find(String number);

    /** All extensions, for phonebooks. */
    List<Extension> all();
}
