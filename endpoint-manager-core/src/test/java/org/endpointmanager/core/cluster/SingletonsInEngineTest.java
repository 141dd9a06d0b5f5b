package org.endpointmanager.core.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.endpointmanager.core.EndpointManager;
import org.endpointmanager.core.store.Database.DbKind;
import org.endpointmanager.core.store.JobItemRecord;
import org.endpointmanager.core.store.JobRecord;
import org.endpointmanager.core.store.TestDatabases;
import org.endpointmanager.testkit.TestingHostContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two engines on one database: one of them does the cluster's maintenance, and every job kind the
 * engine starts can be resumed with the action its own service rebuilds from the job's params.
 */
class SingletonsInEngineTest {

    private static final String DEVICE = """
            {"mac":"02:E3:A1:00:00:51","vendor":"example","model":"EP200","label":"Resumed",
             "username":"2051","password":"resume-secret-51"}""";

    @TempDir
    Path root;

    @ParameterizedTest(name = "{0}")
    @EnumSource(DbKind.class)
    void oneNodeLeadsAndJobsLeftByAStoppedNodeAreFinishedByTheirOwnService(DbKind kind) throws Exception {
        try (TestDatabases.EmptyDatabase shared = TestDatabases.createEmpty(kind);
                EndpointManager a = node("a", shared.url());
                EndpointManager b = node("b", shared.url())) {
            assertNotEquals(a.cluster().leadsMaintenance(), b.cluster().leadsMaintenance(),
                    "exactly one node holds singleton:maintenance");
            for (EndpointManager n : List.of(a, b)) {
                assertTrue(n.jobs().resumableKinds().containsAll(List.of("resync", "reboot", "firmware",
                        "discovery_scan", "provision", "factory_reset")), n.jobs().resumableKinds().toString());
            }
            HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + a.port() + "/console/endpoint-manager/devices"))
                    .header("Authorization", "Bearer " + TestingHostContext.ADMIN_TOKEN)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(DEVICE)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());

            // what a node that died leaves: jobs running, items pending, its lease expired
            String bulkReboot = orphan(a, "reboot", "{\"action\":\"reboot\",\"scope\":\"bulk\",\"via\":\"http_or_sip\"}");
            String oneReboot = orphan(a, "reboot", "{\"action\":\"reboot\",\"scope\":\"device\"}");
            String resync = orphan(a, "resync", "{\"action\":\"resync\",\"scope\":\"device\"}");
            a.jobs().resumeOrphans();
            b.jobs().resumeOrphans();

            JobItemRecord viaFleet = finishedItem(b, bulkReboot);
            assertTrue(viaFleet.detail().startsWith("via sip: "), "the bulk reboot's own service: " + viaFleet);
            JobItemRecord viaNotify = finishedItem(b, oneReboot);
            assertTrue(!viaNotify.detail().startsWith("via ") && !viaNotify.detail().startsWith("not resumable"),
                    "the NOTIFY service: " + viaNotify);
            JobItemRecord resynced = finishedItem(b, resync);
            assertTrue(!resynced.detail().startsWith("not resumable"), resynced.toString());
        }
    }

    private static String orphan(EndpointManager node, String kind, String params) {
        String id = UUID.randomUUID().toString();
        Instant at = Instant.now();
        node.database().jobs().create(new JobRecord(id, kind, "running", "admin", at, Optional.empty(), 1, 0, 0, params),
                List.of(new JobItemRecord(id, 0, "02:e3:a1:00:00:51", "pending", "", at)));
        node.database().jdbi().useHandle(h -> h.createUpdate("INSERT INTO endpoint_leases (name, holder, expires_at) "
                + "VALUES (:name, 'gone-node', 1)").bind("name", "job:" + id).execute());
        return id;
    }

    private static JobItemRecord finishedItem(EndpointManager node, String id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            JobRecord j = node.database().jobs().find(id).orElseThrow();
            if (j.finishedAt().isPresent()) {
                assertEquals("done", j.status());
                return node.database().jobs().items(id).get(0);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("job " + id + " was not resumed: " + node.database().jobs().items(id));
    }

    private EndpointManager node(String name, String url) {
        return ClusterTestNodes.start(root, name, url, "shared.key", Clock.systemUTC(),
                "[sip]\ntransaction_timeout_ms = 500\n");
    }
}
