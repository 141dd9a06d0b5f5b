package org.endpointmanager.core.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.endpointmanager.core.config.EndpointManagerConfig;
import org.endpointmanager.core.phonebook.GuardedHttpFetcher;
import org.endpointmanager.core.phonebook.PhonebookFormat;
import org.endpointmanager.core.phonebook.PhonebookService;
import org.endpointmanager.core.phonebook.PhonebookSource;
import org.endpointmanager.core.phonebook.PhonebookSourceStore;
import org.endpointmanager.core.registrations.DeviceType;
import org.endpointmanager.core.registrations.RegistrationRow;
import org.endpointmanager.core.registrations.RegistrationStore;
import org.endpointmanager.core.registrations.RegistrationTracker;
import org.endpointmanager.core.registrations.UaClassification;
import org.endpointmanager.core.registrations.UserAgentClassifier;
import org.endpointmanager.core.security.OutboundAddressGuard;
import org.endpointmanager.core.security.SecretBox;
import org.endpointmanager.core.store.ChangeLog;
import org.endpointmanager.core.store.Database;
import org.endpointmanager.core.store.Database.DbKind;
import org.endpointmanager.core.store.TestDatabases;
import org.endpointmanager.core.vendor.VendorRegistry;
import org.endpointmanager.testkit.MutableClock;
import org.endpointmanager.testkit.TestingHostContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two nodes on one database: the phonebook refresher, the registration sweeper and the purges of
 * shared rows run only on the node holding {@code singleton:maintenance}, and the other node takes
 * over when it stops. Leases are ticked and tasks are fired by hand on a {@link MutableClock}:
 * nothing here waits for a timer.
 */
class SingletonTasksTest {

    private static final Instant T = Instant.parse("2030-01-01T00:00:00Z");

    @TempDir
    Path root;

    /** One node: its own connection pool on the shared database, and its periodic tasks. */
    private final class Node implements AutoCloseable {
        final Database db;
        final ClusterNode cluster;
        final PhonebookService phonebook;
        final RegistrationTracker registrations;

        Node(String name, String url, MutableClock clock) {
            db = Database.open(new EndpointManagerConfig.Database(url, Optional.empty(), Optional.empty(), 2),
                    root.resolve(name), SecretBox.open(root.resolve("unused.key"), Optional.of(KEY)));
            cluster = ClusterNode.create(db, clock); // not started: its leases are ticked by the test
            GuardedHttpFetcher fetcher = new GuardedHttpFetcher(new OutboundAddressGuard(List.of(), true),
                    Duration.ofSeconds(2), Duration.ofSeconds(5), 100_000);
            phonebook = new PhonebookService(new PhonebookSourceStore(db.jdbi()),
                    new TestingHostContext(root.resolve(name)).userDirectory(), fetcher, clock);
            phonebook.onlyWhen(cluster::leadsMaintenance);
            registrations = new RegistrationTracker(new RegistrationStore(db.jdbi()),
                    new UserAgentClassifier(new VendorRegistry()), db.devices(), clock);
            registrations.onlyWhen(cluster::leadsMaintenance);
        }

        @Override
        public void close() {
            cluster.close();
            db.close();
        }
    }

    private static final String KEY = TestDatabases.randomKey();

    @ParameterizedTest(name = "{0}")
    @EnumSource(DbKind.class)
    void onlyTheLeaseHolderRunsTheTasksAndAnotherNodeTakesOverOnceItsLeaseExpires(DbKind kind) throws Exception {
        MutableClock clock = new MutableClock(T);
        AtomicInteger fetches = new AtomicInteger();
        HttpServer source = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        source.createContext("/pb.csv", ex -> {
            fetches.incrementAndGet();
            byte[] body = "name,number\nAlice,401\n".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        source.start();
        try (TestDatabases.EmptyDatabase shared = TestDatabases.createEmpty(kind);
                Node a = new Node("a", shared.url(), clock);
                Node b = new Node("b", shared.url(), clock)) {
            a.cluster.tickLeases();
            b.cluster.tickLeases();
            assertTrue(a.cluster.leadsMaintenance(), "the first node to try takes the lease");
            assertFalse(b.cluster.leadsMaintenance(), "the other does not while it is held");

            // the phonebook refresher: one fetch of the source, by the lease holder
            new PhonebookSourceStore(a.db.jdbi()).insert(new PhonebookSource("s1", "Branch",
                    "http://127.0.0.1:" + source.getAddress().getPort() + "/pb.csv", PhonebookFormat.CSV, true, 1,
                    List.of(), Optional.empty(), Optional.empty(), Optional.empty(), T, T));
            assertFalse(b.phonebook.scheduledRefresh());
            assertEquals(0, fetches.get(), "the node without the lease fetches nothing");
            assertTrue(a.phonebook.scheduledRefresh());
            assertEquals(1, fetches.get());
            assertEquals(1, b.phonebook.sources().find("s1").orElseThrow().lastEntries().size(),
                    "both nodes serve what the holder fetched");

            // the registration sweeper: a binding lapsed 8 days ago is deleted by the holder only
            RegistrationStore registrations = new RegistrationStore(a.db.jdbi());
            registrations.put(lapsed("sip:1001@192.0.2.20", T.minus(Duration.ofDays(8))));
            assertEquals(-1, b.registrations.scheduledSweep());
            assertEquals(1, registrations.all().size());
            assertEquals(1, a.registrations.scheduledSweep());
            assertEquals(0, registrations.all().size());

            // the purges of shared rows: old changes, and lock-out counters idle for two days
            b.db.changes().append(ChangeLog.Entity.DEVICE, "x");
            new SharedLockouts(b.db.background(), b.db.changes()).addMiss("provision", "192.0.2.9",
                    T.minus(Duration.ofDays(2)).toEpochMilli(), 60_000);
            assertFalse(b.cluster.housekeeping());
            assertFalse(a.db.changes().since(0, 10).isEmpty());
            assertEquals(1, lockoutRows(a.db));
            assertTrue(a.cluster.housekeeping());
            assertTrue(a.db.changes().since(0, 10).isEmpty(), "changes older than an hour are purged by the holder");
            assertEquals(0, lockoutRows(a.db), "and idle lock-out rows");

            // A dies: its pool is gone, so its lease is neither renewed nor released
            a.db.close();
            clock.advance(Duration.ofSeconds(10));
            b.cluster.tickLeases();
            assertFalse(b.cluster.leadsMaintenance(), "the lease runs 15 s: B waits for it to expire");
            assertFalse(b.phonebook.scheduledRefresh());
            clock.advance(Duration.ofSeconds(6));
            b.cluster.tickLeases();
            assertTrue(b.cluster.leadsMaintenance(), "B takes the expired lease");
            clock.advance(Duration.ofMinutes(1)); // the source is due again
            assertTrue(b.phonebook.scheduledRefresh());
            assertEquals(2, fetches.get(), "B refreshes now");
            registrations = new RegistrationStore(b.db.jdbi());
            registrations.put(lapsed("sip:1002@192.0.2.21", T.minus(Duration.ofDays(8))));
            assertEquals(1, b.registrations.scheduledSweep());
        } finally {
            source.stop(0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DbKind.class)
    void aNodeThatStopsCleanlyHandsTheLeaseOverAtOnce(DbKind kind) {
        MutableClock clock = new MutableClock(T);
        try (TestDatabases.EmptyDatabase shared = TestDatabases.createEmpty(kind);
                Node b = new Node("b", shared.url(), clock)) {
            Node a = new Node("a", shared.url(), clock);
            a.cluster.tickLeases();
            b.cluster.tickLeases();
            assertTrue(a.cluster.leadsMaintenance());
            assertFalse(b.cluster.leadsMaintenance());
            a.close(); // releases the lease
            b.cluster.tickLeases();
            assertTrue(b.cluster.leadsMaintenance(), "no wait for expiry after a clean stop");
            assertEquals(0, b.registrations.scheduledSweep());
        }
    }

    private static long lockoutRows(Database db) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM endpoint_lockouts").mapTo(Long.class).one());
    }

    private static RegistrationRow lapsed(String contact, Instant at) {
        return new RegistrationRow("1001", contact, "192.0.2.20", 5062, "udp", Optional.empty(),
                new UaClassification(DeviceType.SOFTPHONE, Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty()), at.minusSeconds(3600), at);
    }
}
