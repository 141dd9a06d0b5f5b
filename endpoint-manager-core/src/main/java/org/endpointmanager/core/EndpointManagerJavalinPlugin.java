package org.endpointmanager.core;

import io.javalin.config.JavalinState;
import io.javalin.plugin.Plugin;
import java.util.Objects;

/**
 * Mounts the endpoint manager into a host's existing Javalin app instead of its own port:
 * {@code Javalin.create(cfg -> cfg.registerPlugin(new EndpointManagerJavalinPlugin(engine)))}.
 * Set {@code [http] enabled = false} so the engine opens no listener of its own.
 */
public final class EndpointManagerJavalinPlugin extends Plugin<Void> {

    private final EndpointManager engine;

    /** Creates the plug-in for a created (not started) engine. */
    public EndpointManagerJavalinPlugin(EndpointManager engine) {
        super();
        this.engine = Objects.requireNonNull(engine, "engine is null");
    }

    @Override
    public void onInitialize(JavalinState state) {
        engine.mount(state.routes);
    }

    @Override
    public String name() {
        return "endpoint-manager";
    }
}
