package org.endpointmanager.core.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;
import org.endpointmanager.core.EndpointManager;
import org.endpointmanager.core.firmware.FirmwareRecord;
import org.endpointmanager.core.firmware.FirmwareUpload;
import org.endpointmanager.core.http.Json;
import org.endpointmanager.core.store.Database.DbKind;
import org.endpointmanager.core.store.TestDatabases;
import org.endpointmanager.testkit.TestingHostContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The reads every provisioning request makes are answered from memory (device access rows,
 * firmware choices), yet a write is in force at once on the node that made it and, after one poll
 * of the change log, on the other. Each node reads first, so the stale value is in its cache when
 * the other node writes. Polls are made explicitly; nothing waits on a clock.
 */
class CachedReadsTwoNodesTest {

    private static final String MAC = "02e3a1000077";
    private static final String DEVICE = """
            {"mac":"02:E3:A1:00:00:77","vendor":"example","model":"EP200","label":"Cached",
             "username":"2077","password":"node-secret-77"}""";
    private static final String DEVICES = "/console/endpoint-manager/devices/" + MAC;
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path root;

    @ParameterizedTest(name = "{0}")
    @EnumSource(DbKind.class)
    void credentialsSetOnOneNodeAreRequiredOnBothAndRemovedOnBoth(DbKind kind) throws Exception {
        try (TestDatabases.EmptyDatabase shared = TestDatabases.createEmpty(kind);
                EndpointManager a = node("a", shared.url());
                EndpointManager b = node("b", shared.url())) {
            assertEquals(201, post(a, "/console/endpoint-manager/devices", DEVICE).statusCode());
            assertEquals(200, fetch(a, "/provision/" + MAC, null).statusCode());
            assertEquals(200, fetch(b, "/provision/" + MAC, null).statusCode(), "B caches the row: no credentials");

            assertEquals(200, post(a, DEVICES + "/http-credentials",
                    "{\"username\":\"phone77\",\"password\":\"pass-word-77\"}").statusCode());
            assertEquals(404, fetch(a, "/provision/" + MAC, null).statusCode(), "in force at once where it was set");
            b.cluster().pollNow();
            assertEquals(404, fetch(b, "/provision/" + MAC, null).statusCode(), "in force on B after one poll");

            assertEquals(200, post(b, DEVICES + "/http-credentials", "{}").statusCode(), "removed on B");
            assertEquals(200, fetch(b, "/provision/" + MAC, null).statusCode());
            a.cluster().pollNow();
            assertEquals(200, fetch(a, "/provision/" + MAC, null).statusCode(), "A no longer asks for them");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DbKind.class)
    void aDeviceDeletedAndAddedAgainHasNoneOfItsOldCredentialsOnEitherNode(DbKind kind) throws Exception {
        try (TestDatabases.EmptyDatabase shared = TestDatabases.createEmpty(kind);
                EndpointManager a = node("a", shared.url());
                EndpointManager b = node("b", shared.url())) {
            assertEquals(201, post(a, "/console/endpoint-manager/devices", DEVICE).statusCode());
            assertEquals(200, post(a, DEVICES + "/http-credentials",
                    "{\"username\":\"phone77\",\"password\":\"pass-word-77\"}").statusCode());
            b.cluster().pollNow();
            assertEquals(404, fetch(a, "/provision/" + MAC, null).statusCode(), "both nodes cache the credentials");
            assertEquals(404, fetch(b, "/provision/" + MAC, null).statusCode());

            // the access row goes with the device (ON DELETE CASCADE): a DEVICE change must drop it too
            assertEquals(200, post(a, DEVICES + "/delete", "").statusCode());
            assertEquals(201, post(a, "/console/endpoint-manager/devices", DEVICE).statusCode());
            assertEquals(200, fetch(a, "/provision/" + MAC, null).statusCode(), "the new device has no credentials");
            b.cluster().pollNow();
            assertEquals(200, fetch(b, "/provision/" + MAC, null).statusCode(), "on B either");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DbKind.class)
    void aReplacedTokenStopsWorkingOnBothNodes(DbKind kind) throws Exception {
        try (TestDatabases.EmptyDatabase shared = TestDatabases.createEmpty(kind);
                EndpointManager a = node("a", shared.url());
                EndpointManager b = node("b", shared.url())) {
            assertEquals(201, post(a, "/console/endpoint-manager/devices", DEVICE).statusCode());
            String first = rotate(a);
            b.cluster().pollNow();
            assertEquals(200, fetch(b, first + "example-" + MAC + ".cfg", null).statusCode(), "B learns the token and caches it");
            assertEquals(200, fetch(a, first + "example-" + MAC + ".cfg", null).statusCode(), "A too");

            String second = rotate(a);
            assertEquals(200, fetch(a, second + "example-" + MAC + ".cfg", null).statusCode(), "the new token works at once on A");
            // the phone fetched with the new token: the first one is dead, on A at once
            assertEquals(404, fetch(a, first + "example-" + MAC + ".cfg", null).statusCode(), "the old token is refused on A at once");
            b.cluster().pollNow();
            assertEquals(404, fetch(b, first + "example-" + MAC + ".cfg", null).statusCode(), "and on B after one poll");
            assertEquals(200, fetch(b, second + "example-" + MAC + ".cfg", null).statusCode());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DbKind.class)
    void firmwareAddedOrDeletedOnOneNodeIsChosenOrDroppedOnBoth(DbKind kind) throws Exception {
        try (TestDatabases.EmptyDatabase shared = TestDatabases.createEmpty(kind);
                EndpointManager a = node("a", shared.url());
                EndpointManager b = node("b", shared.url())) {
            Optional<String> model = Optional.of("EP200");
            assertTrue(a.firmware().select("example", model, Optional.empty()).isEmpty());
            assertTrue(b.firmware().select("example", model, Optional.empty()).isEmpty(), "B caches the empty list");

            FirmwareRecord added = a.firmware().add(new FirmwareUpload("example", model, "2.0", Optional.empty(), ""),
                    a.firmware().stage("ep200.bin", new ByteArrayInputStream(new byte[] {1, 2, 3})));
            assertEquals(Optional.of(added.id()), a.firmware().select("example", model, Optional.empty())
                    .map(FirmwareRecord::id), "chosen at once on A");
            b.cluster().pollNow();
            assertEquals(Optional.of(added.id()), b.firmware().select("example", model, Optional.empty())
                    .map(FirmwareRecord::id), "chosen on B after one poll");

            a.firmware().delete(added.id());
            assertTrue(a.firmware().select("example", model, Optional.empty()).isEmpty(), "dropped at once on A");
            b.cluster().pollNow();
            assertTrue(b.firmware().select("example", model, Optional.empty()).isEmpty(), "dropped on B after one poll");
        }
    }

    private String rotate(EndpointManager node) throws IOException, InterruptedException {
        HttpResponse<String> r = post(node, DEVICES + "/token/rotate", "");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = Json.parseObject(r.body());
        String url = body.get("base_url").asText();
        return url.substring(url.indexOf("/provision/"));
    }

    private EndpointManager node(String name, String url) {
        return ClusterTestNodes.start(root, name, url);
    }

    private HttpResponse<String> fetch(EndpointManager node, String path, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + path)).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(EndpointManager node, String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + path))
                .header("Authorization", "Bearer " + TestingHostContext.ADMIN_TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
