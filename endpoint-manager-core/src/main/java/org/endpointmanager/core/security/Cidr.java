package org.endpointmanager.core.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 network in CIDR notation, parsed strictly from literals (never resolved through
 * DNS).
 *
 * @param network the network address bytes (host bits zero)
 * @param prefix prefix length
 */
public record Cidr(byte[] network, int prefix) {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]{2,45}");

    /** Validates the prefix and zeroes host bits. */
    public Cidr {
        Objects.requireNonNull(network, "network is null");
        if (network.length != 4 && network.length != 16) {
            throw new IllegalArgumentException("network must be IPv4 or IPv6");
        }
        if (prefix < 0 || prefix > network.length * 8) {
            throw new IllegalArgumentException("prefix out of range");
        }
        network = mask(network.clone(), prefix);
    }

    /**
     * Parses {@code 10.0.0.0/8}, {@code 192.168.1.7} (a single host) or {@code fd00::/8}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Cidr parse(String text) {
        Objects.requireNonNull(text, "text is null");
        String t = text.strip();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        byte[] bytes = literal(addr).orElseThrow(
                () -> new IllegalArgumentException("'" + text + "' is not a CIDR such as 10.0.0.0/8"));
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' has no valid prefix length");
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException("'" + text + "' has a prefix length out of range");
            }
        }
        return new Cidr(bytes, prefix);
    }

    /** Parses an IP literal without DNS; empty when it is not one. */
    public static java.util.Optional<byte[]> literal(String text) {
        if (text == null || text.isEmpty() || text.length() > 45) {
            return java.util.Optional.empty();
        }
        boolean v4 = IPV4.matcher(text).matches();
        boolean v6 = !v4 && text.indexOf(':') >= 0 && IPV6.matcher(text).matches();
        if (!v4 && !v6) {
            return java.util.Optional.empty();
        }
        if (v4) {
            for (String part : text.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return java.util.Optional.empty();
                }
            }
        }
        try {
            // Only literals reach here, so getByName does not touch DNS.
            return java.util.Optional.of(InetAddress.getByName(text).getAddress());
        } catch (UnknownHostException e) {
            return java.util.Optional.empty();
        }
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        for (int i = 0; i < bytes.length; i++) {
            int bitsHere = Math.max(0, Math.min(8, prefix - i * 8));
            bytes[i] &= (byte) (0xff << (8 - bitsHere));
        }
        return bytes;
    }

    /** True when the address lies in this network (IPv4-mapped IPv6 addresses match IPv4 networks). */
    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length == 16 && network.length == 4 && isV4Mapped(a)) {
            a = java.util.Arrays.copyOfRange(a, 12, 16);
        }
        if (a.length != network.length) {
            return false;
        }
        return java.util.Arrays.equals(mask(a.clone(), prefix), network);
    }

    private static boolean isV4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefix == prefix && java.util.Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(network) * 31 + prefix;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
