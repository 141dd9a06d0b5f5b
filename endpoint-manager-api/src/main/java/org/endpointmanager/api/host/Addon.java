package org.endpointmanager.api.host;

/**
 * A PBX add-on. Hosts find implementations with {@link java.util.ServiceLoader} and start those
 * whose {@link #id()} is listed in their {@code [proxy] addons} setting.
 */
public interface Addon extends AutoCloseable {

    /** The add-on id used in the host's config, for example {@code endpoint-manager}. */
    String id();

    /**
     * Starts the add-on. Invalid configuration fails here with a message that names the key.
     *
     * @throws Exception when the add-on cannot start; the host stops with the message
     */
    void start(HostContext context) throws Exception;

    /** Stops the add-on and releases its ports and threads. */
    @Override
    void close();
}
