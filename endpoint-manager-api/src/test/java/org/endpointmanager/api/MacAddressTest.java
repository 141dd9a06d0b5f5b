package org.endpointmanager.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MacAddressTest {

    @ParameterizedTest
    @ValueSource(strings = {"80:5E:C0:12:34:56", "80-5e-c0-12-34-56", "805e.c012.3456", "805EC0123456", "805ec0123456"})
    void everySpellingIsTheSameMac(String spelling) {
        MacAddress mac = MacAddress.parse(spelling);
        assertEquals("805ec0123456", mac.lower());
        assertEquals("805EC0123456", mac.upper());
        assertEquals("80:5e:c0:12:34:56", mac.colons());
        assertEquals("805ec0", mac.oui());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "805ec012345", "805ec01234567", "80:5e:c0:12:34-56", "zz5ec0123456",
            "80:5e:c0:12:34:5g", "805e.c012-3456", "../etc/passwd", "80 5e c0 12 34 56", "8:05e:c0:12:34:56"})
    void malformedMacsAreRefused(String text) {
        assertTrue(MacAddress.tryParse(text).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> MacAddress.parse(text));
    }

    @org.junit.jupiter.api.Test
    void nullIsRefused() {
        assertTrue(MacAddress.tryParse(null).isEmpty());
    }
}
