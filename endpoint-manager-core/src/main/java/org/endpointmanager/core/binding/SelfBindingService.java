package org.endpointmanager.core.binding;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.Secret;
import org.endpointmanager.api.host.DialHook;
import org.endpointmanager.api.host.DialResult;
import org.endpointmanager.api.host.Extension;
import org.endpointmanager.api.host.UserDirectory;
import org.endpointmanager.api.vendor.PhoneIdentity;
import org.endpointmanager.api.vendor.VendorPlugin;
import org.endpointmanager.core.audit.AuditLog;
import org.endpointmanager.core.http.Json;
import org.endpointmanager.core.registrations.UserAgentClassifier;
import org.endpointmanager.core.security.Cidr;
import org.endpointmanager.core.settings.Settings;
import org.endpointmanager.core.store.Database;
import org.endpointmanager.core.store.DeviceRecord;
import org.endpointmanager.core.store.LineRecord;
import org.endpointmanager.core.store.SiteRecord;
import org.endpointmanager.core.store.StoreException;
import org.endpointmanager.core.vendor.VendorRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Star-code self-binding: the host's {@link DialHook}. A phone dials the {@code star_code}
 * setting, an extension, {@code *} and that extension's PIN ({@link UserDirectory#bindingPin});
 * the phone (its MAC from the User-Agent, else from the one phone that fetched from its address
 * within {@link #FETCH_WINDOW}) is created or has its line 1 rebound to the extension, the change
 * is audited as {@code phone:<mac>}, and the resync hook is called.
 *
 * <p>Unlike seed 002, a binding always needs the PIN: no PIN, a wrong PIN, an unknown extension
 * and an extension without a PIN all get the same refusal, and count towards the per-address
 * {@link PinThrottle}.
 */
public final class SelfBindingService implements DialHook {

    /** How far back a provisioning fetch from the caller's address identifies it. */
    public static final Duration FETCH_WINDOW = Duration.ofMinutes(15);

    private static final Logger LOG = LoggerFactory.getLogger(SelfBindingService.class);
    private static final String REFUSAL = "wrong extension or PIN";

    private final Database db;
    private final VendorRegistry vendors;
    private final UserDirectory users;
    private final AuditLog audit;
    private final Supplier<Settings> settings;
    private final Clock clock;
    private final PinThrottle throttle;
    private final RecentFetches fetches;
    private volatile Consumer<MacAddress> resyncHook = mac ->
            LOG.info("self-binding: {} bound; no resync sender is wired, the phone picks it up at its next boot", mac);

    /** Creates the service; the resync hook logs only until {@link #onBound} replaces it. */
    public SelfBindingService(Database db, VendorRegistry vendors, UserDirectory users, AuditLog audit,
            Supplier<Settings> settings, Clock clock) {
        this.db = Objects.requireNonNull(db, "db is null");
        this.vendors = Objects.requireNonNull(vendors, "vendors is null");
        this.users = Objects.requireNonNull(users, "users is null");
        this.audit = Objects.requireNonNull(audit, "audit is null");
        this.settings = Objects.requireNonNull(settings, "settings is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.throttle = new PinThrottle(clock);
        this.fetches = new RecentFetches(db.jdbi(), db.fetches()::flush);
    }

    /**
     * The resync hook: called with the MAC after each successful binding, so the phone re-fetches
     * its configuration (the engine wires the NOTIFY service here).
     */
    public void onBound(Consumer<MacAddress> hook) {
        this.resyncHook = Objects.requireNonNull(hook, "hook is null");
    }

    @Override
    public Optional<DialResult> dialled(String digits, String sourceAddress, Optional<String> userAgent) {
        Objects.requireNonNull(sourceAddress, "sourceAddress is null");
        StarCode.Parsed parsed = StarCode.parse(settings.get().starCode(), digits);
        if (parsed instanceof StarCode.NotOurs) {
            return Optional.empty();
        }
        if (!settings.get().enabled()) {
            return Optional.of(DialResult.refused("self-binding is switched off"));
        }
        String source = sourceAddress.length() > 64 ? sourceAddress.substring(0, 64) : sourceAddress;
        if (throttle.locked(source)) {
            LOG.warn("self-binding refused from {}: locked out after repeated wrong PINs", source);
            return Optional.of(DialResult.retryLater("too many wrong PINs; try again later"));
        }
        if (!(parsed instanceof StarCode.Dialled dialled)) {
            return Optional.of(wrong(source, "?", "digits after the star code are not <extension>*<pin>"));
        }
        StarCode code = dialled.code();
        Optional<Extension> extension = users.find(code.extension());
        Optional<Secret> expected = extension.flatMap(x -> users.bindingPin(x.number())).filter(p -> !p.isEmpty());
        if (extension.isEmpty()) {
            return Optional.of(wrong(source, code.extension(), "no such extension"));
        }
        if (expected.isEmpty()) {
            return Optional.of(wrong(source, code.extension(), "the extension has no binding PIN"));
        }
        if (code.pin().isEmpty()) {
            return Optional.of(wrong(source, code.extension(), "no PIN dialled"));
        }
        if (!sameSecret(code.pin().get(), expected.get().reveal())) {
            return Optional.of(wrong(source, code.extension(), "wrong PIN"));
        }
        throttle.success(source);
        try {
            return Optional.of(bind(extension.get(), source, userAgent.map(UserAgentClassifier::bound)));
        } catch (RuntimeException e) {
            LOG.error("self-binding of extension {} from {} failed: {}", code.extension(), source, e.toString(), e);
            return Optional.of(DialResult.retryLater("binding failed; see the server log"));
        }
    }

    private DialResult wrong(String source, String extension, String why) {
        boolean locked = throttle.failure(source);
        LOG.warn("self-binding refused from {} for extension {}: {}{}", source, extension, why,
                locked ? "; address locked out" : "");
        return DialResult.refused(REFUSAL);
    }

    private DialResult bind(Extension extension, String source, Optional<String> userAgent) {
        Optional<PhoneIdentity> identity = userAgent.flatMap(this::identify);
        Optional<MacAddress> mac = identity.flatMap(PhoneIdentity::mac);
        if (mac.isEmpty()) {
            List<MacAddress> recent = fetches.macsFrom(source, clock.instant().minus(FETCH_WINDOW));
            if (recent.size() > 1) {
                LOG.warn("self-binding from {} for extension {} refused: {} phones fetched from that address recently",
                        source, extension.number(), recent.size());
                return DialResult.retryLater("cannot tell which phone is calling: several phones share this address");
            }
            if (recent.isEmpty()) {
                LOG.warn("self-binding from {} for extension {} refused: no MAC in the User-Agent and no recent fetch",
                        source, extension.number());
                return DialResult.refused("cannot tell which phone is calling");
            }
            mac = Optional.of(recent.get(0));
        }
        MacAddress m = mac.get();
        Optional<DeviceRecord> before = db.devices().findByMac(m);
        Optional<String> vendor = identity.map(PhoneIdentity::vendor).filter(v -> vendors.find(v).isPresent()).or(() -> before.map(DeviceRecord::vendor))
                .or(() -> vendors.byOui(m.oui()).map(VendorPlugin::id));
        if (vendor.isEmpty()) {
            LOG.warn("self-binding of {} refused: no installed vendor knows this phone", m);
            return DialResult.refused("phone vendor not supported");
        }
        Optional<String> model = identity.flatMap(PhoneIdentity::model).filter(s -> !s.isBlank() && s.length() <= 48);
        DeviceRecord after;
        var now = clock.instant();
        Optional<String> ip = Cidr.literal(source).isPresent() ? Optional.of(source) : Optional.empty();
        try {
            if (before.isPresent()) {
                DeviceRecord d = before.get();
                List<LineRecord> lines = new ArrayList<>(d.lines().stream().filter(l -> l.index() != 1).toList());
                Optional<LineRecord> old = d.lines().stream().filter(l -> l.index() == 1).findFirst();
                lines.add(0, line1(extension, old));
                after = db.devices().update(new DeviceRecord(d.id(), d.mac(), d.vendor(), model.orElse(d.model()),
                        d.label(), d.siteId(), d.templateId(), ip.or(d::ipAddress), d.settingsJson(), d.rawParameters(),
                        lines, d.createdAt(), now));
            } else {
                after = db.devices().insert(new DeviceRecord(UUID.randomUUID().toString(), m, vendor.get(),
                        model.orElse(""), extension.displayName(), SiteRecord.DEFAULT_ID, Optional.empty(), ip, "{}", "",
                        List.of(line1(extension, Optional.empty())), now, now));
            }
        } catch (StoreException e) {
            LOG.warn("self-binding of {} to {} failed: {}", m, extension.number(), e.getMessage());
            return DialResult.retryLater("the phone changed meanwhile; dial again");
        }
        audit.record("phone:" + m.colons(), "device.bind", m.colons(), before.map(SelfBindingService::summary).orElse(null),
                summary(after));
        LOG.info("self-binding: phone {} ({}) bound to extension {} from {}", m, after.vendor(), extension.number(), source);
        try {
            resyncHook.accept(m);
        } catch (RuntimeException e) {
            LOG.warn("self-binding: resync of {} failed: {}", m, e.toString());
        }
        return DialResult.accepted("bound to extension " + extension.number());
    }

    /** Line 1 bound to the extension: credentials come from the directory; server and port stay. */
    private static LineRecord line1(Extension extension, Optional<LineRecord> old) {
        return new LineRecord(1, Optional.of(extension.number()), Optional.empty(), Optional.empty(),
                old.flatMap(LineRecord::server), old.flatMap(LineRecord::port), Optional.empty(), Optional.empty());
    }

    private Optional<PhoneIdentity> identify(String userAgent) {
        for (VendorPlugin plugin : vendors.all()) {
            try {
                Optional<PhoneIdentity> id = plugin.parseUserAgent(userAgent);
                if (id.isPresent()) {
                    return id;
                }
            } catch (RuntimeException e) {
                LOG.warn("vendor {} failed to parse a User-Agent: {}", plugin.id(), e.toString());
            }
        }
        return Optional.empty();
    }

    private static ObjectNode summary(DeviceRecord d) {
        ObjectNode o = Json.object();
        o.put("mac", d.mac().colons());
        o.put("vendor", d.vendor());
        o.put("model", d.model());
        o.put("label", d.label());
        d.lines().stream().filter(l -> l.index() == 1).findFirst()
                .ifPresent(l -> o.put("line1_extension", l.extension().or(l::username).orElse(null)));
        return o;
    }

    /** Compares in time independent of where the texts differ, and of their lengths. */
    static boolean sameSecret(String given, String expected) {
        try {
            MessageDigest a = MessageDigest.getInstance("SHA-256");
            MessageDigest b = MessageDigest.getInstance("SHA-256");
            return MessageDigest.isEqual(a.digest(given.getBytes(StandardCharsets.UTF_8)),
                    b.digest(expected.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
