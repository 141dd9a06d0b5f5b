package org.endpointmanager.core.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.endpointmanager.core.store.Database.DbKind;
import org.endpointmanager.core.store.TestDatabases;
import org.endpointmanager.testkit.MutableClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A claim (an idempotency key's job) belongs to its first caller until it expires, then to the next. */
class LeaseClaimsTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(DbKind.class)
    void aClaimIsTheFirstCallersUntilItExpires(DbKind kind) {
        try (TestDatabases.TestDatabase t = TestDatabases.open(kind)) {
            MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
            Leases a = new Leases(t.database().background(), "node-a", clock);
            Leases b = new Leases(t.database().background(), "node-b", clock);
            Duration ttl = Duration.ofHours(24);

            assertEquals(Optional.empty(), a.claim("idempotency:k", "job-1", ttl), "first: recorded");
            assertEquals(Optional.of("job-1"), b.claim("idempotency:k", "job-2", ttl), "another node: the earlier value");
            assertEquals(Optional.of("job-1"), a.claim("idempotency:k", "job-3", ttl), "the same node too");

            clock.advance(ttl.plusSeconds(1));
            assertEquals(Optional.empty(), b.claim("idempotency:k", "job-4", ttl), "expired: taken over");
            assertEquals(Optional.of("job-4"), a.claim("idempotency:k", "job-5", ttl));

            clock.advance(ttl.plusHours(2));
            assertEquals(1, a.purgeExpired(clock.millis() - Duration.ofHours(1).toMillis()), "purged once expired");
            assertEquals(Optional.empty(), a.claim("idempotency:k", "job-6", ttl), "a purged claim is new again");
            assertEquals(true, a.acquireForever("once:k"));
            assertEquals(1, a.purgeExpired(clock.millis() + ttl.toMillis() * 10), "the claim, not what is kept for good");
            assertEquals(false, b.acquireForever("once:k"), "still taken for good");
        }
    }
}
