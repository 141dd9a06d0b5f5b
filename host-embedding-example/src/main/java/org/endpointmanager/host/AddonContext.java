package org.endpointmanager.host;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.endpointmanager.api.host.ConsoleAuthenticator;
import org.endpointmanager.api.host.DialHook;
import org.endpointmanager.api.host.HostContext;
import org.endpointmanager.api.host.RegistrationFeed;
import org.endpointmanager.api.host.UserDirectory;
import org.endpointmanager.host.sip.DialHooks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this host lends one add-on.
 *
 * @param addonId the add-on, for log lines
 * @param configDirectory the host's config directory
 * @param dataDirectory the add-on's own writable directory
 * @param userDirectory the extensions of {@code proxy.toml}
 * @param consoleAuthenticator the tokens and users of {@code proxy.toml}
 * @param registrationFeed the registrar's bindings
 * @param pluginClassLoader the class path plus {@code <config>/plugins/*.jar}
 * @param dialHooks where the registrar looks up INVITE digits (star-code binding)
 */
record AddonContext(String addonId, Path configDirectory, Path dataDirectory, UserDirectory userDirectory,
        ConsoleAuthenticator consoleAuthenticator, RegistrationFeed registrationFeed,
        ClassLoader pluginClassLoader, DialHooks dialHooks) implements HostContext {

    private static final Logger LOG = LoggerFactory.getLogger(AddonContext.class);

    AddonContext {
        Objects.requireNonNull(addonId, "addonId is null");
        Objects.requireNonNull(configDirectory, "configDirectory is null");
        Objects.requireNonNull(dataDirectory, "dataDirectory is null");
        Objects.requireNonNull(userDirectory, "userDirectory is null");
        Objects.requireNonNull(consoleAuthenticator, "consoleAuthenticator is null");
        Objects.requireNonNull(registrationFeed, "registrationFeed is null");
        Objects.requireNonNull(pluginClassLoader, "pluginClassLoader is null");
        Objects.requireNonNull(dialHooks, "dialHooks is null");
    }

    @Override
    public void registerDialHook(DialHook hook) {
        dialHooks.register(hook);
        LOG.info("add-on {} registered a dial hook", addonId);
    }

    @Override
    public void listenersChanged(List<Listener> listeners) {
        // A real PBX would open its firewall here; this host only says what is open.
        for (Listener l : listeners) {
            LOG.info("add-on {} listens: {} {} {}:{}", addonId, l.name(), l.protocol(), l.bind(), l.port());
        }
        if (listeners.isEmpty()) {
            LOG.info("add-on {} listens on nothing", addonId);
        }
    }
}
