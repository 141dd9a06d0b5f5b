package org.endpointmanager.host.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.endpointmanager.api.Secret;
import org.endpointmanager.api.host.Extension;

/**
 * The whole of the host's {@code proxy.toml}, validated.
 *
 * @param configDirectory the directory the file was read from
 * @param addons ids of the add-ons to start, in order ({@code [proxy] addons})
 * @param dataDirectory where add-ons may write, absolute ({@code [host] data_dir})
 * @param sipPort the host's own SIP port ({@code [sip] port}), for its registrar
 * @param extensions the PBX extensions ({@code [[extensions]]})
 * @param tokens console API tokens ({@code [[console.tokens]]})
 * @param users console page logins ({@code [[console.users]]})
 * @param sipBind the registrar's bind address ({@code [sip] bind}, default {@code 0.0.0.0})
 * @param bindingPins star-code binding PINs by extension number ({@code [[extensions]] pin})
 */
public record ProxyConfig(Path configDirectory, List<String> addons, Path dataDirectory, int sipPort,
        List<Extension> extensions, List<ConsoleToken> tokens, List<ConsoleUser> users, String sipBind,
        Map<String, Secret> bindingPins) {
    /** Rejects nulls and copies the lists. */
    public ProxyConfig {
        Objects.requireNonNull(configDirectory, "configDirectory is null");
        addons = List.copyOf(addons);
        Objects.requireNonNull(dataDirectory, "dataDirectory is null");
        extensions = List.copyOf(extensions);
        tokens = List.copyOf(tokens);
        users = List.copyOf(users);
        Objects.requireNonNull(sipBind, "sipBind is null");
        bindingPins = Map.copyOf(bindingPins);
    }

    /** Without registrar bind address or PINs (the defaults). */
    public ProxyConfig(Path configDirectory, List<String> addons, Path dataDirectory, int sipPort,
            List<Extension> extensions, List<ConsoleToken> tokens, List<ConsoleUser> users) {
        this(configDirectory, addons, dataDirectory, sipPort, extensions, tokens, users, "0.0.0.0", Map.of());
    }
}
