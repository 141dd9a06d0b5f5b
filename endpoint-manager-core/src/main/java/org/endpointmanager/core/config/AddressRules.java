package org.endpointmanager.core.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Strict parsing of IP literals and CIDR blocks. Never resolves a name: a bind address or subnet
 * that is a host name would make start-up depend on DNS, so it is refused instead.
 */
final class AddressRules {

    private static final Pattern IPV4 = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private AddressRules() {
    }

    /** The address when {@code text} is an IPv4 or IPv6 literal (no zone id), else empty. */
    static Optional<InetAddress> ipLiteral(String text) {
        if (IPV4.matcher(text).matches()) {
            String[] parts = text.split("\\.");
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(parts[i]);
                if (octet > 255) {
                    return Optional.empty();
                }
                bytes[i] = (byte) octet;
            }
            return Optional.of(address(bytes));
        }
        if (text.indexOf(':') >= 0 && IPV6.matcher(text).matches()) {
            try {
                // A text containing ':' is parsed as an IPv6 literal by the JDK, never looked up.
                return Optional.of(InetAddress.getByName(text));
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * Why {@code text} is not a CIDR block ({@code 10.0.0.0/8}, {@code 2001:db8::/32}), or empty
     * when it is one. Host bits must be zero so a typo such as {@code 10.1.0.0/8} is caught.
     */
    static Optional<String> cidrProblem(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return Optional.of("is not a CIDR block (address/prefix)");
        }
        Optional<InetAddress> address = ipLiteral(text.substring(0, slash));
        if (address.isEmpty()) {
            return Optional.of("does not start with an IP address");
        }
        byte[] bytes = address.get().getAddress();
        int maxPrefix = bytes.length * 8;
        String prefixText = text.substring(slash + 1);
        if (!prefixText.matches("[0-9]{1,3}") || Integer.parseInt(prefixText) > maxPrefix) {
            return Optional.of("has a prefix length that is not 0.." + maxPrefix);
        }
        int prefix = Integer.parseInt(prefixText);
        for (int bit = prefix; bit < maxPrefix; bit++) {
            if ((bytes[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
                return Optional.of("has host bits set after the prefix");
            }
        }
        return Optional.empty();
    }

    /** True for an IPv4 multicast literal (224.0.0.0/4). */
    static boolean isIpv4Multicast(String text) {
        return ipLiteral(text).filter(a -> a instanceof Inet4Address && a.isMulticastAddress()).isPresent();
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always a valid address", e);
        }
    }
}
