package org.endpointmanager.core;

import java.nio.file.Path;
import java.time.Clock;
import org.endpointmanager.api.host.Addon;
import org.endpointmanager.api.host.HostContext;
import org.endpointmanager.core.config.ConfigLoader;
import org.endpointmanager.core.config.EndpointManagerConfig;

/**
 * The add-on entry point hosts find through {@link java.util.ServiceLoader}: id {@value #ID}. It
 * reads {@code endpoint_manager.toml} from the host's config directory and starts the engine.
 */
public final class EndpointManagerAddon implements Addon {

    /** The id hosts list in {@code [proxy] addons}. */
    public static final String ID = "endpoint-manager";

    private EndpointManager engine;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public synchronized void start(HostContext context) {
        Path file = context.configDirectory().resolve("endpoint_manager.toml");
        EndpointManagerConfig config = ConfigLoader.load(file);
        engine = EndpointManager.create(config, context, Clock.systemUTC());
        engine.start();
    }

    /** The running engine (for hosts and tests that need its port or services). */
    public synchronized EndpointManager engine() {
        if (engine == null) {
            throw new IllegalStateException("add-on not started");
        }
        return engine;
    }

    @Override
    public synchronized void close() {
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }
}
