package org.endpointmanager.core.security;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.endpointmanager.api.host.HostContext;
import org.endpointmanager.core.config.EndpointManagerConfig;

/**
 * The listeners when {@code [tls] keystore} is set: HTTPS on {@code https_port}, and plain HTTP on
 * {@code [http] port} only while {@code http_enabled} (phones that cannot do TLS). Javalin's
 * {@code addConnector} replaces its default connector, so both are added here, HTTP first.
 */
public final class HttpsConnectors {

    private HttpsConnectors() {
    }

    /**
     * Adds the connectors to a Javalin configuration.
     *
     * @param configDirectory a relative key store path is resolved against it
     */
    public static void add(JavalinConfig cfg, String bind, int httpPort, EndpointManagerConfig.Tls tls, Path configDirectory) {
        Path keystore = configDirectory.resolve(tls.keystore().orElseThrow());
        var ssl = TlsKeyStores.sslContext(keystore, tls.keystorePassword());
        if (tls.httpEnabled()) {
            cfg.jetty.addConnector((server, httpConfig) -> {
                ServerConnector c = new ServerConnector(server, new HttpConnectionFactory(httpConfig));
                c.setHost(bind);
                c.setPort(httpPort);
                return c;
            });
        }
        cfg.jetty.addConnector((server, httpConfig) -> {
            HttpConfiguration https = new HttpConfiguration(httpConfig);
            // phones address the server by IP: the SNI host check would refuse them
            https.addCustomizer(new SecureRequestCustomizer(false));
            ServerConnector c = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                    new HttpConnectionFactory(https));
            c.setHost(bind);
            c.setPort(tls.httpsPort());
            return c;
        });
    }

    /** The HTTPS connector's port, when there is one. */
    public static Optional<Integer> httpsPort(Javalin server) {
        for (Connector c : server.jettyServer().server().getConnectors()) {
            if (c instanceof ServerConnector sc && sc.getConnectionFactory(SslConnectionFactory.class) != null) {
                return Optional.of(sc.getLocalPort());
            }
        }
        return Optional.empty();
    }

    /** The listeners as the host is told about them. */
    public static List<HostContext.Listener> listeners(Javalin server, String bind) {
        List<HostContext.Listener> out = new ArrayList<>();
        for (Connector c : server.jettyServer().server().getConnectors()) {
            if (c instanceof ServerConnector sc) {
                boolean tls = sc.getConnectionFactory(SslConnectionFactory.class) != null;
                out.add(new HostContext.Listener(tls ? "https" : "http", "tcp", bind, sc.getLocalPort()));
            }
        }
        return out;
    }
}
