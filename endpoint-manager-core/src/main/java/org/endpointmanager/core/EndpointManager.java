package org.endpointmanager.core;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.endpointmanager.api.host.HostContext;
import org.endpointmanager.api.render.TemplateEngine;
import org.endpointmanager.core.audit.AuditLog;
import org.endpointmanager.core.config.EndpointManagerConfig;
import org.endpointmanager.core.console.AdminRoutes;
import org.endpointmanager.core.console.ConsoleRouter;
import org.endpointmanager.core.console.DeviceRoutes;
import org.endpointmanager.core.console.DeviceService;
import org.endpointmanager.core.console.SiteRoutes;
import org.endpointmanager.core.console.TemplateRoutes;
import org.endpointmanager.core.firmware.FirmwareRepository;
import org.endpointmanager.core.firmware.FirmwareRoutes;
import org.endpointmanager.core.firmware.FirmwareStore;
import org.endpointmanager.core.firmware.FirmwareTargets;
import org.endpointmanager.core.phonebook.GuardedHttpFetcher;
import org.endpointmanager.core.phonebook.PhonebookRoutes;
import org.endpointmanager.core.phonebook.PhonebookService;
import org.endpointmanager.core.phonebook.PhonebookSourceStore;
import org.endpointmanager.core.tftp.TftpService;
import org.endpointmanager.core.http.Json;
import org.endpointmanager.core.http.Responses;
import org.endpointmanager.core.jobs.JobRunner;
import org.endpointmanager.core.provisioning.ProfileAssembler;
import org.endpointmanager.core.provisioning.ProvisioningRoutes;
import org.endpointmanager.core.provisioning.ProvisioningService;
import org.endpointmanager.core.render.MustacheTemplateEngine;
import org.endpointmanager.core.security.Cidr;
import org.endpointmanager.core.security.OutboundAddressGuard;
import org.endpointmanager.core.security.ProvisioningAccessPolicy;
import org.endpointmanager.core.security.SecretBox;
import org.endpointmanager.core.settings.SettingsService;
import org.endpointmanager.core.store.Database;
import org.endpointmanager.core.vendor.VendorRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine: wires the store, vendors, settings, provisioning and the console API, and serves
 * them on its own port or inside a host's Javalin app ({@link EndpointManagerJavalinPlugin}).
 */
public final class EndpointManager implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointManager.class);

    private final EndpointManagerConfig config;
    private final HostContext host;
    private final Database db;
    private final VendorRegistry vendors;
    private final SettingsService settings;
    private final AuditLog audit;
    private final JobRunner jobs;
    private final ProvisioningService provisioning;
    private final DeviceService devices;
    private final TemplateEngine templates;
    private final OutboundAddressGuard outboundGuard;
    private final Clock clock;
    private final FirmwareRepository firmware;
    private final PhonebookService phonebook;
    private final TftpService tftp;
    private volatile List<ConsoleRouter.Route> routeTable = List.of();
    private Javalin server;

    private EndpointManager(EndpointManagerConfig config, HostContext host, VendorRegistry vendors, Clock clock) {
        this.config = config;
        this.host = host;
        this.vendors = vendors;
        this.clock = clock;
        Path data = host.dataDirectory();
        SecretBox secrets = SecretBox.open(data.resolve(config.secrets().keyFile()),
                Optional.ofNullable(System.getenv(config.secrets().keyEnv())).filter(s -> !s.isBlank()));
        this.db = Database.open(config.database(), data, secrets);
        this.templates = new MustacheTemplateEngine();
        this.settings = new SettingsService(db.settings(),
                SettingsService.seedFrom(config.provisionUrlBase(), config.tftp().enabled(), config.pnp().enabled()),
                this::rawSections);
        this.audit = new AuditLog(db.audit(), clock);
        this.jobs = new JobRunner(db.jobs(), clock, 64);
        ProfileAssembler assembler = new ProfileAssembler(host.userDirectory());
        ProvisioningAccessPolicy policy = new ProvisioningAccessPolicy(settings::current);
        this.outboundGuard = new OutboundAddressGuard(
                config.control().allowedSubnets().stream().map(Cidr::parse).toList(), config.control().allowLoopback());
        this.firmware = new FirmwareRepository(new FirmwareStore(db.jdbi()), data.resolve("firmware"),
                FirmwareRepository.Limits.ofMegabytes(config.firmware().maxFileMb(), config.firmware().maxTotalMb()),
                id -> vendors.find(id).map(v -> v.firmwareExtensions()), clock);
        this.phonebook = new PhonebookService(new PhonebookSourceStore(db.jdbi()), host.userDirectory(),
                new GuardedHttpFetcher(outboundGuard, Duration.ofSeconds(5), Duration.ofSeconds(20), 5 * 1024 * 1024), clock);
        this.provisioning = new ProvisioningService(vendors, db, settings, assembler, templates, policy, clock,
                Optional.of(firmware), Optional.of(phonebook));
        this.devices = new DeviceService(db, vendors, host.userDirectory(), audit, this::rawSections, settings::current, clock);
        this.tftp = new TftpService(config.tftp().enabled(), TftpService.options(config.tftp().bind(), config.tftp().port()),
                provisioning);
        phonebook.start(Duration.ofMinutes(1));
        tftp.attach(settings);
    }

    /**
     * Creates the engine: opens the database (running migrations), loads vendor plug-ins from the
     * host's plug-in class loader, seeds settings on first start.
     */
    public static EndpointManager create(EndpointManagerConfig config, HostContext host, Clock clock) {
        Objects.requireNonNull(config, "config is null");
        Objects.requireNonNull(host, "host is null");
        VendorRegistry vendors = VendorRegistry.load(host.pluginClassLoader());
        if (vendors.all().isEmpty()) {
            LOG.warn("no vendor plug-in found: add vendor jars (vendor-yealink.jar, ...) to the classpath or plugins/ folder");
        }
        return new EndpointManager(config, host, vendors, clock);
    }

    /** Like {@link #create} with vendors given explicitly (tests, hosts that install their own). */
    public static EndpointManager create(EndpointManagerConfig config, HostContext host, VendorRegistry vendors, Clock clock) {
        return new EndpointManager(config, host, vendors, clock);
    }

    private Set<String> rawSections() {
        return provisioning == null ? Set.of("debug") : provisioning.rawSections();
    }

    /** Mounts every route onto a Javalin configuration (own server or a host's app). */
    public void mount(RoutesConfig routes) {
        routes.get("/healthz", ctx -> Responses.json(ctx, Json.object().put("status", "ok")));
        ProvisioningRoutes.mount(routes, provisioning);
        ConsoleRouter router = new ConsoleRouter(routes, host.consoleAuthenticator());
        DeviceRoutes.mount(router, devices);
        SiteRoutes.mount(router, db, audit, clock);
        TemplateRoutes.mount(router, db, vendors, templates, this::rawSections, audit, clock);
        AdminRoutes.mount(router, db, settings, jobs, audit);
        FirmwareRoutes.mount(router, firmware, new FirmwareTargets(firmware, vendors, db.fetches()), db.devices(),
                db.fetches(), settings, audit);
        PhonebookRoutes.mount(router, phonebook, audit, clock);
        routeTable = router.table();
    }

    /** Starts the add-on's own HTTP listener from {@code [http]}. */
    public synchronized void start() {
        if (!config.http().enabled() || server != null) {
            return;
        }
        server = Javalin.create(cfg -> configure(cfg)).start(config.http().bind(), config.http().port());
        LOG.info("endpoint manager serving on {}:{} (provisioning under /provision/, console API under {})",
                config.http().bind(), server.port(), ConsoleRouter.BASE);
        host.listenersChanged(List.of(new HostContext.Listener("http", "tcp", config.http().bind(), server.port())));
    }

    private void configure(JavalinConfig cfg) {
        cfg.startup.showJavalinBanner = false;
        cfg.http.maxRequestSize = 1_000_000L;
        mount(cfg.routes);
    }

    /** The port the own listener is bound to (useful with port 0). */
    public int port() {
        if (server == null) {
            throw new IllegalStateException("the HTTP listener is not started");
        }
        return server.port();
    }

    /** The console routes that are mounted, with their permissions. */
    public List<ConsoleRouter.Route> consoleRoutes() {
        return routeTable;
    }

    /** The vendor registry. */
    public VendorRegistry vendors() {
        return vendors;
    }

    /** The database. */
    public Database database() {
        return db;
    }

    /** The live settings. */
    public SettingsService settings() {
        return settings;
    }

    /** The outbound address guard every outbound connection passes. */
    public OutboundAddressGuard outboundGuard() {
        return outboundGuard;
    }

    /** The job runner. */
    public JobRunner jobs() {
        return jobs;
    }

    /** The provisioning service (HTTP and TFTP answer through it). */
    public ProvisioningService provisioning() {
        return provisioning;
    }

    /** The firmware repository. */
    public FirmwareRepository firmware() {
        return firmware;
    }

    /** The phonebook (host extensions and external sources). */
    public PhonebookService phonebook() {
        return phonebook;
    }

    /** The TFTP service (running while {@code [tftp] enabled} and the {@code tftp_enabled} setting are on). */
    public TftpService tftp() {
        return tftp;
    }

    @Override
    public synchronized void close() {
        tftp.close();
        phonebook.close();
        if (server != null) {
            server.stop();
            server = null;
        }
        jobs.close();
        db.close();
        LOG.info("endpoint manager stopped");
    }
}
