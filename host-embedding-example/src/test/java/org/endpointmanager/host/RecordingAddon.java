package org.endpointmanager.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.endpointmanager.api.host.Addon;
import org.endpointmanager.api.host.HostContext;

/**
 * A class-path add-on that keeps the context it was started with, and the class loader it was
 * started under, and leaves {@code closed.txt} in its data directory when closed.
 */
public final class RecordingAddon implements Addon {

    private volatile HostContext context;
    private volatile boolean closed;
    private volatile ClassLoader contextClassLoader;

    @Override
    public String id() {
        return "recording";
    }

    @Override
    public void start(HostContext context) {
        this.context = context;
        this.contextClassLoader = Thread.currentThread().getContextClassLoader();
    }

    ClassLoader contextClassLoader() {
        return contextClassLoader;
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
        if (context == null) {
            return;
        }
        try {
            Files.writeString(context.dataDirectory().resolve("closed.txt"), "closed");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
