package org.endpointmanager.api.driver;

/** What the engine lends a device driver. */
public interface DriverContext {
    /** The guarded HTTP client; a driver makes no other connection. */
    OutboundHttp http();
}
