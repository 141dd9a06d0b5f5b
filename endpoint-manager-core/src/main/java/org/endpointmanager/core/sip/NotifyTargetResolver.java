package org.endpointmanager.core.sip;

import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.host.Registration;
import org.endpointmanager.api.host.RegistrationFeed;
import org.endpointmanager.api.host.UserDirectory;
import org.endpointmanager.core.security.Cidr;
import org.endpointmanager.core.store.DeviceRecord;
import org.endpointmanager.core.store.FetchRecord;
import org.endpointmanager.core.store.FetchStore;

/**
 * Chooses the one phone a NOTIFY for a device may go to. The registered contact of the device's
 * line-1 account comes first; with several contacts for that account, only the one whose
 * User-Agent carries the device's MAC or whose source address is the device's known address is
 * taken, and none or several such is a refusal. Without a registration the last address the
 * device fetched from (or its configured {@code ip_address}) is used. A shared account is refused:
 * the NOTIFY could reach the wrong phone.
 */
public final class NotifyTargetResolver {

    private static final Pattern CONTACT = Pattern.compile("(?i)sip:[A-Za-z0-9._~!$&'()*+,;=%:@\\[\\]-]{1,500}");

    private final RegistrationFeed registrations;
    private final UserDirectory users;
    private final FetchStore fetches;
    private final Clock clock;

    /** Creates the resolver. */
    public NotifyTargetResolver(RegistrationFeed registrations, UserDirectory users, FetchStore fetches, Clock clock) {
        this.registrations = Objects.requireNonNull(registrations, "registrations is null");
        this.users = Objects.requireNonNull(users, "users is null");
        this.fetches = Objects.requireNonNull(fetches, "fetches is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    /** Resolves a device's NOTIFY target. */
    public NotifyTarget resolve(DeviceRecord device, AccountUsage usage) {
        Optional<LineAccount> account = device.lines().stream().filter(l -> l.index() == 1).findFirst()
                .flatMap(l -> LineAccount.of(l, users));
        Optional<String> lastFetchIp = fetches.latest(device.mac()).map(FetchRecord::sourceIp);
        if (account.isPresent()) {
            LineAccount a = account.get();
            int using = usage.devicesUsing(a);
            if (using > 1) {
                return new NotifyTarget.Refused("shared account: SIP user " + a.display() + " is used by " + using
                        + " devices; a NOTIFY could reach any of them");
            }
            var now = clock.instant();
            List<Registration> regs = registrations.current().stream()
                    .filter(r -> a.names().contains(r.extension()))
                    .filter(r -> r.expiresAt().isAfter(now))
                    .toList();
            if (!regs.isEmpty()) {
                return fromRegistrations(device, a, regs, lastFetchIp);
            }
        }
        Optional<String> seen = lastFetchIp.or(device::ipAddress).filter(NotifyTargetResolver::usableAddress);
        if (seen.isEmpty()) {
            return new NotifyTarget.NoAddress();
        }
        String host = seen.get().contains(":") ? "[" + seen.get() + "]" : seen.get();
        return new NotifyTarget.Phone("sip:anonymous@" + host + ":5060", "last seen address", account, Optional.empty());
    }

    private NotifyTarget fromRegistrations(DeviceRecord device, LineAccount account, List<Registration> regs,
            Optional<String> lastFetchIp) {
        List<Registration> chosen = regs;
        if (distinctContacts(regs) > 1) {
            Set<String> addresses = Set.copyOf(concat(device.ipAddress(), lastFetchIp));
            chosen = regs.stream().filter(r -> carriesMac(r, device.mac()) || addresses.contains(r.sourceAddress())).toList();
            if (chosen.isEmpty()) {
                return new NotifyTarget.Refused("ambiguous: " + distinctContacts(regs) + " contacts for " + account.display()
                        + ", none matches the device's MAC or address");
            }
            if (distinctContacts(chosen) > 1) {
                return new NotifyTarget.Refused("ambiguous: " + distinctContacts(chosen) + " contacts for "
                        + account.display() + " match the device's MAC or address");
            }
        }
        String contact = stripAngles(chosen.get(0).contact());
        if (!CONTACT.matcher(contact).matches()) {
            return new NotifyTarget.Refused("the registered contact of " + account.display() + " is not a usable sip: URI");
        }
        if (!usableAddress(hostOf(contact))) {
            return new NotifyTarget.Refused("the registered contact of " + account.display()
                    + " does not name a unicast IP address");
        }
        Registration r = chosen.get(0);
        return new NotifyTarget.Phone(contact, "registration", Optional.of(account),
                sourceOf(r.sourceAddress(), r.sourcePort()));
    }

    /**
     * Where the REGISTER came from, when that is a usable address and port: a registrar answers
     * there (RFC 3581's rport), and behind NAT only there does the phone listen; the Contact names its
     * private address. Empty when the host reported none usable: the Contact is used as it is.
     */
    static Optional<java.net.InetSocketAddress> sourceOf(String address, int port) {
        if (port < 1 || port > 65535 || !usableAddress(address)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new java.net.InetSocketAddress(InetAddress.getByAddress(Cidr.literal(address).orElseThrow()),
                    port));
        } catch (java.net.UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static List<String> concat(Optional<String> a, Optional<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private static long distinctContacts(List<Registration> regs) {
        return regs.stream().map(r -> stripAngles(r.contact())).collect(Collectors.toSet()).size();
    }

    /** Whether the User-Agent names the MAC (phones put it in plain hex, upper or lower, or with colons). */
    static boolean carriesMac(Registration r, MacAddress mac) {
        if (r.userAgent().isEmpty()) {
            return false;
        }
        String ua = r.userAgent().get().toLowerCase(Locale.ROOT);
        if (ua.length() > 512) {
            ua = ua.substring(0, 512);
        }
        return ua.contains(mac.lower()) || ua.contains(mac.colons()) || ua.contains(mac.colons().replace(':', '-'));
    }

    private static String stripAngles(String contact) {
        String c = contact.strip();
        if (c.startsWith("<") && c.endsWith(">")) {
            c = c.substring(1, c.length() - 1);
        }
        return c;
    }

    /** The host part of a sip: URI (user part, port and parameters removed). */
    static String hostOf(String sipUri) {
        String rest = sipUri.substring(4);
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            rest = rest.substring(at + 1);
        }
        int semi = rest.indexOf(';');
        if (semi >= 0) {
            rest = rest.substring(0, semi);
        }
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            return close < 0 ? "" : rest.substring(1, close);
        }
        int colon = rest.indexOf(':');
        return colon >= 0 ? rest.substring(0, colon) : rest;
    }

    /**
     * Only literal unicast addresses: no name to resolve (a registrar's contact is hostile input),
     * and never multicast, broadcast, unspecified or a cloud metadata address.
     */
    static boolean usableAddress(String host) {
        Optional<byte[]> bytes = Cidr.literal(host);
        if (bytes.isEmpty()) {
            return false;
        }
        InetAddress address;
        try {
            address = InetAddress.getByAddress(bytes.get());
        } catch (java.net.UnknownHostException e) {
            return false;
        }
        return !address.isMulticastAddress() && !address.isAnyLocalAddress()
                && !host.equals("255.255.255.255") && !host.equals("169.254.169.254");
    }
}
