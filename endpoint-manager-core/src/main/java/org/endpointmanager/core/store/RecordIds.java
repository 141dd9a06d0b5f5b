package org.endpointmanager.core.store;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids for rows written at a high rate (fetch records): time-ordered UUIDs (RFC 9562 version 7: 48
 * bits of epoch millis, then random bits). They need to be unique, not secret, so the random part
 * comes from {@link ThreadLocalRandom} instead of the shared, locked {@code SecureRandom} behind
 * {@link UUID#randomUUID()}, which a boot storm's request threads would queue on; and new rows land
 * at the end of the primary-key index instead of at random places in it.
 */
public final class RecordIds {

    private RecordIds() {
    }

    /** A new version-7 UUID for a row made at {@code at}. */
    public static String timeOrdered(Instant at) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long millis = at.toEpochMilli() & 0xFFFF_FFFF_FFFFL;
        long high = (millis << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }
}
