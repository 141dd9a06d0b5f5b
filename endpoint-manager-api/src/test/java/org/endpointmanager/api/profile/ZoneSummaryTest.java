package org.endpointmanager.api.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ZoneSummaryTest {

    @Test
    void berlinHasCentralEuropeanSummerTimeRules() {
        ZoneSummary berlin = ZoneSummary.of(ZoneId.of("Europe/Berlin"));
        assertEquals(3600, berlin.standardOffsetSeconds());
        assertEquals("CET-1CEST-2,M3.5.0/02:00:00,M10.5.0/03:00:00", berlin.posix());
        assertEquals("+1", berlin.standardOffsetText());
    }

    @Test
    void newYorkHasUsRules() {
        ZoneSummary ny = ZoneSummary.of(ZoneId.of("America/New_York"));
        assertEquals(-5 * 3600, ny.standardOffsetSeconds());
        assertEquals("EST5EDT4,M3.2.0/02:00:00,M11.1.0/02:00:00", ny.posix());
        assertEquals("-5", ny.standardOffsetText());
    }

    @Test
    void zonesWithoutDstHaveNoRule() {
        ZoneSummary kolkata = ZoneSummary.of(ZoneId.of("Asia/Kolkata"));
        assertFalse(kolkata.hasDst());
        assertEquals("+5:30", kolkata.standardOffsetText());
        assertEquals("IST-5:30", kolkata.posix());
    }
}
