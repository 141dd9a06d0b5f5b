package org.endpointmanager.core.registrations;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.host.Registration;
import org.endpointmanager.api.host.RegistrationFeed;
import org.endpointmanager.api.host.RegistrationListener;
import org.endpointmanager.core.store.DeviceStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens to the host's registration feed and keeps {@code endpoint_registrations} current.
 *
 * <p>The table, not memory, is the truth, so every node sharing the database sees every binding.
 * Expiry needs no timer: a binding counts as registered only while {@code expiresAt} is in the
 * future by the injected clock, so one that lapses without an unregister event disappears on the
 * next read. A sweeper only deletes rows that lapsed more than {@link #RETENTION} ago (until then
 * they give "last registered" times); with several nodes only one sweeps ({@link #onlyWhen}).
 */
public final class RegistrationTracker implements RegistrationListener, AutoCloseable {

    /** How long a lapsed binding is kept as the device's last registration. */
    public static final Duration RETENTION = Duration.ofDays(7);

    private static final Logger LOG = LoggerFactory.getLogger(RegistrationTracker.class);
    private static final Set<String> TRANSPORTS = Set.of("udp", "tcp", "tls", "ws", "wss");
    private static final int MAX_CONTACT = 1024;
    private static final int MAX_EXTENSION = 64;

    private final RegistrationStore store;
    private final UserAgentClassifier classifier;
    private final DeviceStore devices;
    private final Clock clock;
    private volatile Consumer<SeenPhone> unknownPhones = p -> { };
    private ScheduledExecutorService sweeper;
    private volatile BooleanSupplier sweepHere = () -> true;

    /** Creates the tracker; call {@link #start(RegistrationFeed)} to subscribe. */
    public RegistrationTracker(RegistrationStore store, UserAgentClassifier classifier, DeviceStore devices, Clock clock) {
        this.store = Objects.requireNonNull(store, "store is null");
        this.classifier = Objects.requireNonNull(classifier, "classifier is null");
        this.devices = Objects.requireNonNull(devices, "devices is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    /**
     * Where hardware phones that register but are not provisioned are reported (Discovery wires
     * itself here). Called on the host's registrar thread: return quickly.
     */
    public void onUnknownPhone(Consumer<SeenPhone> listener) {
        this.unknownPhones = Objects.requireNonNull(listener, "listener is null");
    }

    /** Subscribes to the feed, records the bindings alive now, and starts the sweeper. */
    public synchronized void start(RegistrationFeed feed) {
        Objects.requireNonNull(feed, "feed is null");
        feed.addListener(this);
        feed.current().forEach(this::registered);
        if (sweeper == null) {
            sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "em-registration-sweeper");
                t.setDaemon(true);
                return t;
            });
            sweeper.scheduleWithFixedDelay(this::scheduledSweep, 1, 60, TimeUnit.MINUTES);
        }
    }

    /** Lets the sweeper run only while {@code here} says so (the cluster's maintenance lease). */
    public void onlyWhen(BooleanSupplier here) {
        this.sweepHere = Objects.requireNonNull(here, "here is null");
    }

    /**
     * One tick of the sweeper: sweeps if this node does the scheduled work.
     *
     * @return the rows deleted, or -1 when another node sweeps
     */
    public int scheduledSweep() {
        return sweepHere.getAsBoolean() ? sweep() : -1;
    }

    /** Deletes rows that lapsed before the retention period; returns how many. */
    public int sweep() {
        try {
            int n = store.purgeLapsedBefore(clock.instant().minus(RETENTION));
            if (n > 0) {
                LOG.info("registrations: purged {} binding(s) lapsed more than {} days ago", n, RETENTION.toDays());
            }
            return n;
        } catch (RuntimeException e) {
            LOG.warn("registrations: sweep failed: {}", e.toString());
            return 0;
        }
    }

    @Override
    public void registered(Registration r) {
        try {
            record(r);
        } catch (RuntimeException e) {
            // never throw into the host's registrar
            LOG.warn("registrations: could not record extension {}: {}", safe(r.extension()), e.toString());
        }
    }

    private void record(Registration r) {
        String extension = r.extension();
        if (extension.isEmpty() || extension.length() > MAX_EXTENSION || r.contact().isEmpty()
                || r.contact().length() > MAX_CONTACT || r.sourceAddress().length() > 64
                || hasControl(extension) || hasControl(r.contact())) {
            LOG.warn("registrations: ignored a binding with an empty or overlong extension or contact");
            return;
        }
        String transport = r.transport().toLowerCase(Locale.ROOT);
        if (!TRANSPORTS.contains(transport)) {
            transport = "udp";
        }
        Optional<String> ua = r.userAgent().map(UserAgentClassifier::bound).filter(s -> !s.isEmpty());
        UaClassification c = classifier.classify(ua, transport);
        RegistrationRow row = new RegistrationRow(extension, r.contact(), r.sourceAddress(),
                Math.max(0, Math.min(65535, r.sourcePort())), transport, ua, c, r.registeredAt(), r.expiresAt());
        store.put(row);
        LOG.debug("registrations: {} registered from {} as {} until {}", extension, r.sourceAddress(),
                c.type().jsonName(), r.expiresAt());
        if (c.type() == DeviceType.HARDWARE && c.mac().isPresent() && c.vendorId().isPresent()) {
            MacAddress mac = c.mac().get();
            if (devices.findByMac(mac).isEmpty()) {
                LOG.info("registrations: unprovisioned {} phone {} registered extension {} from {}", c.vendorId().get(),
                        mac, extension, r.sourceAddress());
                try {
                    unknownPhones.accept(new SeenPhone(mac, c.vendorId().get(), c.model(), r.sourceAddress(),
                            ua.orElse(""), extension));
                } catch (RuntimeException e) {
                    LOG.warn("registrations: unknown-phone listener failed for {}: {}", mac, e.toString());
                }
            }
        }
    }

    @Override
    public void unregistered(String extension, String contact) {
        try {
            if (store.end(extension, contact, clock.instant())) {
                LOG.debug("registrations: {} unregistered", safe(extension));
            }
        } catch (RuntimeException e) {
            LOG.warn("registrations: could not end binding of {}: {}", safe(extension), e.toString());
        }
    }

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(Character::isISOControl);
    }

    private static String safe(String s) {
        return s == null ? "" : UserAgentClassifier.bound(s.length() > 64 ? s.substring(0, 64) : s);
    }

    @Override
    public synchronized void close() {
        if (sweeper != null) {
            sweeper.shutdownNow();
            sweeper = null;
        }
    }
}
