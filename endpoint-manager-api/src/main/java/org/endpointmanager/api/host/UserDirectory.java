package org.endpointmanager.api.host;

import java.util.List;
import java.util.Optional;
import org.endpointmanager.api.Secret;

/** The host's extensions. Implementations must be thread-safe and fast (called per fetch). */
public interface UserDirectory {

    /** The extension with this number. */
    Optional<Extension> find(String number);

    /** All extensions, for phonebooks. */
    List<Extension> all();

    /**
     * The PIN that lets a phone bind itself to this extension by star code; empty when the
     * extension has none (then self-binding to it is refused).
     */
    default Optional<Secret> bindingPin(String number) {
        return Optional.empty();
    }
}
