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
import org.endpointmanager.core.binding.SelfBindingService;
import org.endpointmanager.core.config.EndpointManagerConfig;
import org.endpointmanager.core.console.AdminRoutes;
import org.endpointmanager.core.console.CatalogRoutes;
import org.endpointmanager.core.console.ConsoleRouter;
import org.endpointmanager.core.console.NotifyRoutes;
import org.endpointmanager.core.console.DeviceRoutes;
import org.endpointmanager.core.console.DeviceService;
import org.endpointmanager.core.console.PreviewRoutes;
import org.endpointmanager.core.console.DiscoveryRoutes;
import org.endpointmanager.core.discovery.AdoptionListener;
import org.endpointmanager.core.discovery.AdoptionService;
import org.endpointmanager.core.discovery.DiscoveryService;
import org.endpointmanager.core.discovery.JdbiDiscoveryStore;
import org.endpointmanager.core.pnp.PnpController;
import org.endpointmanager.core.console.SiteRoutes;
import org.endpointmanager.core.console.TemplateRoutes;
import org.endpointmanager.core.control.ControlRoutes;
import org.endpointmanager.core.control.DriverService;
import org.endpointmanager.core.control.HttpTimeouts;
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
import org.endpointmanager.core.registrations.PhoneList;
import org.endpointmanager.core.registrations.RegistrationRoutes;
import org.endpointmanager.core.registrations.RegistrationStore;
import org.endpointmanager.core.registrations.RegistrationTracker;
import org.endpointmanager.core.registrations.UserAgentClassifier;
import org.endpointmanager.core.render.MustacheTemplateEngine;
import org.endpointmanager.core.security.Cidr;
import org.endpointmanager.core.security.DeviceAccessStore;
import org.endpointmanager.core.security.HttpsConnectors;
import org.endpointmanager.core.security.ProvisioningAccessRoutes;
import org.endpointmanager.core.security.SourceThrottle;
import org.endpointmanager.core.session.ConsoleSessions;
import org.endpointmanager.core.session.SessionRoutes;
import org.endpointmanager.core.security.OutboundAddressGuard;
import org.endpointmanager.core.security.ProvisioningAccessPolicy;
import org.endpointmanager.core.security.SecretBox;
import org.endpointmanager.core.settings.SettingsService;
import org.endpointmanager.core.sip.NotifyService;
import org.endpointmanager.core.sip.NotifyTargetResolver;
import org.endpointmanager.core.sip.SipSenderProvider;
import org.endpointmanager.core.store.Database;
import org.endpointmanager.core.vendor.CatalogOverrides;
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
    private final SipSenderProvider sipSenders;
    private final NotifyService notify;
    private final DriverService control;
    private final Clock clock;
    private final DiscoveryService discovery;
    private final AdoptionService adoption;
    private final PnpController pnp;
    private volatile AdoptionListener adoptionListener = AdoptionListener.none();
    private final RegistrationTracker registrations;
    private final PhoneList phones;
    private final SelfBindingService selfBinding;
    private final DeviceAccessStore deviceAccess;
    private final ConsoleSessions sessions;
    private final SourceThrottle loginThrottle;
    private final FirmwareRepository firmware;
    private final PhonebookService phonebook;
    private final TftpService tftp;
    private final org.endpointmanager.core.cluster.ClusterNode cluster;
    private final org.endpointmanager.core.metrics.EngineMetrics metrics;
    private final org.endpointmanager.core.urimap.UriMappings uriMappings;
    // built with the engine, not when routes are mounted: each registers how its jobs are resumed
    private final org.endpointmanager.core.control.FleetReboot fleetReboot;
    private final org.endpointmanager.core.control.FleetFirmware fleetFirmware;
    private final org.endpointmanager.core.discovery.DiscoveryScan discoveryScan;
    private volatile List<ConsoleRouter.Route> routeTable = List.of();
    private Javalin server;
    private List<HostContext.Listener> httpListeners = List.of();
    private List<HostContext.Listener> reportedListeners = List.of();

    private EndpointManager(EndpointManagerConfig config, HostContext host, VendorRegistry vendors, Clock clock) {
        this.config = config;
        this.host = host;
        this.vendors = vendors;
        this.clock = clock;
        Path data = host.dataDirectory();
        vendors.applyCatalogAdditions(CatalogOverrides.load(data.resolve("catalog")));
        SecretBox secrets = SecretBox.open(data.resolve(config.secrets().keyFile()),
                Optional.ofNullable(System.getenv(config.secrets().keyEnv())).filter(s -> !s.isBlank()));
        this.db = Database.open(config.database(), data, secrets);
        try {
            org.endpointmanager.core.cluster.KeyGuard.check(db.jdbi(), secrets.keyId());
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        this.cluster = org.endpointmanager.core.cluster.ClusterNode.create(db, clock);
        this.templates = new MustacheTemplateEngine();
        this.settings = new SettingsService(db.settings(),
                SettingsService.seedFrom(config.provisionUrlBase(), config.tftp().enabled(), config.pnp().enabled()),
                this::rawSections);
        this.audit = new AuditLog(db.audit(), clock);
        this.jobs = new JobRunner(db.jobs(), clock, 64, cluster.leases());
        ProfileAssembler assembler = new ProfileAssembler(host.userDirectory(), db.secrets());
        this.deviceAccess = new DeviceAccessStore(db.jdbi(), secrets, clock, db.changes(), 100_000);
        ProvisioningAccessPolicy policy = new ProvisioningAccessPolicy(settings::current, config.provisioning(),
                Optional.of(deviceAccess), this::siteSubnets, clock);
        this.outboundGuard = new OutboundAddressGuard(
                config.control().allowedSubnets().stream().map(Cidr::parse).toList(), config.control().allowLoopback());
        this.firmware = new FirmwareRepository(new FirmwareStore(db.jdbi(), db.changes()), data.resolve("firmware"),
                FirmwareRepository.Limits.ofMegabytes(config.firmware().maxFileMb(), config.firmware().maxTotalMb()),
                id -> vendors.find(id).map(v -> v.firmwareExtensions()), clock);
        this.phonebook = new PhonebookService(new PhonebookSourceStore(db.jdbi()), host.userDirectory(),
                new GuardedHttpFetcher(outboundGuard, Duration.ofSeconds(5), Duration.ofSeconds(20), 5 * 1024 * 1024), clock);
        this.provisioning = new ProvisioningService(vendors, db, settings, assembler, templates, policy, clock,
                Optional.of(firmware), Optional.of(phonebook));
        this.uriMappings = new org.endpointmanager.core.urimap.UriMappings(
                new org.endpointmanager.core.urimap.UriMappingStore(db.jdbi()), db.templates(), vendors, clock);
        provisioning.useMappedPaths(uriMappings);
        this.devices = new DeviceService(db, vendors, host.userDirectory(), audit, this::rawSections, settings::current, clock);
        this.tftp = new TftpService(config.tftp().enabled(), TftpService.options(config.tftp().bind(), config.tftp().port()),
                provisioning);
        phonebook.start(Duration.ofMinutes(1));
        tftp.attach(settings);
        this.discovery = new DiscoveryService(new JdbiDiscoveryStore(db.jdbi()), vendors, db.devices(), clock);
        provisioning.onUnknownDevice((mac, ua, source) -> discovery.recordProvisioningMiss(mac, ua, source));
        this.adoption = new AdoptionService(discovery, devices, audit, () -> adoptionListener);
        this.pnp = PnpController.create(config, vendors, settings, db.devices(), discovery);
        cluster.wire(settings, policy.throttle(), pnp);
        // Digest nonces in the database even with one node: a challenge is answered on any node
        policy.httpAuthenticator().share(cluster.nonces());
        this.metrics = org.endpointmanager.core.metrics.EngineMetrics.create(db, provisioning, policy, jobs, cluster);
        // page sessions live in the database, so any node serves a cookie another node handed out
        this.sessions = ConsoleSessions.shared(clock, db.jdbi(), db.changes());
        this.loginThrottle = new SourceThrottle(new SourceThrottle.Limits("console-login", 10, Duration.ofMinutes(5),
                Duration.ofMinutes(15), 10_000, Duration.ZERO), a -> false, clock);
        this.control = new DriverService(db, vendors, provisioning, outboundGuard, HttpTimeouts.defaults(), clock);
        this.sipSenders = new SipSenderProvider(host.sipSender(), config.sip());
        this.notify = new NotifyService(db, vendors, host.userDirectory(),
                new NotifyTargetResolver(host.registrationFeed(), host.userDirectory(), db.fetches(), clock),
                sipSenders, jobs, audit, config.sip());
        this.fleetReboot = new org.endpointmanager.core.control.FleetReboot(db, control, notify, host.userDirectory(),
                jobs, audit);
        this.fleetFirmware = new org.endpointmanager.core.control.FleetFirmware(db, control, firmware,
                new FirmwareTargets(firmware, vendors, db.fetches()), notify, host.userDirectory(), jobs, audit,
                () -> settings.current().provisionUrlBase(),
                org.endpointmanager.core.control.FleetFirmware.Polling.defaults(), clock);
        this.discoveryScan = new org.endpointmanager.core.discovery.DiscoveryScan(outboundGuard, discovery, vendors,
                jobs, audit);
        ControlRoutes.registerResumable(jobs, control);
        // cluster-wide periodic work runs on the node holding the maintenance lease
        phonebook.onlyWhen(cluster::leadsMaintenance);
        RegistrationStore registrationStore = new RegistrationStore(db.jdbi());
        this.registrations = new RegistrationTracker(registrationStore, new UserAgentClassifier(vendors), db.devices(), clock);
        this.phones = new PhoneList(db, registrationStore, vendors, host.userDirectory(), clock);
        this.selfBinding = new SelfBindingService(db, vendors, host.userDirectory(), audit, settings::current, clock);
        registrations.onUnknownPhone(this::discoverRegisteredPhone);
        registrations.onlyWhen(cluster::leadsMaintenance);
        registrations.start(host.registrationFeed());
        host.registerDialHook(selfBinding);
        // An adopted or self-bound phone is told to fetch its new configuration at once.
        this.adoptionListener = mac -> resyncNow(mac, "discovery.adopt");
        selfBinding.onBound(mac -> resyncNow(mac, "binding.star_code"));
    }

    private void resyncNow(org.endpointmanager.api.MacAddress mac, String why) {
        notify.submit(org.endpointmanager.core.sip.NotifyAction.RESYNC, List.of(mac.colons()),
                new JobRunner.Options(1, java.time.Duration.ZERO), "system:" + why, "device");
    }

    /** A hardware phone registered but is not provisioned: record it in Discovery (its checks and caps apply). */
    private void discoverRegisteredPhone(org.endpointmanager.core.registrations.SeenPhone seen) {
        Optional<java.net.InetAddress> source = Cidr.literal(seen.sourceIp()).flatMap(bytes -> {
            try {
                return Optional.of(java.net.InetAddress.getByAddress(bytes));
            } catch (java.net.UnknownHostException e) {
                return Optional.empty();
            }
        });
        if (source.isEmpty()) {
            return;
        }
        Optional<String> firmware = vendors.find(seen.vendorId()).flatMap(p -> p.parseUserAgent(seen.userAgent()))
                .flatMap(org.endpointmanager.api.vendor.PhoneIdentity::firmware);
        var outcome = discovery.record(new org.endpointmanager.core.discovery.Sighting(seen.mac(), Optional.of(seen.mac()),
                seen.model(), firmware, source.get(), org.endpointmanager.core.discovery.SightingSource.REGISTRATION));
        if (outcome == org.endpointmanager.core.discovery.DiscoveryService.Outcome.RECORDED && settings.current().autoBind()) {
            autoBind(seen);
        }
    }

    /**
     * {@code auto_bind}: a phone the host's registrar accepted as an extension (so it holds that
     * extension's credentials already) is adopted bound to it, as an admin's adoption would; it is
     * then told to fetch its configuration. A refusal (the extension is not in the host's
     * directory, the MAC was taken meanwhile) leaves the phone in Discovery, with one log line.
     */
    private void autoBind(org.endpointmanager.core.registrations.SeenPhone seen) {
        try {
            adoption.adopt(seen.mac(), new org.endpointmanager.core.discovery.AdoptionRequest(seen.extension(),
                    Optional.empty(), Optional.empty(), Optional.empty(), seen.model()), "system:auto_bind");
            // the adoption logs and audits itself, by system:auto_bind
        } catch (RuntimeException e) {
            LOG.warn("auto-bind refused mac={} extension={} reason={}", seen.mac().colons(), seen.extension(),
                    e.getMessage());
        }
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

    private List<Cidr> siteSubnets(org.endpointmanager.api.MacAddress mac) {
        return db.devices().findByMac(mac).flatMap(d -> db.sites().find(d.siteId()))
                .filter(site -> !site.subnets().isEmpty()) // most sites name none: nothing to parse
                .map(site -> site.subnets().stream().map(Cidr::parse).toList()).orElse(List.of());
    }

    private Set<String> rawSections() {
        return provisioning == null ? Set.of("debug") : provisioning.rawSections();
    }

    /** Mounts every route onto a Javalin configuration (own server or a host's app). */
    public void mount(RoutesConfig routes) {
        routes.get("/healthz", ctx -> Responses.json(ctx, Json.object().put("status", "ok")));
        ProvisioningRoutes.mount(routes, provisioning);
        ConsoleRouter router = new ConsoleRouter(routes, host.consoleAuthenticator(), sessions);
        metrics.mount(router);
        SessionRoutes.mount(routes, router, host.consoleAuthenticator(), loginThrottle);
        ProvisioningAccessRoutes.mount(router, devices, provisioning, deviceAccess,
                () -> settings.current().provisionUrlBase(), audit, clock, loginThrottle::stats);
        DeviceRoutes.mount(router, devices);
        PreviewRoutes.mount(router, db, devices, provisioning);
        CatalogRoutes.mount(router, vendors, host.dataDirectory().resolve("catalog"), audit);
        SiteRoutes.mount(router, db, audit, clock);
        TemplateRoutes.mount(router, db, vendors, templates, this::rawSections, provisioning, audit, clock);
        AdminRoutes.mount(router, db, settings, jobs, audit);
        DiscoveryRoutes.mount(router, discovery, adoption);
        org.endpointmanager.core.discovery.DiscoveryScanRoutes.mount(router, discoveryScan);
        RegistrationRoutes.mount(router, phones);
        NotifyRoutes.mount(router, notify, db, Optional.of(fleetReboot));
        ControlRoutes.mount(router, control, devices, jobs, audit);
        org.endpointmanager.core.control.FleetFirmwareRoutes.mount(router, fleetFirmware);
        FirmwareRoutes.mount(router, firmware, new FirmwareTargets(firmware, vendors, db.fetches()), db.devices(),
                db.fetches(), settings, audit);
        PhonebookRoutes.mount(router, phonebook, audit, clock);
        org.endpointmanager.core.console.UriMappingRoutes.mount(router, uriMappings, db.templates(),
                () -> settings.current().provisionUrlBase(), audit, clock);
        org.endpointmanager.core.console.ExampleTemplateRoutes.mount(router, db, vendors, provisioning, audit, clock);
        org.endpointmanager.core.console.ProvisioningUrlRoutes.mount(router, vendors, db.devices(), provisioning.policy(),
                deviceAccess, () -> settings.current().provisionUrlBase(), tftp::port, audit);
        org.endpointmanager.core.pages.CsvRoutes.mount(router, db, devices);
        org.endpointmanager.core.pages.PageRoutes.mount(routes, router, db, vendors, phones);
        routeTable = router.table();
    }

    /** Starts the add-on's own HTTP listener from {@code [http]}. */
    public synchronized void start() {
        cluster.start();
        jobs.startResuming(cluster::leadsMaintenance); // every resume factory is registered by now
        pnp.start(settings);
        // registered after PnP and TFTP, so it reports what their own listeners just switched
        settings.addListener(s -> reportListeners());
        if (!config.http().enabled() || server != null) {
            reportListeners();
            return;
        }
        if (config.tls().keystore().isPresent()) {
            server = Javalin.create(cfg -> {
                configure(cfg);
                HttpsConnectors.add(cfg, config.http().bind(), config.http().port(), config.tls(),
                        host.configDirectory());
            }).start();
        } else {
            server = Javalin.create(cfg -> configure(cfg)).start(config.http().bind(), config.http().port());
        }
        httpListeners = HttpsConnectors.listeners(server, config.http().bind());
        LOG.info("endpoint manager serving on {} (provisioning under /provision/, console API under {})",
                httpListeners, ConsoleRouter.BASE);
        reportListeners();
    }

    /**
     * Tells the host every port the add-on listens on (so it can open its firewall, as seed 002 does),
     * again whenever the set changes: PnP and TFTP are switched at runtime by the settings.
     */
    private synchronized void reportListeners() {
        List<HostContext.Listener> all = new java.util.ArrayList<>(httpListeners);
        if (!sipSenders.usesHost() && config.sip().port() > 0) {
            all.add(new HostContext.Listener("sip", "udp", config.sip().bind(), config.sip().port()));
        }
        pnp.port().ifPresent(port -> all.add(new HostContext.Listener("pnp", "udp",
                config.pnp().group(), port)));
        tftp.port().ifPresent(port -> all.add(new HostContext.Listener("tftp", "udp", config.tftp().bind(), port)));
        if (!all.equals(reportedListeners)) {
            reportedListeners = List.copyOf(all);
            host.listenersChanged(reportedListeners);
        }
    }

    private void configure(JavalinConfig cfg) {
        cfg.startup.showJavalinBanner = false;
        cfg.http.maxRequestSize = 1_000_000L;
        // Jetty remembers header values per connection to parse repeats faster; a phone's User-Agent
        // names its MAC, so on a provisioning port nearly every value is new and the cache only costs
        cfg.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheSize(0));
        // phones' requests skip the servlet layer on the own listener; Javalin wraps in behind it
        cfg.jetty.modifyServer(server -> server.setHandler(
                new org.endpointmanager.core.provisioning.ProvisioningHandler(provisioning)));
        mount(cfg.routes);
    }

    /** The port the own listener is bound to (useful with port 0). */
    public int port() {
        if (server == null) {
            throw new IllegalStateException("the HTTP listener is not started");
        }
        return server.port();
    }

    /** The port the HTTPS listener is bound to, when TLS is configured. */
    public Optional<Integer> httpsPort() {
        if (server == null) {
            throw new IllegalStateException("the HTTP listener is not started");
        }
        return HttpsConnectors.httpsPort(server);
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

    /** Per-phone control through the vendors' device drivers (push config, reboot, reset, firmware, status). */
    public DriverService control() {
        return control;
    }

    /** This node's part in a cluster (change log poll, leases). */
    public org.endpointmanager.core.cluster.ClusterNode cluster() {
        return cluster;
    }

    /** The Prometheus metrics. */
    public org.endpointmanager.core.metrics.EngineMetrics metrics() {
        return metrics;
    }

    /** The job runner. */
    public JobRunner jobs() {
        return jobs;
    }

    /** The provisioning service (HTTP and TFTP answer through it). */
    public ProvisioningService provisioning() {
        return provisioning;
    }

    /** Discovery: phones seen but not adopted; registrations report unknown phones here. */
    public DiscoveryService discovery() {
        return discovery;
    }

    /** SIP multicast PnP; hosts that receive the SUBSCRIBEs themselves call its {@code handle}. */
    public PnpController pnp() {
        return pnp;
    }

    /** Sets what happens after an adoption (the NOTIFY service's resync). */
    public void onAdoption(AdoptionListener listener) {
        this.adoptionListener = Objects.requireNonNull(listener, "listener is null");
    }

    /** The registration tracker (Discovery subscribes to unknown phones here). */
    public RegistrationTracker registrations() {
        return registrations;
    }

    /** Star-code self-binding (the NOTIFY service wires its resync in {@code onBound}). */
    public SelfBindingService selfBinding() {
        return selfBinding;
    }

    /** Resync and reboot by SIP NOTIFY. */
    public NotifyService notifications() {
        return notify;
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
        cluster.close();
        pnp.close();
        tftp.close();
        phonebook.close();
        if (server != null) {
            server.stop();
            server = null;
        }
        registrations.close();
        jobs.close();
        sipSenders.close();
        db.close();
        LOG.info("endpoint manager stopped");
    }
}
