package org.endpointmanager.host.users;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.endpointmanager.api.Secret;
import org.endpointmanager.api.host.Extension;
import org.endpointmanager.api.host.UserDirectory;

/** The extensions of {@code proxy.toml}; immutable, so safe to read from any thread. */
public final class ConfiguredUserDirectory implements UserDirectory {

    private final Map<String, Extension> byNumber;
    private final Map<String, Secret> pins;

    /** Indexes the extensions by number; the loader has already rejected duplicates. */
    public ConfiguredUserDirectory(List<Extension> extensions) {
        this(extensions, Map.of());
    }

    /** Also with the star-code binding PINs of {@code [[extensions]] pin}, by extension number. */
    public ConfiguredUserDirectory(List<Extension> extensions, Map<String, Secret> bindingPins) {
        this.pins = Map.copyOf(bindingPins);
        Map<String, Extension> map = new LinkedHashMap<>();
        for (Extension e : extensions) {
            if (map.putIfAbsent(e.number(), e) != null) {
                throw new IllegalArgumentException("extension " + e.number() + " is listed twice");
            }
        }
        this.byNumber = map;
    }

    @Override
    public Optional<Extension> find(String number) {
        return number == null ? Optional.empty() : Optional.ofNullable(byNumber.get(number));
    }

    @Override
    public Optional<Secret> bindingPin(String number) {
        return number == null ? Optional.empty() : Optional.ofNullable(pins.get(number));
    }

    @Override
    public List<Extension> all() {
        return List.copyOf(byNumber.values());
    }
}
