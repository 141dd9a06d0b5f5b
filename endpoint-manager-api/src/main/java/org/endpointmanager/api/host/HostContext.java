package org.endpointmanager.api.host;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The services a host lends an add-on. A test context implements only what the test needs.
 */
public interface HostContext {

    /** The host's configuration directory; the add-on reads its own TOML file from here. */
    Path configDirectory();

    /** A directory the add-on may write (database file, key file, firmware blobs). */
    Path dataDirectory();

    /** The host's extensions and their SIP credentials. */
    UserDirectory userDirectory();

    /** Checks console credentials. */
    ConsoleAuthenticator consoleAuthenticator();

    /** SIP registrations the host's registrar sees. */
    RegistrationFeed registrationFeed();

    /** The host's own SIP sender, when it offers one: phones trust NOTIFYs from their server. */
    default Optional<SipSender> sipSender() {
        return Optional.empty();
    }

    /**
     * Registers a hook that sees dialled digits before the host routes a call (star-code
     * self-binding). Called by the add-on at start; a host without a dial plan ignores it.
     */
    default void registerDialHook(DialHook hook) {
    }

    /** The class loader to find vendor plug-ins with (the host's plus its plugins folder). */
    default ClassLoader pluginClassLoader() {
        return Thread.currentThread().getContextClassLoader();
    }

    /**
     * Told which ports the add-on listens on, so the host can open its firewall for them. Called
     * again whenever the set changes (a listener switched on or off in the settings).
     */
    default void listenersChanged(List<Listener> listeners) {
    }

    /**
     * One open listener.
     *
     * @param name {@code http}, {@code https}, {@code sip}, {@code pnp} or {@code tftp}
     * @param protocol {@code tcp} or {@code udp}
     * @param bind bind address
     * @param port port
     */
    record Listener(String name, String protocol, String bind, int port) {
    }
}
