package org.endpointmanager.core.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.endpointmanager.api.Secret;
import org.endpointmanager.core.security.HttpAuthenticator;
import org.endpointmanager.core.store.Database.DbKind;
import org.endpointmanager.core.store.TestDatabases;
import org.endpointmanager.testkit.MutableClock;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Digest nonces in the shared table, on each database: the counter only rises, a one-shot nonce
 * works once, expiry and purge, the per-node cap, and two nodes racing for the same answer.
 */
class SharedNoncesTest {

    private static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final String USER = "phone1001";
    private static final Secret PASS = Secret.of("digest-pass-1");
    private static final String URI = "/provision/a/02e3a1000042";

    private static boolean verify(HttpAuthenticator auth, String header) {
        HttpAuthenticator.Presented p = HttpAuthenticator.parse(header, false).orElseThrow();
        return auth.nonceUsable(p) && auth.verify(p, USER, PASS, "GET", URI);
    }

    private static String nonce(HttpAuthenticator auth) {
        return DigestAnswer.nonceOf(auth.challenges(false).get(0));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DbKind.class)
    void theCounterMustRiseAndANonceExpires(DbKind kind) {
        try (TestDatabases.TestDatabase t = TestDatabases.open(kind)) {
            MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
            HttpAuthenticator auth = new HttpAuthenticator(clock, LIFETIME, new SharedNonces(t.database().background(), 100));
            String n = nonce(auth);

            assertTrue(verify(auth, DigestAnswer.withQop(USER, "digest-pass-1", n, 1, URI)), "nc=1");
            assertFalse(verify(auth, DigestAnswer.withQop(USER, "digest-pass-1", n, 1, URI)), "nc=1 replayed");
            assertTrue(verify(auth, DigestAnswer.withQop(USER, "digest-pass-1", n, 2, URI)), "nc=2");
            assertFalse(verify(auth, DigestAnswer.withQop(USER, "digest-pass-1", n, 1, URI)), "a lower nc");
            assertFalse(verify(auth, DigestAnswer.withQop(USER, "wrong-pass", n, 5, URI)), "wrong password");
            assertTrue(verify(auth, DigestAnswer.withQop(USER, "digest-pass-1", n, 3, URI)),
                    "a wrong password did not move the counter");

            clock.advance(LIFETIME);
            assertTrue(verify(auth, DigestAnswer.withQop(USER, "digest-pass-1", n, 4, URI)), "fresh up to its lifetime");
            clock.advance(Duration.ofMillis(1));
            HttpAuthenticator.Presented late = HttpAuthenticator.parse(
                    DigestAnswer.withQop(USER, "digest-pass-1", n, 5, URI), false).orElseThrow();
            assertFalse(auth.nonceUsable(late), "stale: the caller challenges again");
            assertFalse(auth.verify(late, USER, PASS, "GET", URI), "stale");
            assertFalse(verify(auth, DigestAnswer.withQop(USER, "digest-pass-1", "0".repeat(32), 1, URI)), "never issued");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DbKind.class)
    void anAnswerWithoutQopUsesTheNonceUp(DbKind kind) {
        try (TestDatabases.TestDatabase t = TestDatabases.open(kind)) {
            MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
            HttpAuthenticator auth = new HttpAuthenticator(clock, LIFETIME, new SharedNonces(t.database().background(), 100));
            String n = nonce(auth);
            String answer = DigestAnswer.withoutQop(USER, "digest-pass-1", n, URI);
            assertTrue(verify(auth, answer));
            HttpAuthenticator.Presented again = HttpAuthenticator.parse(answer, false).orElseThrow();
            assertFalse(auth.nonceUsable(again), "used up: the caller challenges again");
            assertFalse(auth.verify(again, USER, PASS, "GET", URI));
            assertFalse(verify(auth, DigestAnswer.withQop(USER, "digest-pass-1", n, 1, URI)), "gone for qop too");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DbKind.class)
    void aNonceIssuedByOneNodeIsAcceptedOnceByAll(DbKind kind) {
        try (TestDatabases.TestDatabase t = TestDatabases.open(kind)) {
            MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
            HttpAuthenticator a = new HttpAuthenticator(clock, LIFETIME, new SharedNonces(t.database().background(), 100));
            HttpAuthenticator b = new HttpAuthenticator(clock, LIFETIME, new SharedNonces(t.database().background(), 100));
            HttpAuthenticator memory = new HttpAuthenticator(clock, LIFETIME, 100);
            String n = nonce(a);
            assertFalse(verify(memory, DigestAnswer.withQop(USER, "digest-pass-1", n, 1, URI)), "not in another store");
            assertTrue(verify(b, DigestAnswer.withQop(USER, "digest-pass-1", n, 1, URI)), "answered on B");
            assertFalse(verify(a, DigestAnswer.withQop(USER, "digest-pass-1", n, 1, URI)), "replayed on A");
            assertTrue(verify(a, DigestAnswer.withQop(USER, "digest-pass-1", n, 2, URI)));
            assertFalse(verify(b, DigestAnswer.withQop(USER, "digest-pass-1", n, 2, URI)), "replayed on B");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DbKind.class)
    void purgeRemovesExpiredRowsAndChallengesPurgeOnceAMinute(DbKind kind) {
        try (TestDatabases.TestDatabase t = TestDatabases.open(kind)) {
            Jdbi jdbi = t.database().background();
            SharedNonces store = new SharedNonces(jdbi, 100);
            long t0 = Instant.parse("2025-03-01T10:00:00Z").toEpochMilli();
            for (int i = 0; i < 5; i++) {
                store.issue(hex(i), t0);
            }
            store.issue(hex(10), t0 + 60_000);
            assertEquals(0, store.purge(t0), "issued at the floor: still fresh");
            assertEquals(5, store.purge(t0 + 1));
            assertEquals(1, store.rows());
            assertTrue(store.usable(hex(10), t0 + 1));
            assertFalse(store.usable(hex(1), 0), "purged");

            // the same through the authenticator: the first challenge purges, then once a minute
            MutableClock clock = new MutableClock(Instant.ofEpochMilli(t0 + 60_000));
            HttpAuthenticator auth = new HttpAuthenticator(clock, LIFETIME, store);
            auth.challenges(false);
            assertEquals(2, store.rows());
            clock.advance(LIFETIME.plusMillis(1));
            auth.challenges(false);
            assertEquals(1, store.rows(), "the two older ones expired and were purged");
            clock.advance(LIFETIME.plusMillis(1));
            auth.challenges(false);
            auth.challenges(false);
            assertEquals(2, store.rows(), "purged with the first of these two challenges");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DbKind.class)
    void aFloodOfChallengesKeepsTheTableBounded(DbKind kind) {
        try (TestDatabases.TestDatabase t = TestDatabases.open(kind)) {
            SharedNonces store = new SharedNonces(t.database().background(), 20, 5);
            long at = Instant.parse("2025-03-01T10:00:00Z").toEpochMilli();
            for (int i = 0; i < 200; i++) {
                store.issue(hex(i), at);
                assertTrue(store.rows() <= 24, "at most the cap plus one batch: " + store.rows());
            }
            assertTrue(store.usable(hex(199), at), "the newest stays");
            assertFalse(store.usable(hex(0), at), "the oldest went first");
            assertEquals(20, store.rows());
            // a second node's cap is its own: it drops its own oldest, never the first node's
            SharedNonces other = new SharedNonces(t.database().background(), 20, 5);
            for (int i = 1000; i < 1030; i++) {
                other.issue(hex(i), at);
            }
            assertEquals(40, store.rows());
            for (int i = 180; i < 200; i++) {
                assertTrue(store.usable(hex(i), at), hex(i));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DbKind.class)
    void twoNodesRacingForTheSameAnswerAcceptItOnce(DbKind kind) throws Exception {
        try (TestDatabases.TestDatabase t = TestDatabases.open(kind)) {
            List<SharedNonces> nodes = List.of(new SharedNonces(t.database().background(), 100),
                    new SharedNonces(t.database().background(), 100));
            long at = Instant.parse("2025-03-01T10:00:00Z").toEpochMilli();
            int threads = 6;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                for (int round = 0; round < 15; round++) {
                    String n = hex(round);
                    nodes.get(round % 2).issue(n, at);
                    for (int nc = 1; nc <= 2; nc++) {
                        long count = nc;
                        assertEquals(1, race(pool, threads, i -> nodes.get(i % 2).advance(n, count, at)),
                                "round " + round + " nc=" + nc);
                    }
                    assertEquals(1, race(pool, threads, i -> nodes.get(i % 2).consume(n, at)), "round " + round + " consume");
                }
            } finally {
                pool.shutdownNow();
                assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
            }
        }
    }

    /** Runs {@code attempt} on that many threads released at once; returns how many succeeded. */
    private static long race(ExecutorService pool, int threads, Predicate<Integer> attempt) throws Exception {
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int index = i;
            results.add(pool.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                return attempt.test(index);
            }));
        }
        long won = 0;
        for (Future<Boolean> f : results) {
            won += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        return won;
    }

    private static String hex(int i) {
        return String.format("%032x", i);
    }
}
