package org.endpointmanager.core.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.endpointmanager.core.EndpointManager;
import org.endpointmanager.core.http.Json;
import org.endpointmanager.core.store.Database.DbKind;
import org.endpointmanager.core.store.TestDatabases;
import org.endpointmanager.testkit.TestingHostContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A bulk request retried with the same {@code Idempotency-Key}, on the same node or another one
 * behind the load balancer, returns the job the first attempt started; another key starts another
 * job; a malformed key is refused before anything starts.
 */
class IdempotentBulkTest {

    private static final String DEVICE = """
            {"mac":"02:E3:A1:00:00:43","vendor":"example","model":"EP200","label":"Idempotent",
             "username":"2043","password":"node-secret-43"}""";
    private static final String BULK = "{\"phone_ids\":[\"02:E3:A1:00:00:43\"],\"concurrency\":1}";
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path root;

    @ParameterizedTest(name = "{0}")
    @EnumSource(DbKind.class)
    void aRetriedBulkRequestStartsOneJob(DbKind kind) throws Exception {
        try (TestDatabases.EmptyDatabase shared = TestDatabases.createEmpty(kind);
                EndpointManager a = ClusterTestNodes.start(root, "a", shared.url());
                EndpointManager b = ClusterTestNodes.start(root, "b", shared.url())) {
            assertEquals(201, post(a, "/console/endpoint-manager/devices", DEVICE, Map.of()).statusCode());
            long jobsBefore = jobs(a);

            HttpResponse<String> first = post(a, "/console/endpoint-manager/fleet/bulk/resync", BULK,
                    Map.of("Idempotency-Key", "storm-2026-11-23:1"));
            assertEquals(202, first.statusCode(), first.body());
            String id = Json.parseObject(first.body()).get("id").asText();

            for (EndpointManager node : new EndpointManager[] {a, b}) {
                HttpResponse<String> again = post(node, "/console/endpoint-manager/fleet/bulk/resync", BULK,
                        Map.of("Idempotency-Key", "storm-2026-11-23:1"));
                assertEquals(202, again.statusCode(), again.body());
                assertEquals(id, Json.parseObject(again.body()).get("id").asText(), "the first attempt's job");
            }
            assertEquals(jobsBefore + 1, jobs(a), "one job for three attempts");

            HttpResponse<String> other = post(b, "/console/endpoint-manager/fleet/bulk/resync", BULK,
                    Map.of("Idempotency-Key", "storm-2026-11-23:2"));
            assertNotEquals(id, Json.parseObject(other.body()).get("id").asText(), "another key, another job");
            HttpResponse<String> plain = post(b, "/console/endpoint-manager/fleet/bulk/resync", BULK, Map.of());
            assertEquals(202, plain.statusCode(), "no key: a job each time, as before");
            assertEquals(jobsBefore + 3, jobs(a));

            HttpResponse<String> bad = post(a, "/console/endpoint-manager/fleet/bulk/resync", BULK,
                    Map.of("Idempotency-Key", "spaces are not allowed"));
            assertEquals(400, bad.statusCode(), bad.body());
            JsonNode error = Json.parseObject(bad.body());
            assertEquals("Idempotency-Key", error.path("field").asText(), bad.body());
            assertEquals(jobsBefore + 3, jobs(a), "nothing started for a malformed key");
        }
    }

    private static long jobs(EndpointManager node) {
        return node.database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM endpoint_jobs")
                .mapTo(Long.class).one());
    }

    private HttpResponse<String> post(EndpointManager node, String path, String json, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + path))
                .header("Authorization", "Bearer " + TestingHostContext.ADMIN_TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
