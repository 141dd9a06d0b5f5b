package org.endpointmanager.vendor.snom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.vendor.PhoneIdentity;
import org.junit.jupiter.api.Test;

class SnomUserAgentTest {

    @Test
    void currentFirmwareGivesModelFirmwareAndMac() {
        PhoneIdentity id = SnomUserAgent.parse(SnomConformanceTest.UA_D785).orElseThrow();
        assertEquals("snom", id.vendor());
        assertEquals(Optional.of("D785"), id.model());
        assertEquals(Optional.of("10.1.169.16"), id.firmware());
        assertEquals(Optional.of(MacAddress.parse("00041396D9B4")), id.mac());
    }

    @Test
    void olderFirmwareHasNoMac() {
        PhoneIdentity id = SnomUserAgent.parse(SnomConformanceTest.UA_710_OLD).orElseThrow();
        assertEquals(Optional.of("710"), id.model());
        assertEquals(Optional.of("8.7.3.19"), id.firmware());
        assertEquals(Optional.empty(), id.mac());
        PhoneIdentity v65 = SnomUserAgent.parse(
                "Mozilla/4.0 (compatible; snom320-SIP 6.5.20; snom320 jffs2 v3.36; snom320 linux 3.38)").orElseThrow();
        assertEquals(Optional.of("320"), v65.model());
        assertEquals(Optional.empty(), v65.mac());
    }

    @Test
    void macOnEightSevenFive() {
        PhoneIdentity id = SnomUserAgent.parse(SnomConformanceTest.UA_710).orElseThrow();
        assertEquals(Optional.of(MacAddress.parse("000413741767")), id.mac());
    }

    @Test
    void refusesOtherAndHostileStrings() {
        assertTrue(SnomUserAgent.parse("Yealink SIP-T46G 28.83.0.50 00:15:65:4f:9e:10").isEmpty());
        assertTrue(SnomUserAgent.parse("snom").isEmpty());
        assertTrue(SnomUserAgent.parse("snomD785-SIP").isEmpty());
        assertTrue(SnomUserAgent.parse("snomD785-SIP x.y").isEmpty());
        assertTrue(SnomUserAgent.parse("snom" + "D".repeat(40) + "-SIP 10.1.1.1").isEmpty(), "model too long");
        // bounded: a huge string is refused outright instead of scanned
        assertTrue(SnomUserAgent.parse(SnomConformanceTest.UA_D785 + " ".repeat(1_000_000)).isEmpty());
        assertTrue(SnomUserAgent.parse(("snomD785-SIP 1." + "1".repeat(20) + " ").repeat(10)).isEmpty());
        // a lower-case hex word is a build hash, not the MAC
        PhoneIdentity id = SnomUserAgent.parse("Mozilla/4.0 (compatible; snomD785-SIP 10.1.169.16 00041396d9b4)").orElseThrow();
        assertEquals(Optional.empty(), id.mac());
    }
}
