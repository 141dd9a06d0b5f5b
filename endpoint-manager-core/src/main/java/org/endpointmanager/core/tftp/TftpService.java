package org.endpointmanager.core.tftp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Optional;
import org.endpointmanager.core.provisioning.ProvisioningService;
import org.endpointmanager.core.settings.Settings;
import org.endpointmanager.core.settings.SettingsService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the TFTP server while both {@code [tftp] enabled} (the TOML allows the listener) and the
 * {@code tftp_enabled} setting (the admin's switch) are on, following setting changes at run time.
 * Every file is answered by the {@link ProvisioningService}, exactly as over HTTP.
 */
public final class TftpService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TftpService.class);

    private final boolean allowed;
    private final TftpServer.Options options;
    private final ProvisioningService provisioning;
    private TftpServer server;
    private boolean closed;

    /**
     * Creates the service; nothing is bound until {@link #apply(Settings)} finds it switched on.
     *
     * @param allowed {@code [tftp] enabled}
     */
    public TftpService(boolean allowed, TftpServer.Options options, ProvisioningService provisioning) {
        this.allowed = allowed;
        this.options = Objects.requireNonNull(options, "options is null");
        this.provisioning = Objects.requireNonNull(provisioning, "provisioning is null");
    }

    /** Options from {@code [tftp] bind / port} with default timers. */
    public static TftpServer.Options options(String bind, int port) {
        try {
            return TftpServer.Options.defaults(InetAddress.getByName(bind), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("tftp.bind is not an address: " + bind, e);
        }
    }

    /** Starts it now (when switched on) and follows the setting from now on. */
    public void attach(SettingsService settings) {
        settings.addListener(this::apply);
        apply(settings.current());
    }

    /** Starts or stops the server to match the settings. */
    public synchronized void apply(Settings settings) {
        boolean wanted = allowed && settings.tftpEnabled() && !closed;
        if (wanted && server == null) {
            TftpServer s = new TftpServer(options, this::open);
            try {
                s.start();
                server = s;
            } catch (SocketException e) {
                LOG.error("tftp cannot bind {}:{}: {} (port 69 needs CAP_NET_BIND_SERVICE or a redirect: see docs/tftp.md)",
                        options.bind().getHostAddress(), options.port(), e.getMessage());
            }
        } else if (!wanted && server != null) {
            server.close();
            server = null;
        }
    }

    /** The port it listens on, while running. */
    public synchronized Optional<Integer> port() {
        return Optional.ofNullable(server).map(TftpServer::port);
    }

    private Optional<TftpSource.Content> open(String fileName, InetAddress client) {
        ProvisioningService.Response r = provisioning.serve(
                new ProvisioningService.Request(fileName, Optional.empty(), client, "tftp"));
        if (r.status() != 200) {
            return Optional.empty();
        }
        if (r.file().isPresent()) {
            try {
                return Optional.of(new TftpSource.OnDisk(r.file().get()));
            } catch (IOException e) {
                LOG.warn("tftp cannot open firmware file: {}", e.getMessage());
                return Optional.empty();
            }
        }
        return Optional.of(new TftpSource.Bytes(r.body()));
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
