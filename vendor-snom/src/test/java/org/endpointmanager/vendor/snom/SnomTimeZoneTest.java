package org.endpointmanager.vendor.snom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.endpointmanager.api.profile.Profile;
import org.endpointmanager.testkit.Profiles;
import org.junit.jupiter.api.Test;

class SnomTimeZoneTest {

    private final SnomTimeZones zones = SnomTimeZones.load();

    @Test
    void namedZones() {
        assertEquals(Optional.of("GER+1"), zones.snomName(ZoneId.of("Europe/Berlin")));
        assertEquals(Optional.of("USA-5"), zones.snomName(ZoneId.of("America/New_York")));
        assertEquals(Optional.of("GBR-0"), zones.snomName(ZoneId.of("Europe/London")));
        assertEquals(Optional.of("USA-8"), zones.snomName(ZoneId.of("America/Los_Angeles")));
        assertEquals(Optional.of("USA2-7"), zones.snomName(ZoneId.of("America/Phoenix")));
        assertEquals(Optional.of("CAN-3.5"), zones.snomName(ZoneId.of("America/St_Johns")));
    }

    @Test
    void unnamedZonesFallBackToTheirOffsetAndDstHabit() {
        // +1 without DST: West Africa, not Germany's rule
        assertEquals(Optional.of("WAT+1"), zones.snomName(ZoneId.of("Africa/Lagos")));
        // -5 without DST
        assertEquals(Optional.of("COL-5"), zones.snomName(ZoneId.of("America/Lima")));
        // -5 with DST, not in the list by name
        assertEquals(Optional.of("USA-5"), zones.snomName(ZoneId.of("America/Nassau")));
        assertEquals(Optional.of("IND+5.5"), zones.snomName(ZoneId.of("Asia/Kolkata")));
        // +5:45 has no Snom zone at all
        assertEquals(Optional.empty(), zones.snomName(ZoneId.of("Asia/Kathmandu")));
    }

    @Test
    void renderedForNewYorkAndBerlin() {
        for (Map.Entry<String, String> e : Map.of("America/New_York", "USA-5", "Europe/Berlin", "GER+1").entrySet()) {
            Profile p = Profiles.full().toBuilder().timeZone(ZoneId.of(e.getKey())).build();
            Map<String, String> s = SnomFiles.settings(SnomTestSupport.render("000413A11FA7.xml", p, "D785").body());
            assertEquals(e.getValue(), s.get("timezone"), e.getKey());
        }
        Profile kathmandu = Profiles.full().toBuilder().timeZone(ZoneId.of("Asia/Kathmandu")).build();
        Map<String, String> s = SnomFiles.settings(SnomTestSupport.render("000413A11FA7.xml", kathmandu, "D785").body());
        assertEquals(null, s.get("timezone"), "left out rather than wrong");
    }
}
