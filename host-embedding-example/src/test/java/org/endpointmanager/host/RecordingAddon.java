package org.endpointmanager.host;

import org.endpointmanager.api.host.Addon;
import org.endpointmanager.api.host.HostContext;

/** A class-path add-on that keeps the context it was started with. */
public final class RecordingAddon implements Addon {

    private volatile HostContext context;
    private volatile boolean closed;

    @Override
    public String id() {
        return "recording";
    }

    @Override
    public void start(HostContext context) {
        this.context = context;
    }

    HostContext context() {
        return context;
    }

    boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }
}
