package org.endpointmanager.core.provisioning;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.profile.Profile;
import org.endpointmanager.api.render.TemplateEngine;
import org.endpointmanager.api.vendor.FileKind;
import org.endpointmanager.api.vendor.FileRequest;
import org.endpointmanager.api.vendor.ModelInfo;
import org.endpointmanager.api.vendor.PhoneIdentity;
import org.endpointmanager.api.vendor.RenderContext;
import org.endpointmanager.api.vendor.RenderedFile;
import org.endpointmanager.api.vendor.RequestInfo;
import org.endpointmanager.api.vendor.VendorPlugin;
import org.endpointmanager.core.firmware.FirmwareRecord;
import org.endpointmanager.core.firmware.FirmwareRepository;
import org.endpointmanager.core.firmware.FirmwareTargets;
import org.endpointmanager.core.phonebook.PhonebookService;
import org.endpointmanager.core.render.Placeholders;
import org.endpointmanager.core.render.RenderedFileValidator;
import org.endpointmanager.core.render.SecretMasker;
import org.endpointmanager.core.security.ProvisioningAccessPolicy;
import org.endpointmanager.core.settings.Settings;
import org.endpointmanager.core.settings.SettingsService;
import org.endpointmanager.core.store.Database;
import org.endpointmanager.core.store.DeviceRecord;
import org.endpointmanager.core.store.FetchRecord;
import org.endpointmanager.core.store.RecordIds;
import org.endpointmanager.core.store.FetchedCopy;
import org.endpointmanager.core.store.SiteRecord;
import org.endpointmanager.core.store.TemplateRecord;
import org.endpointmanager.core.vendor.VendorRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one provisioning request, for any transport.
 *
 * <ol>
 *   <li>The file name is checked (one path segment, bounded, plain characters).</li>
 *   <li>A name an admin mapped to a template (seed 002's URI mappings, {@link #useMappedPaths}) is
 *       answered from that template, even when a vendor knows the name too.</li>
 *   <li>A bare MAC in any spelling names the device's main file (seed 001's {@code /provision/<mac>});
 *       otherwise the vendor plug-ins recognise the name, ties broken by the User-Agent's vendor,
 *       then the stored device's vendor, then the MAC's OUI.</li>
 *   <li>A User-Agent MAC that contradicts the path's is refused.</li>
 *   <li>The access policy judges; unknown, refused and unserved files all get the same 404.</li>
 *   <li>The profile is assembled, the file rendered and validated; the fetch is recorded.</li>
 * </ol>
 */
public final class ProvisioningService {

    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningService.class);
    /** A file name phones ask for: 1..128 of {@code A-Z a-z 0-9 . _ : -} (checked on every request, so no regex). */
    static boolean isFileName(String name) {
        int n = name.length();
        if (n < 1 || n > 128) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                    || c == ':' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
    private static final byte[] NOT_FOUND_BODY = "Not Found".getBytes(StandardCharsets.UTF_8);

    private final VendorRegistry vendors;
    private final Database db;
    private final SettingsService settings;
    private final ProfileAssembler assembler;
    private final TemplateEngine templates;
    private final ProvisioningAccessPolicy policy;
    private final Clock clock;
    private volatile UnknownDeviceListener unknownDevices = (mac, userAgent, source) -> { };
    private volatile Observer observer = Observer.NONE;
    private final RenderCache renderCache = new RenderCache(64L * 1024 * 1024);
    private final ThreadLocal<Boolean> lastWasHit = ThreadLocal.withInitial(() -> false);
    private final ThreadLocal<String> lastVendor = ThreadLocal.withInitial(() -> "-");

    /** Told about every answer (the metrics). Must be cheap and must not throw. */
    public interface Observer {
        /** Does nothing. */
        Observer NONE = new Observer() {
        };

        /** An answer: {@code result} is served, not_found, error or locked_out; vendor "-" when none was recognised. */
        default void answered(String vendor, String result) {
        }

        /** A configuration file was produced in {@code nanos}, from the render cache or not. */
        default void rendered(String vendor, long nanos, boolean cacheHit) {
        }
    }

    /** Sets the observer. */
    public void observe(Observer observer) {
        this.observer = Objects.requireNonNull(observer, "observer is null");
    }

    /** Render cache hits and misses since start, and entries held now. */
    public long[] renderCacheStats() {
        return new long[] {renderCache.hits(), renderCache.misses(), renderCache.size()};
    }

    /** Told about a request that named a MAC which is not a device (Discovery records it). */
    @FunctionalInterface
    public interface UnknownDeviceListener {
        /** A request for {@code mac} missed with "unknown device". Must not throw. */
        void unknownDevice(MacAddress mac, Optional<String> userAgent, InetAddress source);
    }

    /** Sets the listener for unknown devices. */
    public void onUnknownDevice(UnknownDeviceListener listener) {
        this.unknownDevices = Objects.requireNonNull(listener, "listener is null");
    }

    /**
     * A file name an admin mapped to a template (seed 002's URI mappings).
     *
     * @param vendor the vendor whose format the file is rendered in
     * @param template the template rendered for it
     * @param pathMac a MAC written in the mapped name; it counts only when it is a stored device
     */
    public record MappedPath(String vendor, TemplateRecord template, Optional<MacAddress> pathMac) {
        /** Rejects nulls. */
        public MappedPath {
            Objects.requireNonNull(vendor, "vendor is null");
            Objects.requireNonNull(template, "template is null");
            Objects.requireNonNull(pathMac, "pathMac is null");
        }
    }

    /** Looks a requested file name up among the admin's URI mappings. */
    @FunctionalInterface
    public interface MappedPaths {
        /** The mapping of exactly this name, if any. Must not throw. */
        Optional<MappedPath> find(String fileName);
    }

    private volatile MappedPaths mappedPaths = name -> Optional.empty();

    /**
     * Sets the URI mappings. A mapped name is answered from its template even when a vendor
     * recognises the name too: the admin asked for it.
     */
    public void useMappedPaths(MappedPaths paths) {
        this.mappedPaths = Objects.requireNonNull(paths, "paths is null");
    }

    private static final Pattern FIRMWARE_PATH = Pattern.compile("firmware/([0-9a-f\\-]{36})/([A-Za-z0-9._\\-]{1,128})");
    private final Optional<FirmwareRepository> firmware;
    private final Optional<FirmwareTargets> firmwareTargets;
    private final Optional<PhonebookService> phonebook;
    private final Map<String, Boolean> hasPhonebook = new ConcurrentHashMap<>();

    /** Creates the service without firmware repository and phonebook. */
    public ProvisioningService(VendorRegistry vendors, Database db, SettingsService settings, ProfileAssembler assembler,
            TemplateEngine templates, ProvisioningAccessPolicy policy, Clock clock) {
        this(vendors, db, settings, assembler, templates, policy, clock, Optional.empty(), Optional.empty());
    }

    /**
     * Creates the service.
     *
     * @param firmware the firmware repository: serves {@code firmware/<id>/<name>} and vendors'
     *     firmware image names, and puts each phone's firmware URL into its profile
     * @param phonebook the phonebook: serves each vendor's phonebook file and puts its URL into profiles
     */
    public ProvisioningService(VendorRegistry vendors, Database db, SettingsService settings, ProfileAssembler assembler,
            TemplateEngine templates, ProvisioningAccessPolicy policy, Clock clock, Optional<FirmwareRepository> firmware,
            Optional<PhonebookService> phonebook) {
        this.firmware = Objects.requireNonNull(firmware, "firmware is null");
        this.firmwareTargets = firmware.map(f -> new FirmwareTargets(f, vendors, db.fetches()));
        this.phonebook = Objects.requireNonNull(phonebook, "phonebook is null");
        this.vendors = Objects.requireNonNull(vendors, "vendors is null");
        this.db = Objects.requireNonNull(db, "db is null");
        this.settings = Objects.requireNonNull(settings, "settings is null");
        this.assembler = Objects.requireNonNull(assembler, "assembler is null");
        this.templates = Objects.requireNonNull(templates, "templates is null");
        this.policy = Objects.requireNonNull(policy, "policy is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    /**
     * One request.
     *
     * @param fileName the requested name below the provisioning base
     * @param userAgent the User-Agent, absent for TFTP
     * @param source client address
     * @param transport {@code http}, {@code https} or {@code tftp}
     * @param presented token, signature and credentials the request carries (none over TFTP)
     */
    public record Request(String fileName, Optional<String> userAgent, InetAddress source, String transport,
            ProvisioningAccessPolicy.Presented presented) {
        /** Rejects nulls. */
        public Request {
            Objects.requireNonNull(fileName, "fileName is null");
            Objects.requireNonNull(userAgent, "userAgent is null");
            Objects.requireNonNull(source, "source is null");
            Objects.requireNonNull(transport, "transport is null");
            Objects.requireNonNull(presented, "presented is null");
        }

        /** A request that presents nothing besides its file name (TFTP, plain HTTP). */
        public Request(String fileName, Optional<String> userAgent, InetAddress source, String transport) {
            this(fileName, userAgent, source, transport, ProvisioningAccessPolicy.Presented.NONE);
        }
    }

    /**
     * The answer.
     *
     * @param status 200, 404 or 500
     * @param contentType content type
     * @param body bytes (empty when {@code file} is present)
     * @param etag strong entity tag of the body (200 only)
     * @param file a file to send instead of {@code body} (firmware images: never read into memory)
     * @param lastModified since when this node has served this content (for {@code If-Modified-Since})
     */
    public record Response(int status, String contentType, byte[] body, Optional<String> etag, Optional<Path> file,
            Optional<java.time.Instant> lastModified) {
        /** Rejects nulls. */
        public Response {
            Objects.requireNonNull(contentType, "contentType is null");
            Objects.requireNonNull(body, "body is null");
            Objects.requireNonNull(etag, "etag is null");
            Objects.requireNonNull(file, "file is null");
            Objects.requireNonNull(lastModified, "lastModified is null");
        }

        /** A response without Last-Modified. */
        public Response(int status, String contentType, byte[] body, Optional<String> etag, Optional<Path> file) {
            this(status, contentType, body, etag, file, Optional.empty());
        }

        /** A response with an in-memory body. */
        public Response(int status, String contentType, byte[] body, Optional<String> etag) {
            this(status, contentType, body, etag, Optional.empty());
        }

        static Response notFound() {
            return new Response(404, "text/plain; charset=utf-8", NOT_FOUND_BODY, Optional.empty());
        }

        static Response error() {
            return new Response(500, "text/plain; charset=utf-8",
                    "Internal Server Error".getBytes(StandardCharsets.UTF_8), Optional.empty());
        }
    }

    /** The access policy every request passes. */
    public ProvisioningAccessPolicy policy() {
        return policy;
    }

    /** Serves one request. Never throws for anything the client sent. */
    public Response serve(Request request) {
        if (policy.lockedOut(request.source())) {
            // no lookup, no log line: a locked-out address costs nothing (its lock-out was logged once)
            observer.answered("-", "locked_out");
            return Response.notFound();
        }
        lastVendor.set("-");
        Response r = serveChecked(request);
        observer.answered(lastVendor.get(), r.status() == 200 ? "served" : r.status() == 404 ? "not_found" : "error");
        return r;
    }

    private Response serveChecked(Request request) {
        InetAddress ip = request.source();
        String name = request.fileName();
        if (name.startsWith("firmware/")) {
            Matcher fw = FIRMWARE_PATH.matcher(name);
            if (fw.matches()) {
                return serveFirmwarePath(request, fw.group(1), ip);
            }
        }
        if (!isFileName(name)) {
            return miss(ip, Optional.empty(), "-", "malformed file name");
        }
        Optional<String> ua = request.userAgent().map(u -> u.length() > 512 ? u.substring(0, 512) : u);
        Optional<MacAddress> bareMac = MacAddress.tryParse(name);
        Optional<MappedPath> mapped = mappedPaths.find(name);
        Resolved resolved;
        if (mapped.isPresent()) {
            Optional<Resolved> r = resolveMapped(mapped.get(), name, ua);
            if (r.isEmpty()) {
                return miss(ip, Optional.empty(), name, "mapped vendor " + mapped.get().vendor() + " is not installed");
            }
            resolved = r.get();
        } else if (bareMac.isPresent()) {
            Optional<DeviceRecord> device = db.devices().findByMac(bareMac.get());
            Optional<VendorPlugin> plugin = device.flatMap(d -> vendors.find(d.vendor()));
            if (plugin.isEmpty()) {
                unknown(bareMac.get(), ua, request.source());
                return miss(ip, bareMac, name, "unknown device");
            }
            Optional<PhoneIdentity> identity = ua.flatMap(u -> safeParseUa(plugin.get(), u));
            resolved = new Resolved(plugin.get(), new FileRequest(FileKind.DEVICE, name, bareMac, Optional.empty(), identity));
        } else {
            Optional<Resolved> r = recognise(name, ua, request.transport());
            if (r.isEmpty()) {
                return miss(ip, Optional.empty(), name, "no vendor recognises the file name");
            }
            resolved = r.get();
        }
        FileRequest fr = resolved.request();
        lastVendor.set(resolved.plugin().id());
        Optional<MacAddress> mac = fr.mac();
        Optional<MacAddress> uaMac = fr.identity().flatMap(PhoneIdentity::mac);
        if (mac.isPresent() && uaMac.isPresent() && !mac.get().equals(uaMac.get())) {
            return miss(ip, mac, name, "User-Agent MAC " + uaMac.get() + " contradicts the path");
        }
        Optional<MacAddress> subject = mac.or(() -> uaMac);
        ProvisioningAccessPolicy.Decision decision = policy.check(new ProvisioningAccessPolicy.Attempt(
                request.source(), subject, request.transport(), fr.kind(), name, request.presented()));
        if (!decision.allowed()) {
            return miss(ip, subject, name, decision.reason());
        }
        if (fr.kind() == FileKind.NOT_SERVED) {
            return miss(ip, subject, name, "file kind " + fr.kind() + " is not served here");
        }
        try {
            if (fr.kind() == FileKind.PHONEBOOK) {
                return servePhonebook(resolved, subject, ip);
            }
            if (fr.kind() == FileKind.FIRMWARE && isImageName(resolved.plugin(), name)) {
                return serveFirmwareImage(resolved, subject, ip);
            }
            if (fr.kind() == FileKind.FIRMWARE && firmwareTargets.flatMap(t -> t.target(resolved.plugin().id(), fr.model(),
                    subject, fr.identity())).isEmpty()) {
                return miss(ip, subject, name, "no firmware for " + resolved.plugin().id() + " " + fr.model().orElse("*"));
            }
            Response served = render(request, resolved, subject, ip);
            if (served.status() == 200) {
                policy.served(decision);
            }
            return served;
        } catch (ProvisioningException | IllegalArgumentException e) {
            LOG.error("provision failed mac={} file={} vendor={} ip={} reason={}", subject.map(MacAddress::colons).orElse("-"),
                    name, resolved.plugin().id(), ip.getHostAddress(), e.getMessage());
            return Response.error();
        }
    }

    private Response render(Request request, Resolved resolved, Optional<MacAddress> subject, InetAddress source) {
        String ip = source.getHostAddress();
        FileRequest fr = resolved.request();
        long started = System.nanoTime();
        Optional<RenderCache.Entry> produced = produceCached(resolved);
        if (produced.isEmpty()) {
            subject.ifPresent(m -> unknown(m, request.userAgent(), request.source()));
            return miss(source, subject, fr.fileName(), "unknown device");
        }
        RenderCache.Entry entry = produced.get();
        Produced p = entry.produced();
        observer.rendered(resolved.plugin().id(), System.nanoTime() - started, lastWasHit.get());
        if (subject.isPresent()) {
            var now = clock.instant();
            db.fetches().record(new FetchRecord(RecordIds.timeOrdered(now), subject.get(), now, ip,
                    request.userAgent(), fr.fileName(), p.hash(), fr.identity().flatMap(PhoneIdentity::firmware),
                    request.transport()));
            db.fetches().keepCopy(new FetchedCopy(subject.get(), p.copyName(), p.hash(), p.maskedBody(), now));
        }
        LOG.info("provision served mac={} file={} vendor={} kind={} ip={} transport={}",
                subject.map(MacAddress::colons).orElse("-"), fr.fileName(), resolved.plugin().id(), fr.kind(), ip,
                request.transport());
        return new Response(200, p.file().contentType(), entry.bytes(), Optional.of("\"" + p.hash() + "\""),
                Optional.empty(), Optional.of(entry.since()));
    }

    /**
     * A rendered, validated file with its masked twin.
     *
     * @param plugin the vendor
     * @param request the recognised file
     * @param file the file as a phone gets it
     * @param hash sha256 hex of the bytes served
     * @param maskedBody the body with every secret of the profile masked
     * @param copyName the name its masked copy is kept under: a device's main file always under the
     *     vendor's own file name, however the phone asked for it
     */
    public record Produced(VendorPlugin plugin, FileRequest request, RenderedFile file, String hash, String maskedBody,
            String copyName) {
    }

    /** Renders and validates one recognised file; empty when a DEVICE file names no device of that vendor. */
    private Optional<Produced> produce(Resolved resolved) {
        return produceCached(resolved).map(RenderCache.Entry::produced);
    }

    /** {@link #produce}, through the render cache. */
    private Optional<RenderCache.Entry> produceCached(Resolved resolved) {
        FileRequest fr = resolved.request();
        VendorPlugin plugin = resolved.plugin();
        Settings s = settings.current();
        Set<String> sections = rawSections();
        Optional<DeviceRecord> device = Optional.empty();
        ProfileAssembler.Assembled assembled;
        Optional<ModelInfo> model;
        Optional<TemplateRecord> template;
        if (fr.kind() == FileKind.DEVICE) {
            device = db.devices().findByMac(fr.mac().orElseThrow()).filter(d -> d.vendor().equals(plugin.id()));
            if (device.isEmpty()) {
                return Optional.empty();
            }
            DeviceRecord d = device.get();
            model = vendors.catalog(plugin.id()).model(d.model());
            template = resolved.mapped().isPresent() ? resolved.mapped() : templateFor(d);
            assembled = assembler.forDevice(d, template, s, model, sections);
        } else {
            var catalog = vendors.catalog(plugin.id());
            model = fr.model().flatMap(catalog::model)
                    .or(() -> fr.identity().flatMap(PhoneIdentity::model).flatMap(catalog::model));
            template = resolved.mapped().isPresent() ? resolved.mapped() : siteTemplate(SiteRecord.DEFAULT_ID);
            assembled = assembler.forCommon(template, s, sections);
        }
        assembled = new ProfileAssembler.Assembled(withDownloads(assembled.profile(), plugin, fr, device, s),
                assembled.raw());
        String baseUrl = policy.baseUrlFor(device.map(DeviceRecord::mac), s.provisionUrlBase());
        String key = renderCache.key(plugin.id(), fr, device, model, assembled.profile(), assembled.raw(), template, s,
                baseUrl);
        Optional<DeviceRecord> dev = device;
        Optional<ModelInfo> mod = model;
        ProfileAssembler.Assembled asm = assembled;
        boolean[] rendered = {false};
        RenderCache.Entry entry = renderCache.get(key, () -> {
            rendered[0] = true;
            RenderedFile file = renderAndValidate(plugin, fr, dev, mod, asm, template, s, baseUrl);
            String copyName = resolved.mapped().isPresent() ? fr.fileName()
                    : dev.map(d -> plugin.deviceConfigFileName(d.mac(), d.model())).orElse(fr.fileName());
            List<org.endpointmanager.api.Secret> secrets = new java.util.ArrayList<>(asm.profile().secrets());
            dev.flatMap(d -> policy.tokenOf(d.mac())).ifPresent(secrets::add);
            byte[] bytes = file.bytes();
            return new RenderCache.Entry(new Produced(plugin, fr, file, sha256(bytes),
                    SecretMasker.mask(file.body(), secrets), copyName), bytes,
                    clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        });
        lastWasHit.set(!rendered[0]);
        return Optional.of(entry);
    }

    private RenderedFile renderAndValidate(VendorPlugin plugin, FileRequest fr, Optional<DeviceRecord> device,
            Optional<ModelInfo> model, ProfileAssembler.Assembled assembled, Optional<TemplateRecord> template, Settings s) {
        return renderAndValidate(plugin, fr, device, model, assembled, template, s,
                policy.baseUrlFor(device.map(DeviceRecord::mac), s.provisionUrlBase()));
    }

    private RenderedFile renderAndValidate(VendorPlugin plugin, FileRequest fr, Optional<DeviceRecord> device,
            Optional<ModelInfo> model, ProfileAssembler.Assembled assembled, Optional<TemplateRecord> template, Settings s,
            String baseUrl) {
        Optional<String> custom = template.flatMap(TemplateRecord::customTemplate)
                .filter(t -> template.get().vendor().map(plugin.id()::equals).orElse(true))
                .filter(t -> fr.kind() == FileKind.DEVICE || fr.kind() == FileKind.COMMON)
                .map(Placeholders::toMustache);
        RenderContext bare = new RenderContext(fr, device.map(DeviceRecord::toDevice), model, assembled.profile(),
                assembled.raw(), baseUrl, custom, templates);
        RenderContext ctx = new RenderContext(fr, bare.device(), model, bare.profile(), bare.raw(),
                bare.provisioningBaseUrl(), custom,
                Placeholders.withValues(templates, Placeholders.values(bare, s.pbxHost(), s.pbxPort())));
        RenderedFile file = plugin.render(ctx);
        RenderedFileValidator.validate(file);
        return file;
    }

    /**
     * Renders a device's file as its phone would get it, without recording a fetch (the console's
     * preview). The file defaults to the device's main file.
     *
     * @throws ProvisioningException when the file cannot be rendered (the message says why)
     * @throws IllegalArgumentException when the file is not one of the device vendor's files
     */
    public Produced preview(DeviceRecord device, Optional<String> fileName) {
        VendorPlugin plugin = vendors.require(device.vendor());
        String name = fileName.orElse(plugin.deviceConfigFileName(device.mac(), device.model()));
        if (!isFileName(name)) {
            throw new IllegalArgumentException("file name may contain only letters, digits and . _ : -");
        }
        FileRequest fr = MacAddress.tryParse(name).isPresent()
                ? FileRequest.deviceConfig(device.mac())
                : plugin.recognize(new RequestInfo(name, Optional.empty(), "http"))
                        .orElseThrow(() -> new IllegalArgumentException("'" + name + "' is not a " + plugin.id() + " file"));
        if (fr.mac().isPresent() && !fr.mac().get().equals(device.mac())) {
            throw new IllegalArgumentException("'" + name + "' names another phone's MAC");
        }
        if (fr.kind() == FileKind.NOT_SERVED || fr.kind() == FileKind.FIRMWARE || fr.kind() == FileKind.PHONEBOOK) {
            throw new IllegalArgumentException("'" + name + "' is not a configuration file");
        }
        return produce(new Resolved(plugin, fr)).orElseThrow(() -> new ProvisioningException("device not found"));
    }

    /**
     * Renders a device's main file as it would be with {@code candidate} (a template not saved yet)
     * as its template, without recording anything: the template editor's preview.
     *
     * @throws ProvisioningException when the file cannot be rendered (the message says why)
     * @throws IllegalArgumentException when the template is for another vendor than the device's
     */
    public Produced previewWith(DeviceRecord device, TemplateRecord candidate) {
        VendorPlugin plugin = vendors.require(device.vendor());
        if (candidate.vendor().isPresent() && !candidate.vendor().get().equals(plugin.id())) {
            throw new IllegalArgumentException("the template is for " + candidate.vendor().get() + ", the phone is a "
                    + plugin.id() + " phone");
        }
        try {
            return produce(new Resolved(plugin, FileRequest.deviceConfig(device.mac()), Optional.of(candidate)))
                    .orElseThrow(() -> new ProvisioningException("device not found"));
        } catch (org.endpointmanager.api.render.TemplateEngine.TemplateException e) {
            throw new ProvisioningException(e.getMessage(), e);
        }
    }

    /**
     * Renders a template (not yet saved) for a sample device of its vendor, or of every installed
     * vendor when it names none, and validates the result, so a template that would hand phones a
     * broken file is refused when saved.
     *
     * @throws IllegalArgumentException naming the vendor and the line that failed
     */
    public void check(TemplateRecord candidate) {
        List<VendorPlugin> targets = candidate.vendor().map(v -> List.of(vendors.require(v))).orElse(vendors.all());
        Settings s = settings.current();
        for (VendorPlugin plugin : targets) {
            var catalog = vendors.catalog(plugin.id());
            ModelInfo model = catalog.models().isEmpty() ? null : catalog.models().get(0);
            String oui = catalog.ouis().stream().sorted().findFirst().orElse("020000");
            MacAddress mac = MacAddress.parse(oui + "000001");
            var now = clock.instant();
            DeviceRecord sample = new DeviceRecord("template-check", mac, plugin.id(), model == null ? "" : model.model(),
                    "Template check", SiteRecord.DEFAULT_ID, Optional.of(candidate.id()), Optional.empty(), "{}", "",
                    List.of(new org.endpointmanager.core.store.LineRecord(1, Optional.empty(), Optional.of("1000"),
                            Optional.of(org.endpointmanager.api.Secret.of("check-secret")), Optional.empty(),
                            Optional.empty(), Optional.empty(), Optional.empty())), now, now);
            FileRequest fr = FileRequest.deviceConfig(mac);
            try {
                ProfileAssembler.Assembled assembled = assembler.forDevice(sample, Optional.of(candidate), s,
                        Optional.ofNullable(model), rawSections());
                renderAndValidate(plugin, fr, Optional.of(sample), Optional.ofNullable(model), assembled,
                        Optional.of(candidate), s);
            } catch (ProvisioningException | IllegalArgumentException | org.endpointmanager.api.render.TemplateEngine.TemplateException e) {
                throw new IllegalArgumentException(plugin.id() + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Adds the phone's firmware URL (the repository's choice for its vendor, model and hardware
     * revision) and the vendor's phonebook URL, unless the template or device set their own.
     */
    private Profile withDownloads(Profile profile, VendorPlugin plugin, FileRequest fr, Optional<DeviceRecord> device,
            Settings s) {
        Profile.Builder b = profile.toBuilder();
        if (profile.firmwareUrl().isEmpty() && firmwareTargets.isPresent()) {
            Optional<String> model = device.map(DeviceRecord::model).or(fr::model);
            firmwareTargets.get().target(plugin.id(), model, fr.mac(), fr.identity())
                    .ifPresent(f -> b.firmwareUrl(FirmwareTargets.url(s.provisionUrlBase(), f)));
        }
        if (profile.phonebookUrl().isEmpty() && phonebook.isPresent() && rendersPhonebook(plugin)) {
            b.phonebookUrl(s.provisionUrlBase() + "/" + plugin.phonebookFileName());
        }
        return b.build();
    }

    private boolean rendersPhonebook(VendorPlugin plugin) {
        return hasPhonebook.computeIfAbsent(plugin.id(), id -> {
            try {
                return plugin.renderPhonebook("Directory", List.of()).isPresent();
            } catch (RuntimeException e) {
                return false;
            }
        });
    }

    private Response servePhonebook(Resolved resolved, Optional<MacAddress> subject, InetAddress ip) {
        if (phonebook.isEmpty()) {
            return miss(ip, subject, resolved.request().fileName(), "no phonebook configured");
        }
        Optional<RenderedFile> file = resolved.plugin().renderPhonebook(phonebook.get().title(), phonebook.get().entries());
        if (file.isEmpty()) {
            return miss(ip, subject, resolved.request().fileName(), "vendor has no phonebook format");
        }
        RenderedFileValidator.validate(file.get());
        byte[] bytes = file.get().bytes();
        LOG.info("provision served mac={} file={} vendor={} kind=PHONEBOOK ip={}", subject.map(MacAddress::colons).orElse("-"),
                resolved.request().fileName(), resolved.plugin().id(), ip.getHostAddress());
        return new Response(200, file.get().contentType(), bytes, Optional.of("\"" + sha256(bytes) + "\""));
    }

    private static boolean isImageName(VendorPlugin plugin, String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return plugin.firmwareExtensions().stream().anyMatch(lower::endsWith);
    }

    /** A vendor's own firmware image name (Grandstream {@code gxp2170fw.bin}): the repository's choice for the model. */
    private Response serveFirmwareImage(Resolved resolved, Optional<MacAddress> subject, InetAddress ip) {
        FileRequest fr = resolved.request();
        Optional<FirmwareRecord> target = firmwareTargets.flatMap(t -> t.target(resolved.plugin().id(), fr.model(),
                subject, fr.identity()));
        if (target.isEmpty()) {
            return miss(ip, subject, fr.fileName(), "no firmware for " + resolved.plugin().id() + " " + fr.model().orElse("*"));
        }
        return firmwareResponse(target.get(), subject, ip);
    }

    /** {@code firmware/<id>/<name>}: the row's blob, whatever name the phone appended (P192 is a directory). */
    private Response serveFirmwarePath(Request request, String id, InetAddress ip) {
        Optional<MacAddress> uaMac = Optional.empty();
        if (request.userAgent().isPresent()) {
            String ua = request.userAgent().get();
            String bounded = ua.length() > 512 ? ua.substring(0, 512) : ua;
            for (VendorPlugin p : vendors.all()) {
                Optional<PhoneIdentity> identity = safeParseUa(p, bounded);
                if (identity.isPresent()) {
                    uaMac = identity.get().mac();
                    break;
                }
            }
        }
        ProvisioningAccessPolicy.Decision decision = policy.check(
                new ProvisioningAccessPolicy.Attempt(request.source(), uaMac, request.transport()));
        if (!decision.allowed()) {
            return miss(ip, uaMac, request.fileName(), decision.reason());
        }
        Optional<FirmwareRecord> row = firmware.flatMap(f -> f.find(id));
        if (row.isEmpty()) {
            return miss(ip, uaMac, request.fileName(), "no such firmware");
        }
        return firmwareResponse(row.get(), uaMac, ip);
    }

    private Response firmwareResponse(FirmwareRecord row, Optional<MacAddress> subject, InetAddress ip) {
        Path blob = firmware.orElseThrow().blob(row);
        if (!Files.isRegularFile(blob)) {
            LOG.error("firmware blob missing id={} file={}", row.id(), blob.getFileName());
            return miss(ip, subject, row.fileName(), "firmware file missing");
        }
        LOG.info("provision served mac={} firmware={} vendor={} version={} ip={}", subject.map(MacAddress::colons).orElse("-"),
                row.id(), row.vendor(), row.version(), ip.getHostAddress());
        return new Response(200, "application/octet-stream", new byte[0], Optional.of("\"" + row.sha256() + "\""),
                Optional.of(blob));
    }

    private Optional<TemplateRecord> templateFor(DeviceRecord d) {
        if (d.templateId().isPresent()) {
            return db.templates().find(d.templateId().get());
        }
        return siteTemplate(d.siteId());
    }

    private Optional<TemplateRecord> siteTemplate(String siteId) {
        return db.sites().find(siteId).flatMap(SiteRecord::defaultTemplateId).flatMap(id -> db.templates().find(id));
    }

    /** Raw-parameter sections of the installed vendors, plus {@code debug}. */
    public Set<String> rawSections() {
        Set<String> fromVendors = vendors.rawParameterSections();
        RawSections known = rawSections;
        if (known != null && known.fromVendors() == fromVendors) {
            return known.all(); // asked on every request; the registry hands out a new set after a change
        }
        Set<String> all = new LinkedHashSet<>(fromVendors);
        all.add("debug");
        RawSections fresh = new RawSections(fromVendors, java.util.Collections.unmodifiableSet(all));
        rawSections = fresh;
        return fresh.all();
    }

    private record RawSections(Set<String> fromVendors, Set<String> all) {
    }

    private volatile RawSections rawSections;

    private Optional<Resolved> recognise(String name, Optional<String> ua, String transport) {
        // A browser or curl (seed 002 tells admins to download files in a browser) is no phone:
        // its User-Agent must not make the plug-ins refuse a name as "another vendor's phone".
        // Asked with the User-Agent first: when a plug-in recognised the phone in it, that is what the
        // check below would have concluded, and the common case costs no second round of parsing.
        List<VendorRegistry.Recognised> candidates = vendors.recognise(new RequestInfo(name, ua, transport));
        if (ua.isPresent() && candidates.stream().noneMatch(c -> c.request().identity().isPresent())
                && vendors.all().stream().noneMatch(p -> safeParseUa(p, ua.get()).isPresent())) {
            candidates = vendors.recognise(new RequestInfo(name, Optional.empty(), transport));
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        if (candidates.size() == 1) {
            return Optional.of(new Resolved(candidates.get(0).plugin(), candidates.get(0).request()));
        }
        // Several vendors share a name (<mac>.cfg): the phone's own User-Agent decides first.
        for (VendorRegistry.Recognised c : candidates) {
            if (c.request().identity().isPresent()) {
                return Optional.of(new Resolved(c.plugin(), c.request()));
            }
        }
        Optional<MacAddress> mac = candidates.get(0).request().mac();
        if (mac.isPresent()) {
            Optional<String> stored = db.devices().findByMac(mac.get()).map(DeviceRecord::vendor)
                    .or(() -> vendors.byOui(mac.get().oui()).map(VendorPlugin::id));
            if (stored.isPresent()) {
                for (VendorRegistry.Recognised c : candidates) {
                    if (c.plugin().id().equals(stored.get())) {
                        return Optional.of(new Resolved(c.plugin(), c.request()));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<PhoneIdentity> safeParseUa(VendorPlugin plugin, String ua) {
        try {
            return plugin.parseUserAgent(ua);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private void unknown(MacAddress mac, Optional<String> userAgent, InetAddress source) {
        try {
            unknownDevices.unknownDevice(mac, userAgent, source);
        } catch (RuntimeException e) {
            // Recording a sighting is a side matter: the phone still gets its 404.
            LOG.warn("recording unknown device failed mac={} reason={}", mac.colons(), e.toString());
        }
    }

    private Response miss(InetAddress source, Optional<MacAddress> mac, String name, String reason) {
        policy.recordMiss(source);
        LOG.info("provision miss mac={} file={} ip={} reason={}", mac.map(MacAddress::colons).orElse("-"),
                printable(name), source.getHostAddress(), reason);
        return Response.notFound();
    }

    private static String printable(String s) {
        String t = s.length() > 64 ? s.substring(0, 64) + "..." : s;
        return t.replaceAll("[^A-Za-z0-9._:\\-]", "?");
    }

    private static String sha256(byte[] body) {
        return org.endpointmanager.core.security.Sha256.hex(body);
    }

    /**
     * A mapped name: the device's own file (full profile, secrets included) when the MAC in the name
     * or, failing that, in the User-Agent is a stored device of the mapped vendor; otherwise a file
     * without lines or admin password. The access policy judges either MAC like any other.
     */
    private Optional<Resolved> resolveMapped(MappedPath m, String name, Optional<String> ua) {
        Optional<VendorPlugin> plugin = vendors.find(m.vendor());
        if (plugin.isEmpty()) {
            return Optional.empty();
        }
        Optional<PhoneIdentity> identity = ua.flatMap(u -> vendors.all().stream()
                .map(p -> safeParseUa(p, u)).flatMap(Optional::stream).findFirst());
        Optional<MacAddress> pathMac = m.pathMac().filter(mac -> db.devices().findByMac(mac).isPresent());
        Optional<MacAddress> subject = pathMac.or(() -> identity.flatMap(PhoneIdentity::mac));
        boolean device = subject.flatMap(mac -> db.devices().findByMac(mac))
                .filter(d -> d.vendor().equals(m.vendor())).isPresent();
        Optional<String> model = identity.flatMap(PhoneIdentity::model);
        FileRequest fr = device
                ? new FileRequest(FileKind.DEVICE, name, subject, model, identity)
                : new FileRequest(FileKind.COMMON, name, pathMac, model, identity);
        return Optional.of(new Resolved(plugin.get(), fr, Optional.of(m.template())));
    }

    private record Resolved(VendorPlugin plugin, FileRequest request, Optional<TemplateRecord> mapped) {
        Resolved(VendorPlugin plugin, FileRequest request) {
            this(plugin, request, Optional.empty());
        }
    }
}
