package org.endpointmanager.core.discovery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.vendor.VendorPlugin;
import org.endpointmanager.core.audit.AuditLog;
import org.endpointmanager.core.control.GuardedHttpClient;
import org.endpointmanager.core.control.HttpTimeouts;
import org.endpointmanager.core.http.Json;
import org.endpointmanager.core.jobs.JobRunner;
import org.endpointmanager.core.security.Cidr;
import org.endpointmanager.core.security.OutboundAddressGuard;
import org.endpointmanager.core.store.JobRecord;
import org.endpointmanager.core.vendor.VendorRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seed 000's discovery scan: every host address of an IPv4 subnet (at most
 * {@value #MAX_HOSTS} addresses, all of them allowed by the outbound address guard, so within
 * {@code [control] allowed_subnets}, loopback only with {@code allow_loopback}) is probed over
 * HTTP ({@link ScanProbe}), a bounded number at a time, as one job with an item per address.
 *
 * <p>A phone is found only when its CGI status answer reports a MAC whose OUI belongs to the
 * Grandstream plug-in; it is then recorded in Discovery (source {@code scan}) with its address,
 * model and firmware, subject to Discovery's own checks. Such an item is {@code ok}; every other
 * address is a {@code failed} item whose detail says what answered, if anything.
 */
public final class DiscoveryScan {

    /** The most addresses one scan may probe (a /22). */
    public static final int MAX_HOSTS = 1024;
    /** The vendor whose phones the HTTP scan recognises. */
    static final String VENDOR = "grandstream";

    private static final Logger LOG = LoggerFactory.getLogger(DiscoveryScan.class);
    /** Short limits: most addresses of a subnet answer nothing, and a scan must not take hours. */
    private static final HttpTimeouts PROBE = new HttpTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(3), 64 * 1024);

    private final OutboundAddressGuard guard;
    private final DiscoveryService discovery;
    private final VendorRegistry vendors;
    private final JobRunner jobs;
    private final AuditLog audit;

    /** Creates the service. */
    public DiscoveryScan(OutboundAddressGuard guard, DiscoveryService discovery, VendorRegistry vendors, JobRunner jobs,
            AuditLog audit) {
        this.guard = Objects.requireNonNull(guard, "guard is null");
        this.discovery = Objects.requireNonNull(discovery, "discovery is null");
        this.vendors = Objects.requireNonNull(vendors, "vendors is null");
        this.jobs = Objects.requireNonNull(jobs, "jobs is null");
        this.audit = Objects.requireNonNull(audit, "audit is null");
        // probing an address twice is harmless, and the ports are in the params
        jobs.resumable("discovery_scan", job -> {
            List<Integer> ports = new ArrayList<>();
            Json.parseObject(job.paramsJson()).path("ports").forEach(n -> {
                if (n.canConvertToInt() && n.asInt() >= 1 && n.asInt() <= 65535) {
                    ports.add(n.asInt());
                }
            });
            return ports.isEmpty() ? Optional.empty() : Optional.of(target -> probeOne(target, List.copyOf(ports)));
        });
    }

    /**
     * The addresses a scan of the subnet probes: its host addresses (without the network and
     * broadcast addresses of prefixes up to /30).
     *
     * @throws IllegalArgumentException when the subnet is not IPv4, too large, or any address in
     *     it is refused by the guard
     */
    public List<InetAddress> plan(String subnet) {
        Cidr cidr = Cidr.parse(subnet);
        if (cidr.network().length != 4) {
            throw new IllegalArgumentException("only IPv4 subnets can be scanned");
        }
        if (cidr.prefix() < 22) {
            throw new IllegalArgumentException("subnet is larger than /22 (" + MAX_HOSTS + " addresses)");
        }
        long size = 1L << (32 - cidr.prefix());
        long base = toLong(cidr.network()) & (0xFFFFFFFFL << (32 - cidr.prefix()) & 0xFFFFFFFFL);
        long first = size > 2 ? base + 1 : base;
        long last = size > 2 ? base + size - 2 : base + size - 1;
        List<InetAddress> out = new ArrayList<>((int) (last - first + 1));
        for (long a = base; a < base + size; a++) {
            InetAddress address = toAddress(a);
            try {
                guard.check(address, List.of());
            } catch (SecurityException e) {
                throw new IllegalArgumentException("subnet " + subnet.strip() + " is not wholly allowed: " + e.getMessage());
            }
            if (a >= first && a <= last) {
                out.add(address);
            }
        }
        return out;
    }

    /**
     * Starts the scan job.
     *
     * @param subnet as accepted by {@link #plan}
     * @param ports the ports to probe on each address (the phones' web port, usually 80)
     * @param concurrency addresses probed at once
     */
    public JobRecord submit(String subnet, List<Integer> ports, int concurrency, String actor) {
        List<InetAddress> addresses = plan(subnet);
        List<Integer> portList = List.copyOf(ports);
        if (portList.isEmpty()) {
            throw new IllegalArgumentException("no port to probe");
        }
        var params = Json.object().put("subnet", subnet.strip()).put("scan_type", "http").put("addresses", addresses.size())
                .put("concurrency", concurrency);
        params.set("ports", Json.mapper().valueToTree(portList));
        List<String> targets = addresses.stream().map(InetAddress::getHostAddress).toList();
        JobRecord job = jobs.submit("discovery_scan", actor, Json.write(params), targets,
                new JobRunner.Options(concurrency, Duration.ZERO), target -> probeOne(target, portList));
        audit.record(actor, "discovery.scan", subnet.strip(), null, params.deepCopy().put("job_id", job.id()));
        return job;
    }

    private JobRunner.ItemResult probeOne(String target, List<Integer> ports) throws UnknownHostException {
        InetAddress address = InetAddress.getByAddress(Cidr.literal(target).orElseThrow());
        // a client per address: nothing (cookies) is shared between hosts, and no site narrows the guard here
        ScanProbe.Answer a = new ScanProbe(new GuardedHttpClient(guard, List::of, PROBE)).probe(address, ports);
        if (a.mac().isEmpty()) {
            return new JobRunner.ItemResult(false, a.detail());
        }
        MacAddress mac = a.mac().get();
        Optional<VendorPlugin> owner = vendors.byOui(mac.oui());
        if (owner.isEmpty() || !owner.get().id().equals(VENDOR)) {
            LOG.info("discovery scan {}:{}: MAC {} is not a Grandstream OUI, not counted", target, a.port(), mac);
            return new JobRunner.ItemResult(false, "port " + a.port() + ": answered like a Grandstream phone, but MAC "
                    + mac.colons() + " has no Grandstream OUI: not counted");
        }
        String what = a.model().orElse("Grandstream phone") + " " + mac.colons()
                + a.firmware().map(f -> ", firmware " + f).orElse("") + " on port " + a.port();
        DiscoveryService.Outcome outcome = discovery.record(new Sighting(mac, Optional.of(mac), a.model(), a.firmware(),
                address, SightingSource.SCAN));
        LOG.info("discovery scan {}: found {}: {}", target, what, outcome);
        return switch (outcome) {
            case RECORDED -> new JobRunner.ItemResult(true, "found " + what + ": recorded in Discovery");
            case KNOWN_DEVICE -> new JobRunner.ItemResult(true, "found " + what + ": already a device");
            default -> new JobRunner.ItemResult(false, "found " + what + ", but not recorded: "
                    + outcome.name().toLowerCase(java.util.Locale.ROOT));
        };
    }

    private static long toLong(byte[] b) {
        return ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFFL) << 16) | ((b[2] & 0xFFL) << 8) | (b[3] & 0xFFL);
    }

    private static InetAddress toAddress(long a) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
