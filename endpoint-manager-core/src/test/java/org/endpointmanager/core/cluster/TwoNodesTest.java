package org.endpointmanager.core.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.endpointmanager.core.EndpointManager;
import org.endpointmanager.core.http.Json;
import org.endpointmanager.core.jobs.JobRunner;
import org.endpointmanager.core.store.Database.DbKind;
import org.endpointmanager.core.store.JobRecord;
import org.endpointmanager.core.store.TestDatabases;
import org.endpointmanager.testkit.TestingHostContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two engines on one database, as behind a load balancer: what one node is told, the other
 * serves; a job submitted on both runs once; a node with another secret key refuses to start.
 * Polls of the change log are made explicitly, so nothing here waits on a clock.
 */
class TwoNodesTest {

    private static final String DEVICE = """
            {"mac":"02:E3:A1:00:00:42","vendor":"example","model":"EP200","label":"Two nodes",
             "username":"2042","password":"node-secret-42"}""";
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path root;

    @ParameterizedTest(name = "{0}")
    @EnumSource(DbKind.class)
    void aChangeOnOneNodeIsServedByTheOther(DbKind kind) throws Exception {
        try (TestDatabases.EmptyDatabase shared = TestDatabases.createEmpty(kind);
                EndpointManager a = node("a", shared.url(), "shared.key");
                EndpointManager b = node("b", shared.url(), "shared.key")) {
            assertEquals(404, fetch(b, "/provision/02e3a1000042").statusCode(), "not there yet");

            HttpResponse<String> created = post(a, "/console/endpoint-manager/devices", DEVICE);
            assertEquals(201, created.statusCode(), created.body());
            HttpResponse<String> onB = fetch(b, "/provision/02e3a1000042");
            assertEquals(200, onB.statusCode(), "a device added on node A is served by node B");
            assertTrue(onB.body().contains("2042"), onB.body());

            // B has the device cached now: an edit on A must reach it through the change log
            HttpResponse<String> edited = post(a, "/console/endpoint-manager/devices/02e3a1000042/edit",
                    "{\"username\":\"2043\"}");
            assertEquals(200, edited.statusCode(), edited.body());
            b.cluster().pollNow();
            String after = fetch(b, "/provision/02e3a1000042").body();
            assertTrue(after.contains("2043") && !after.contains("2042"), after);

            ObjectNode change = Json.object().put("pbx_host", "pbx-two.example.org");
            a.settings().update(change);
            b.cluster().pollNow(); // B polls every 250 ms anyway; polling here only spares the test a wait
            assertEquals("pbx-two.example.org", b.settings().current().pbxHost(), "a setting changed on A is in force on B");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DbKind.class)
    void aBulkJobSubmittedOnBothNodesRunsOnce(DbKind kind) throws Exception {
        try (TestDatabases.EmptyDatabase shared = TestDatabases.createEmpty(kind);
                EndpointManager a = node("a", shared.url(), "shared.key");
                EndpointManager b = node("b", shared.url(), "shared.key")) {
            List<String> targets = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                targets.add("phone-" + i);
            }
            Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
            JobRunner.ItemAction action = t -> {
                runs.computeIfAbsent(t, k -> new AtomicInteger()).incrementAndGet();
                return new JobRunner.ItemResult(true, "ok");
            };
            CountDownLatch go = new CountDownLatch(1);
            List<Optional<JobRecord>> started = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (EndpointManager node : List.of(a, b)) {
                Thread t = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    Optional<JobRecord> job = node.jobs().submitOnce("bulk-reboot-1", "reboot", "test", "{}", targets,
                            new JobRunner.Options(8, Duration.ZERO), action);
                    synchronized (started) {
                        started.add(job);
                    }
                });
                t.start();
                threads.add(t);
            }
            go.countDown();
            for (Thread t : threads) {
                t.join();
            }
            List<JobRecord> ran = started.stream().flatMap(Optional::stream).toList();
            assertEquals(1, ran.size(), "exactly one node runs the job");
            String id = ran.get(0).id();
            while (!a.database().jobs().find(id).map(j -> j.finishedAt().isPresent()).orElse(false)) {
                Thread.sleep(20);
            }
            assertEquals(50, runs.size());
            runs.forEach((target, n) -> assertEquals(1, n.get(), target + " ran " + n.get() + " times"));
            assertTrue(a.jobs().submitOnce("bulk-reboot-1", "reboot", "test", "{}", targets,
                    new JobRunner.Options(1, Duration.ZERO), action).isEmpty(), "and never again");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DbKind.class)
    void aNodeWithAnotherKeyRefusesToStart(DbKind kind) {
        try (TestDatabases.EmptyDatabase shared = TestDatabases.createEmpty(kind);
                EndpointManager a = node("a", shared.url(), "shared.key")) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> node("c", shared.url(), "other.key"));
            assertTrue(e.getMessage().contains("key id"), e.getMessage());
            assertTrue(a.cluster().node().length() > 0);
        }
    }

    private EndpointManager node(String name, String url, String keyFile) {
        return ClusterTestNodes.start(root, name, url, keyFile, Clock.systemUTC(), "");
    }

    private HttpResponse<String> fetch(EndpointManager node, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(EndpointManager node, String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + path))
                .header("Authorization", "Bearer " + TestingHostContext.ADMIN_TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
