package org.endpointmanager.core.pnp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.endpointmanager.core.config.EndpointManagerConfig;
import org.endpointmanager.core.discovery.DiscoveryService;
import org.endpointmanager.core.security.Cidr;
import org.endpointmanager.core.settings.Settings;
import org.endpointmanager.core.settings.SettingsService;
import org.endpointmanager.core.store.DeviceRecord;
import org.endpointmanager.core.store.DeviceStore;
import org.endpointmanager.core.vendor.VendorRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the PnP listener while both {@code [pnp] enabled} (the TOML) and the {@code pnp_enabled}
 * setting (the console) say on, starting and stopping it as the setting changes. A failure to
 * bind is logged and leaves the engine running without PnP.
 */
public final class PnpController implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PnpController.class);

    private final EndpointManagerConfig.Pnp config;
    private final PnpService service;
    private final UdpSender sender;
    private final InetAddress bind;
    private PnpListener listener;
    private boolean started;
    private boolean closed;
    private boolean leading = true;
    private Settings lastSettings;

    /**
     * Creates a stopped controller.
     *
     * @param config {@code [pnp]}
     * @param service the handler
     * @param sender the unicast sender the handler uses (closed with the controller)
     * @param bind where the listener binds: the group, or a unicast address in tests
     */
    public PnpController(EndpointManagerConfig.Pnp config, PnpService service, UdpSender sender, InetAddress bind) {
        this.config = Objects.requireNonNull(config, "config is null");
        this.service = Objects.requireNonNull(service, "service is null");
        this.sender = Objects.requireNonNull(sender, "sender is null");
        this.bind = Objects.requireNonNull(bind, "bind is null");
    }

    /**
     * The engine's controller: listener on {@code [pnp] group}:{@code port}, answers sent from
     * {@code [sip] bind} on a free port, unknown phones recorded through Discovery.
     */
    public static PnpController create(EndpointManagerConfig config, VendorRegistry vendors, SettingsService settings,
            DeviceStore devices, DiscoveryService discovery) {
        UdpSender sender = new UdpSender(literal(config.sip().bind()));
        PnpService service = new PnpService(vendors, settings::current,
                config.provisioning().allowedSubnets().stream().map(Cidr::parse).toList(),
                mac -> devices.findByMac(mac).map(DeviceRecord::vendor), discovery::record, sender);
        return new PnpController(config.pnp(), service, sender, group(config.pnp()));
    }

    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address); // a validated literal: no DNS
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + address, e);
        }
    }

    /**
     * Follows the settings from now on: starts the listener when both switches are on. Idempotent.
     */
    public void start(SettingsService settings) {
        synchronized (this) {
            if (started) {
                return;
            }
            started = true;
        }
        settings.addListener(this::apply);
        apply(settings.current());
    }

    /** The group address of {@code [pnp] group}. */
    public static InetAddress group(EndpointManagerConfig.Pnp config) {
        try {
            return InetAddress.getByName(config.group()); // validated as an IPv4 literal: no DNS
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("pnp.group is not an address", e);
        }
    }

    /** Starts or stops the listener to match the TOML and the settings. */
    public synchronized void apply(Settings settings) {
        lastSettings = settings;
        boolean wanted = !closed && leading && config.enabled() && settings.pnpEnabled();
        if (wanted && listener == null) {
            PnpListener l = new PnpListener(service, bind, config.port(), config.interfaces());
            try {
                l.start();
                listener = l;
            } catch (IOException | RuntimeException e) {
                LOG.error("pnp listener could not start on {}:{}: {}", bind.getHostAddress(), config.port(), e.getMessage());
            }
        } else if (!wanted && listener != null) {
            listener.close();
            listener = null;
        }
    }

    /**
     * Whether this node holds the PnP lease (several nodes on one database: one answers the
     * multicast SUBSCRIBEs); the listener runs only while it does. True until told otherwise.
     */
    public synchronized void lead(boolean leading) {
        this.leading = leading;
        if (lastSettings != null) {
            apply(lastSettings);
        }
    }

    /** See {@link PnpService#handle(byte[], InetSocketAddress)}: for hosts that receive the SUBSCRIBEs themselves. */
    public PnpService.Result handle(byte[] packet, InetSocketAddress source) {
        return service.handle(packet, source);
    }

    /** The handler's counters. */
    public PnpCounters counters() {
        return service.counters();
    }

    /** The listener's port while it runs. */
    public synchronized Optional<Integer> port() {
        return listener == null ? Optional.empty() : Optional.of(listener.localPort());
    }

    /** Whether the listener runs. */
    public synchronized boolean running() {
        return listener != null;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (listener != null) {
            listener.close();
            listener = null;
        }
        sender.close();
    }

    /** The interfaces configured. */
    public List<String> interfaces() {
        return config.interfaces();
    }
}
