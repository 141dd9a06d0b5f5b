package org.endpointmanager.core.provisioning;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

/**
 * What the provisioning routes need of one HTTP exchange. Two layers carry it: Javalin, when the
 * add-on is mounted inside a host's app ({@link ProvisioningRoutes#mount}), and a bare Jetty handler
 * in front of Javalin on the add-on's own listener ({@link ProvisioningHandler}), which skips the
 * servlet layer on the path a boot storm hits. Both answer through {@link ProvisioningRoutes#serve},
 * so they cannot drift apart.
 */
interface ProvisioningExchange {

    /** The peer's address, as text (never resolved). */
    String remoteAddress();

    /** Whether the request came over TLS. */
    boolean tls();

    /** {@code GET} or {@code HEAD}. */
    String method();

    /** The path below {@code /provision/}, decoded. */
    String path();

    /** The request target as sent: encoded path and query (what a Digest {@code uri} names). */
    String requestUri();

    /** A query parameter's first value. */
    Optional<String> queryParam(String name);

    /** A request header, null when absent. */
    String header(String name);

    /** Sets the status. */
    void status(int status);

    /** Sets a response header, replacing any value. */
    void header(String name, String value);

    /** Adds a response header value (several {@code WWW-Authenticate}). */
    void addHeader(String name, String value);

    /** The whole body (its length is sent as {@code Content-Length}); never called for HEAD. */
    void body(byte[] body) throws IOException;

    /** A stream for a large body whose {@code Content-Length} was already set. */
    OutputStream stream() throws IOException;
}
