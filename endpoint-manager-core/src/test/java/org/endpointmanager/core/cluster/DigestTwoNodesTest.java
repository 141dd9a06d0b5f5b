package org.endpointmanager.core.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.endpointmanager.core.EndpointManager;
import org.endpointmanager.core.store.Database.DbKind;
import org.endpointmanager.core.store.TestDatabases;
import org.endpointmanager.testkit.TestingHostContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A phone with HTTP Digest credentials behind a load balancer without sticky sessions: the
 * challenge comes from node A, the answer lands on node B and is served, and the same answer
 * replayed on A is refused, over real HTTP against two engines on one database.
 */
class DigestTwoNodesTest {

    private static final String DEVICE = """
            {"mac":"02:E3:A1:00:00:42","vendor":"example","model":"EP200","label":"Digest",
             "username":"2042","password":"node-secret-42"}""";
    private static final String URI_A = "/provision/a/02e3a1000042";
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path root;

    @ParameterizedTest(name = "{0}")
    @EnumSource(DbKind.class)
    void aChallengeFromOneNodeIsAnsweredOnTheOtherAndAReplayIsRefusedEverywhere(DbKind kind) throws Exception {
        try (TestDatabases.EmptyDatabase shared = TestDatabases.createEmpty(kind);
                EndpointManager a = node("a", shared.url());
                EndpointManager b = node("b", shared.url())) {
            assertEquals(201, post(a, "/console/endpoint-manager/devices", DEVICE).statusCode());
            HttpResponse<String> creds = post(a, "/console/endpoint-manager/devices/02e3a1000042/http-credentials",
                    "{\"username\":\"phone1001\",\"password\":\"digest-pass-1\"}");
            assertEquals(200, creds.statusCode(), creds.body());
            assertEquals(404, get(b, "/provision/02e3a1000042", Map.of()).statusCode(), "no file without credentials");

            HttpResponse<String> challenge = get(a, URI_A, Map.of());
            assertEquals(401, challenge.statusCode());
            String nonce = DigestAnswer.nonceOf(challenge.headers().firstValue("WWW-Authenticate").orElseThrow());

            String first = DigestAnswer.withQop("phone1001", "digest-pass-1", nonce, 1, URI_A);
            HttpResponse<String> onB = get(b, URI_A, Map.of("Authorization", first));
            assertEquals(200, onB.statusCode(), "A's challenge answered on B");
            assertTrue(onB.body().contains("2042"), onB.body());
            // a replay passes the nonce check (the nonce is alive) and fails the counter: a refusal, 404
            assertEquals(404, get(a, URI_A, Map.of("Authorization", first)).statusCode(), "B's nc=1 replayed on A");
            assertEquals(404, get(b, URI_A, Map.of("Authorization", first)).statusCode(), "and on B");

            String second = DigestAnswer.withQop("phone1001", "digest-pass-1", nonce, 2, URI_A);
            assertEquals(200, get(a, URI_A, Map.of("Authorization", second)).statusCode(), "the next nc on A");
            assertEquals(404, get(b, URI_A, Map.of("Authorization", second)).statusCode(), "A's nc=2 replayed on B");

            // an RFC 2069 answer (no qop) is good once, on whichever node it reaches first
            String oneShotNonce = DigestAnswer.nonceOf(get(b, URI_A, Map.of()).headers()
                    .firstValue("WWW-Authenticate").orElseThrow());
            String oneShot = DigestAnswer.withoutQop("phone1001", "digest-pass-1", oneShotNonce, URI_A);
            assertEquals(200, get(a, URI_A, Map.of("Authorization", oneShot)).statusCode());
            assertEquals(401, get(b, URI_A, Map.of("Authorization", oneShot)).statusCode(),
                    "used up: B challenges again, as a single node would");
        }
    }

    private EndpointManager node(String name, String url) {
        return ClusterTestNodes.start(root, name, url);
    }

    private HttpResponse<String> get(EndpointManager node, String path, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + path)).GET();
        headers.forEach(r::header);
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(EndpointManager node, String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + path))
                .header("Authorization", "Bearer " + TestingHostContext.ADMIN_TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
