package org.endpointmanager.core.tftp;

import static org.endpointmanager.testkit.TestingHostContext.ADMIN_TOKEN;
import static org.endpointmanager.testkit.TestingHostContext.OPERATOR_TOKEN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.endpointmanager.core.EndpointManager;
import org.endpointmanager.core.config.ConfigLoader;
import org.endpointmanager.core.vendor.VendorRegistry;
import org.endpointmanager.testkit.TestingHostContext;
import org.endpointmanager.testkit.fixture.ExampleVendorPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TFTP through the real engine: same bytes as HTTP, refused like HTTP, switched by the setting at run time. */
class TftpEngineTest {

    @TempDir
    Path root;

    @Test
    void tftpServesWhatHttpServesAndFollowsTheSetting() throws Exception {
        String toml = """
                provision_url_base = "http://127.0.0.1:8080/provision"
                [http]
                bind = "127.0.0.1"
                port = 0
                [tftp]
                enabled = true
                bind = "127.0.0.1"
                port = 0
                """;
        VendorRegistry vendors = new VendorRegistry();
        vendors.install(new ExampleVendorPlugin());
        HttpClient http = HttpClient.newHttpClient();
        try (EndpointManager engine = EndpointManager.create(ConfigLoader.parse(toml, "t.toml"),
                new TestingHostContext(root), vendors, Clock.systemUTC())) {
            engine.start();
            String base = "http://127.0.0.1:" + engine.port();
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/console/endpoint-manager/devices"))
                    .header("Authorization", "Bearer " + OPERATOR_TOKEN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"mac":"02:E3:A1:00:00:09","vendor":"example","model":"EP100","username":"1009","password":"pw"}"""))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());
            byte[] overHttp = http.send(HttpRequest.newBuilder(URI.create(base + "/provision/example-02e3a1000009.cfg"))
                            .header("User-Agent", "ExamplePhone EP100 1.0 02e3a1000009").build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body();

            int port = engine.tftp().port().orElseThrow();
            try (TftpTestClient c = new TftpTestClient(port)) {
                TftpTestClient.Result r = c.read("example-02e3a1000009.cfg");
                assertTrue(r.ok(), r.errorMessage());
                assertArrayEquals(overHttp, r.data());
                assertEquals(1, c.read("example-02e3a1999999.cfg").errorCode(), "unknown device: file not found");
            }
            assertEquals("tftp", engine.database().fetches().latest(
                    org.endpointmanager.api.MacAddress.parse("02e3a1000009")).orElseThrow().transport());

            HttpResponse<String> off = http.send(HttpRequest.newBuilder(URI.create(base + "/console/endpoint-manager/settings"))
                    .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"tftp_enabled\": false}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, off.statusCode(), off.body());
            assertEquals(Optional.empty(), engine.tftp().port());
            engine.settings().update((com.fasterxml.jackson.databind.node.ObjectNode)
                    org.endpointmanager.core.http.Json.parseObject("{\"tftp_enabled\": true}"));
            assertTrue(engine.tftp().port().isPresent());
        }
    }
}
