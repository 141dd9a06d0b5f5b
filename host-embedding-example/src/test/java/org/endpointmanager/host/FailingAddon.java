package org.endpointmanager.host;

import org.endpointmanager.api.host.Addon;
import org.endpointmanager.api.host.HostContext;

/** A class-path add-on whose start fails the way an invalid add-on config does. */
public final class FailingAddon implements Addon {

    @Override
    public String id() {
        return "failing";
    }

    @Override
    public void start(HostContext context) {
        throw new IllegalArgumentException("failing.toml: unknown key 'x'");
    }

    @Override
    public void close() {
    }
}
