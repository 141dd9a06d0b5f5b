package org.endpointmanager.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecordIdsTest {

    @Test
    void idsAreVersion7UuidsOrderedByTimeAndUnique() {
        Instant at = Instant.parse("2026-11-23T12:00:00.123Z");
        UUID id = UUID.fromString(RecordIds.timeOrdered(at));
        assertEquals(7, id.version());
        assertEquals(2, id.variant(), "RFC 9562 variant");
        assertEquals(at.toEpochMilli(), id.getMostSignificantBits() >>> 16, "the first 48 bits are the millis");
        String earlier = RecordIds.timeOrdered(at);
        String later = RecordIds.timeOrdered(at.plusMillis(1));
        assertTrue(earlier.compareTo(later) < 0, "text order follows time");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            assertTrue(seen.add(RecordIds.timeOrdered(at)), "unique within one millisecond");
        }
    }
}
