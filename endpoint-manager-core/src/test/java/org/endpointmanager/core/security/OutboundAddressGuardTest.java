package org.endpointmanager.core.security;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class OutboundAddressGuardTest {

    private final OutboundAddressGuard guard = new OutboundAddressGuard(List.of(Cidr.parse("10.0.0.0/8"),
            Cidr.parse("169.254.0.0/16"), Cidr.parse("0.0.0.0/0")), false);

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.2", "::1", "169.254.169.254", "169.254.1.1", "224.0.1.75", "0.0.0.0",
            "fe80::1", "100.100.100.200"})
    void dangerousAddressesAreRefusedEvenWhenInsideAllowedSubnets(String address) throws Exception {
        assertThrows(SecurityException.class, () -> guard.check(InetAddress.getByName(address), List.of()));
    }

    @Test
    void onlyAllowedAndSiteSubnetsPass() throws Exception {
        OutboundAddressGuard g = new OutboundAddressGuard(List.of(Cidr.parse("10.0.0.0/8")), false);
        assertDoesNotThrow(() -> g.check(InetAddress.getByName("10.1.2.3"), List.of()));
        SecurityException outside = assertThrows(SecurityException.class,
                () -> g.check(InetAddress.getByName("192.0.2.10"), List.of()));
        assertTrue(outside.getMessage().contains("allowed_subnets"));
        SecurityException notSite = assertThrows(SecurityException.class,
                () -> g.check(InetAddress.getByName("10.9.9.9"), List.of(Cidr.parse("10.1.0.0/16"))));
        assertTrue(notSite.getMessage().contains("site"));
    }

    @Test
    void loopbackOnlyWhenExplicitlyAllowed() throws Exception {
        OutboundAddressGuard g = new OutboundAddressGuard(List.of(), true);
        assertDoesNotThrow(() -> g.check(InetAddress.getByName("127.0.0.2"), List.of()));
        assertThrows(SecurityException.class, () -> g.check(InetAddress.getByName("169.254.169.254"), List.of()));
    }

    @Test
    void cidrParsesStrictlyAndMatches() throws Exception {
        Cidr net = Cidr.parse("192.168.1.0/24");
        assertTrue(net.contains(InetAddress.getByName("192.168.1.77")));
        assertFalse(net.contains(InetAddress.getByName("192.168.2.1")));
        assertTrue(net.contains(InetAddress.getByName("::ffff:192.168.1.5")));
        assertEquals("192.168.1.0/24", Cidr.parse("192.168.1.99/24").toString());
        assertTrue(Cidr.parse("fd00::/8").contains(InetAddress.getByName("fd12::1")));
        for (String bad : new String[] {"example.com/24", "10.0.0.0/33", "300.1.1.1", "10.0.0/8", "", "10.0.0.0/x"}) {
            assertThrows(IllegalArgumentException.class, () -> Cidr.parse(bad), bad);
        }
    }
}
