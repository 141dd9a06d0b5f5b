package org.endpointmanager.core.pnp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.vendor.VendorPlugin;
import org.endpointmanager.core.discovery.DiscoveryService;
import org.endpointmanager.core.discovery.Sighting;
import org.endpointmanager.core.discovery.SightingSource;
import org.endpointmanager.core.security.Cidr;
import org.endpointmanager.core.settings.Settings;
import org.endpointmanager.core.vendor.VendorRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides about one PnP datagram and answers it. A SUBSCRIBE is answered only when
 * <ol>
 *   <li>it parses strictly and names one MAC,</li>
 *   <li>the MAC passes the admin's black list (which wins) and white list,</li>
 *   <li>its topmost Via and its Contact name the packet's own source address, and that address is
 *       inside {@code [provisioning] allowed_subnets} (empty = any): the answer can only go back
 *       to the sender, never be reflected onto a third party,</li>
 *   <li>the phone is a device, or its OUI belongs to an installed vendor (the Event's
 *       {@code vendor} may not contradict the OUI) and Discovery accepted the sighting.</li>
 * </ol>
 * The answer is a {@code 200 OK} to the source, then a NOTIFY to the Contact whose body is the
 * provisioning URL in the vendor's form ({@link PnpUrlForms}). Hosts whose SIP stack already
 * receives the multicast SUBSCRIBEs hand them to {@link #handle(byte[], InetSocketAddress)}.
 */
public final class PnpService {

    private static final Logger LOG = LoggerFactory.getLogger(PnpService.class);

    /** The outcome of one datagram. */
    public enum Result {
        /** Answered with 200 OK and NOTIFY. */
        ANSWERED,
        /** A PnP SUBSCRIBE that was refused. */
        REFUSED,
        /** Not a PnP SUBSCRIBE, or PnP is off. */
        IGNORED,
        /** Larger than {@link SipParser#MAX_BYTES}. */
        OVERSIZED,
        /** Not well-formed. */
        MALFORMED,
        /** An unexpected failure, logged. */
        ERROR
    }

    private final VendorRegistry vendors;
    private final Supplier<Settings> settings;
    private final List<Cidr> allowedSubnets;
    private final Function<MacAddress, Optional<String>> deviceVendor;
    private final Function<Sighting, DiscoveryService.Outcome> discovery;
    private final PacketSender sender;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong oversized = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();

    /**
     * Creates the handler.
     *
     * @param vendors installed vendors (OUI lookup, URL form)
     * @param settings the settings in force (on/off, MAC lists, provisioning URL, debug logging)
     * @param allowedSubnets {@code [provisioning] allowed_subnets}; empty = any source
     * @param deviceVendor the vendor id of the device with a MAC, empty when it is not a device
     * @param discovery records an unknown phone (normally {@link DiscoveryService#record})
     * @param sender sends the answers
     */
    public PnpService(VendorRegistry vendors, Supplier<Settings> settings, List<Cidr> allowedSubnets,
            Function<MacAddress, Optional<String>> deviceVendor, Function<Sighting, DiscoveryService.Outcome> discovery,
            PacketSender sender) {
        this.vendors = Objects.requireNonNull(vendors, "vendors is null");
        this.settings = Objects.requireNonNull(settings, "settings is null");
        this.allowedSubnets = List.copyOf(allowedSubnets);
        this.deviceVendor = Objects.requireNonNull(deviceVendor, "deviceVendor is null");
        this.discovery = Objects.requireNonNull(discovery, "discovery is null");
        this.sender = Objects.requireNonNull(sender, "sender is null");
    }

    /**
     * Handles one datagram as received on the PnP group. Never throws for anything in the packet.
     * Does nothing while the {@code pnp_enabled} setting is off.
     *
     * @param packet the datagram's bytes (at most {@link SipParser#MAX_BYTES} are read)
     * @param source where it came from
     */
    public Result handle(byte[] packet, InetSocketAddress source) {
        Objects.requireNonNull(packet, "packet is null");
        Objects.requireNonNull(source, "source is null");
        return handle(packet, packet.length, source);
    }

    Result handle(byte[] packet, int length, InetSocketAddress source) {
        received.incrementAndGet();
        Settings s = settings.get();
        String ip = source.getAddress().getHostAddress();
        if (s.debugLogging()) {
            LOG.info("pnp packet ip={} port={} bytes={}", ip, source.getPort(), length);
        }
        if (!s.pnpEnabled()) {
            ignored.incrementAndGet();
            return Result.IGNORED;
        }
        try {
            return decide(packet, length, source, s, ip);
        } catch (RuntimeException e) {
            errors.incrementAndGet();
            LOG.warn("pnp error ip={} reason={}", ip, e.toString());
            return Result.ERROR;
        }
    }

    private Result decide(byte[] packet, int length, InetSocketAddress source, Settings s, String ip) {
        if (length > SipParser.MAX_BYTES) {
            oversized.incrementAndGet();
            quiet(s, "pnp drop mac=- ip={} reason=datagram of {} bytes is larger than {}", ip, length, SipParser.MAX_BYTES);
            return Result.OVERSIZED;
        }
        PnpSubscribe sub;
        try {
            Optional<PnpSubscribe> parsed = PnpSubscribe.from(SipParser.parse(packet, length));
            if (parsed.isEmpty()) {
                ignored.incrementAndGet();
                quiet(s, "pnp ignore mac=- ip={} reason=not a ua-profile SUBSCRIBE", ip);
                return Result.IGNORED;
            }
            sub = parsed.get();
        } catch (MalformedSipException e) {
            malformed.incrementAndGet();
            quiet(s, "pnp drop mac=- ip={} reason=malformed: {}", ip, e.getMessage());
            return Result.MALFORMED;
        }
        MacAddress mac = sub.mac();
        if (s.macBlacklist().contains(mac)) {
            return refuse(mac, ip, "MAC is on the black list");
        }
        if (!s.macWhitelist().isEmpty() && !s.macWhitelist().contains(mac)) {
            return refuse(mac, ip, "MAC is not on the white list");
        }
        InetAddress src = source.getAddress();
        if (!sameAddress(sub.viaHost(), src)) {
            return refuse(mac, ip, "Via host " + printable(sub.viaHost()) + " is not the source address");
        }
        if (!sameAddress(sub.contact().bareHost(), src)) {
            return refuse(mac, ip, "Contact host " + printable(sub.contact().bareHost()) + " is not the source address");
        }
        if (!allowedSubnets.isEmpty() && allowedSubnets.stream().noneMatch(c -> c.contains(src))) {
            return refuse(mac, ip, "source is outside [provisioning] allowed_subnets");
        }
        Optional<String> known = deviceVendor.apply(mac);
        Optional<VendorPlugin> vendor = known.isPresent() ? vendors.find(known.get()) : vendors.byOui(mac.oui());
        if (vendor.isEmpty()) {
            return refuse(mac, ip, known.isPresent() ? "device vendor " + known.get() + " is not installed"
                    : "OUI " + mac.oui() + " belongs to no installed vendor");
        }
        Optional<VendorPlugin> claimed = sub.eventVendor().flatMap(this::installedVendorNamed);
        if (claimed.isPresent() && !claimed.get().id().equals(vendor.get().id())) {
            return refuse(mac, ip, "Event vendor " + claimed.get().id() + " contradicts " + vendor.get().id());
        }
        if (known.isEmpty()) {
            DiscoveryService.Outcome outcome = discovery.apply(new Sighting(mac, Optional.empty(), sub.model(),
                    sub.version(), src, SightingSource.PNP));
            if (outcome != DiscoveryService.Outcome.RECORDED && outcome != DiscoveryService.Outcome.KNOWN_DEVICE) {
                return refuse(mac, ip, "discovery refused the sighting: " + outcome);
            }
        }
        String url = PnpUrlForms.url(vendor.get().id(), s.provisionUrlBase());
        InetSocketAddress contact = new InetSocketAddress(src, sub.contact().port().orElse(5060));
        // Counted before sending, so the count is final once the phone has its answer.
        answered.incrementAndGet();
        try {
            String tag = PnpMessages.token();
            sender.send(PnpMessages.ok(sub, tag, sender.localAddressFor(source)), source);
            sender.send(PnpMessages.notify(sub, tag, sender.localAddressFor(contact), url), contact);
        } catch (IOException e) {
            errors.incrementAndGet();
            LOG.warn("pnp error mac={} ip={} reason=sending the answer failed: {}", mac, ip, e.toString());
            return Result.ERROR;
        }
        LOG.info("pnp answered mac={} ip={} vendor={} device={} url={}", mac, ip, vendor.get().id(), known.isPresent(), url);
        return Result.ANSWERED;
    }

    private Optional<VendorPlugin> installedVendorNamed(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return vendors.all().stream()
                .filter(p -> p.id().equals(n) || p.displayName().toLowerCase(Locale.ROOT).equals(n))
                .findFirst();
    }

    private static boolean sameAddress(String host, InetAddress source) {
        // Only literals compare: a host name would mean a DNS lookup chosen by the sender.
        return Cidr.literal(host).map(b -> java.util.Arrays.equals(b, source.getAddress())).orElse(false);
    }

    private Result refuse(MacAddress mac, String ip, String reason) {
        refused.incrementAndGet();
        LOG.info("pnp refused mac={} ip={} reason={}", mac, ip, reason);
        return Result.REFUSED;
    }

    /** Packets that name no phone log only with debug logging on: a flood must not flood the log. */
    private static void quiet(Settings s, String format, Object... args) {
        if (s.debugLogging()) {
            LOG.info(format, args);
        } else {
            LOG.debug(format, args);
        }
    }

    private static String printable(String s) {
        String t = s.length() > 64 ? s.substring(0, 64) : s;
        return t.replaceAll("[^A-Za-z0-9.:\\-\\[\\]]", "?");
    }

    /** The counters so far. */
    public PnpCounters counters() {
        return new PnpCounters(received.get(), oversized.get(), malformed.get(), ignored.get(), refused.get(),
                answered.get(), errors.get());
    }
}
