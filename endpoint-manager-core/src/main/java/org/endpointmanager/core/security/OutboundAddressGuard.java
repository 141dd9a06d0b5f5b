package org.endpointmanager.core.security;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;

/**
 * The one check every outbound connection passes (phone CGI APIs, external phonebook sources,
 * discovery scans): the address must lie in the configured subnets, and loopback, link-local,
 * multicast, unspecified and cloud metadata addresses are refused unless explicitly allowed.
 * Callers check the address they actually connect to, after DNS and again on every redirect.
 */
public final class OutboundAddressGuard {

    private static final List<Cidr> METADATA = List.of(Cidr.parse("169.254.169.254/32"),
            Cidr.parse("fd00:ec2::254/128"), Cidr.parse("100.100.100.200/32"));

    private final List<Cidr> allowedSubnets;
    private final boolean allowLoopback;

    /**
     * Creates the guard.
     *
     * @param allowedSubnets the only networks that may be reached ({@code [control] allowed_subnets})
     * @param allowLoopback whether loopback is allowed (simulators in tests)
     */
    public OutboundAddressGuard(List<Cidr> allowedSubnets, boolean allowLoopback) {
        this.allowedSubnets = List.copyOf(Objects.requireNonNull(allowedSubnets, "allowedSubnets is null"));
        this.allowLoopback = allowLoopback;
    }

    /**
     * Checks an address.
     *
     * @param address the address about to be connected to
     * @param siteSubnets the subnets of the site the target belongs to; empty = no further limit
     * @throws SecurityException naming why the address is refused
     */
    public void check(InetAddress address, List<Cidr> siteSubnets) {
        Objects.requireNonNull(address, "address is null");
        String a = address.getHostAddress();
        boolean loopback = address.isLoopbackAddress();
        if (loopback && !allowLoopback) {
            throw new SecurityException("outbound address " + a + " refused: loopback is not allowed");
        }
        if (METADATA.stream().anyMatch(c -> c.contains(address))) {
            throw new SecurityException("outbound address " + a + " refused: cloud metadata address");
        }
        if (address.isLinkLocalAddress()) {
            throw new SecurityException("outbound address " + a + " refused: link-local");
        }
        if (address.isMulticastAddress()) {
            throw new SecurityException("outbound address " + a + " refused: multicast");
        }
        if (address.isAnyLocalAddress()) {
            throw new SecurityException("outbound address " + a + " refused: unspecified address");
        }
        if (address instanceof Inet6Address v6 && v6.getScopeId() != 0) {
            throw new SecurityException("outbound address " + a + " refused: scoped IPv6 address");
        }
        if (loopback) {
            return;
        }
        if (allowedSubnets.stream().noneMatch(c -> c.contains(address))) {
            throw new SecurityException("outbound address " + a + " refused: not in [control] allowed_subnets");
        }
        if (!siteSubnets.isEmpty() && siteSubnets.stream().noneMatch(c -> c.contains(address))) {
            throw new SecurityException("outbound address " + a + " refused: not in the site's subnets");
        }
    }

    /**
     * Resolves a host name once and checks every address it resolves to; returns the first, which
     * the caller must connect to (never resolving the name again).
     *
     * @throws SecurityException when any resolved address is refused
     * @throws UnknownHostException when the name does not resolve
     */
    public InetAddress resolve(String host, List<Cidr> siteSubnets) throws UnknownHostException {
        InetAddress[] all = InetAddress.getAllByName(host);
        for (InetAddress candidate : all) {
            check(candidate, siteSubnets);
        }
        return all[0];
    }
}
