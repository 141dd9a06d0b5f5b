package org.endpointmanager.core.discovery;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.vendor.PhoneIdentity;
import org.endpointmanager.api.vendor.VendorPlugin;
import org.endpointmanager.core.store.DeviceStore;
import org.endpointmanager.core.vendor.VendorRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records phones that are not devices yet. Every input is a claim by the phone, so a sighting is
 * kept only when the MAC's OUI belongs to an installed vendor, when the MAC the phone reports
 * about itself (User-Agent) agrees with the one its request names, when its source address has
 * not introduced too many MACs lately, and while the table is below its row cap. Nothing here
 * creates a device: adoption is an admin's act (auto-binding goes through the star code).
 */
public final class DiscoveryService {

    /** Distinct new MACs one source address may introduce per {@link #SOURCE_WINDOW}. */
    public static final int MACS_PER_SOURCE = 20;
    /** The per-source counting window. */
    public static final Duration SOURCE_WINDOW = Duration.ofHours(1);
    /** Source addresses tracked at once (bounds the counter map). */
    public static final int TRACKED_SOURCES = 4096;
    /** Rows the discovery table may hold. */
    public static final long MAX_ROWS = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(DiscoveryService.class);
    private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9 ._+()/\\-]{1,48}");
    private static final Pattern FIRMWARE = Pattern.compile("[A-Za-z0-9._\\-]{1,64}");

    /**
     * The caps.
     *
     * @param macsPerSource distinct new MACs per source address per window
     * @param window the per-source window
     * @param trackedSources source addresses tracked at once
     * @param maxRows rows the table may hold
     */
    public record Limits(int macsPerSource, Duration window, int trackedSources, long maxRows) {
        /** Rejects nulls. */
        public Limits {
            Objects.requireNonNull(window, "window is null");
        }

        /** The defaults: 20 MACs per address per hour, 4096 addresses, 10,000 rows. */
        public static Limits defaults() {
            return new Limits(MACS_PER_SOURCE, SOURCE_WINDOW, TRACKED_SOURCES, MAX_ROWS);
        }
    }

    /** What {@link #record(Sighting)} did. */
    public enum Outcome {
        /** Stored (new row or updated row). */
        RECORDED,
        /** The MAC is already a device: nothing to discover. */
        KNOWN_DEVICE,
        /** No installed vendor has the MAC's OUI. */
        UNKNOWN_OUI,
        /** The phone reported another MAC than the one its request names. */
        MAC_MISMATCH,
        /** The source address introduced too many MACs in the window. */
        SOURCE_LIMIT,
        /** The table is at its row cap. */
        TABLE_FULL
    }

    private final DiscoveryStore store;
    private final VendorRegistry vendors;
    private final DeviceStore devices;
    private final Clock clock;
    private final Limits limits;
    private final SourceRateLimiter perSource;

    /** Creates the service with the default limits. */
    public DiscoveryService(DiscoveryStore store, VendorRegistry vendors, DeviceStore devices, Clock clock) {
        this(store, vendors, devices, clock, Limits.defaults());
    }

    /** Creates the service. */
    public DiscoveryService(DiscoveryStore store, VendorRegistry vendors, DeviceStore devices, Clock clock,
            Limits limits) {
        this.store = Objects.requireNonNull(store, "store is null");
        this.vendors = Objects.requireNonNull(vendors, "vendors is null");
        this.devices = Objects.requireNonNull(devices, "devices is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.limits = Objects.requireNonNull(limits, "limits is null");
        this.perSource = new SourceRateLimiter(limits.macsPerSource(), limits.window(), limits.trackedSources());
    }

    /**
     * Records a sighting when every check passes (see the class comment). Public for every
     * source: PnP, provisioning misses, and registrations of unknown phones.
     */
    public Outcome record(Sighting s) {
        Objects.requireNonNull(s, "sighting is null");
        String ip = s.source().getHostAddress();
        if (devices.findByMac(s.mac()).isPresent()) {
            return Outcome.KNOWN_DEVICE;
        }
        Optional<VendorPlugin> vendor = vendors.byOui(s.mac().oui());
        if (vendor.isEmpty()) {
            return refused(s, ip, Outcome.UNKNOWN_OUI, "OUI " + s.mac().oui() + " belongs to no installed vendor");
        }
        if (s.reportedMac().isPresent() && !s.reportedMac().get().equals(s.mac())) {
            return refused(s, ip, Outcome.MAC_MISMATCH, "reported MAC " + s.reportedMac().get() + " contradicts it");
        }
        Instant now = clock.instant();
        boolean known = store.find(s.mac()).isPresent();
        if (!known) {
            if (!perSource.allow(ip, s.mac(), now)) {
                return refused(s, ip, Outcome.SOURCE_LIMIT, "source introduced " + limits.macsPerSource()
                        + " MACs within " + limits.window());
            }
            if (store.count() >= limits.maxRows()) {
                return refused(s, ip, Outcome.TABLE_FULL, "discovery table holds " + limits.maxRows() + " rows");
            }
        }
        DiscoveryRecord row = store.upsert(new DiscoveryRecord(s.mac(), vendor.get().id(),
                s.model().filter(m -> MODEL.matcher(m).matches()),
                s.firmware().filter(f -> FIRMWARE.matcher(f).matches()), ip, s.via(), now, now, 1));
        LOG.info("discovery recorded mac={} vendor={} model={} ip={} source={} seen={}", s.mac(), row.vendor(),
                row.model().orElse("-"), ip, s.via().id(), row.seenCount());
        return Outcome.RECORDED;
    }

    /**
     * Records a provisioning request for an unknown device: the User-Agent is read by the plug-in
     * of the MAC's vendor, and its MAC must agree with the requested one.
     */
    public Outcome recordProvisioningMiss(MacAddress mac, Optional<String> userAgent, InetAddress source) {
        Objects.requireNonNull(mac, "mac is null");
        Objects.requireNonNull(userAgent, "userAgent is null");
        Optional<PhoneIdentity> identity = vendors.byOui(mac.oui())
                .flatMap(p -> userAgent.flatMap(ua -> safeParse(p, ua)));
        return record(new Sighting(mac, identity.flatMap(PhoneIdentity::mac), identity.flatMap(PhoneIdentity::model),
                identity.flatMap(PhoneIdentity::firmware), source, SightingSource.PROVISIONING));
    }

    private static Optional<PhoneIdentity> safeParse(VendorPlugin plugin, String ua) {
        try {
            return plugin.parseUserAgent(ua.length() > 512 ? ua.substring(0, 512) : ua);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Outcome refused(Sighting s, String ip, Outcome outcome, String reason) {
        LOG.info("discovery refused mac={} ip={} source={} reason={}", s.mac(), ip, s.via().id(), reason);
        return outcome;
    }

    /** A page of sightings, most recently seen first. */
    public List<DiscoveryRecord> list(int offset, int limit) {
        return store.list(offset, limit);
    }

    /** Number of sightings. */
    public long count() {
        return store.count();
    }

    /** The sighting of a MAC. */
    public Optional<DiscoveryRecord> find(MacAddress mac) {
        return store.find(mac);
    }

    /** Removes a sighting (dismissed or adopted); false when there was none. */
    public boolean remove(MacAddress mac) {
        return store.delete(mac);
    }
}
