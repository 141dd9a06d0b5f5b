package org.endpointmanager.vendor.grandstream.driver;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.endpointmanager.core.EndpointManager;
import org.endpointmanager.core.config.ConfigLoader;
import org.endpointmanager.core.http.Json;
import org.endpointmanager.core.vendor.VendorRegistry;
import org.endpointmanager.testkit.TestingHostContext;
import org.endpointmanager.vendor.grandstream.GrandstreamVendorPlugin;

/** A real engine with the Grandstream plug-in on a random loopback port, and an HTTP client to it. */
final class ControlEngine implements AutoCloseable {

    final EndpointManager engine;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ControlEngine(Path root, boolean allowLoopback) {
        this(root, allowLoopback, "");
    }

    /** With more TOML appended (for example a short SIP timer for NOTIFYs that go unanswered). */
    ControlEngine(Path root, boolean allowLoopback, String moreToml) {
        String toml = """
                provision_url_base = "http://127.0.0.1:8080/provision"
                [http]
                bind = "127.0.0.1"
                port = 0
                [control]
                allowed_subnets = ["10.0.0.0/8"]
                allow_loopback = %s
                """.formatted(allowLoopback) + moreToml;
        VendorRegistry vendors = new VendorRegistry();
        vendors.install(new GrandstreamVendorPlugin());
        engine = EndpointManager.create(ConfigLoader.parse(toml, "test.toml"), new TestingHostContext(root), vendors,
                Clock.systemUTC());
        engine.start();
    }

    HttpResponse<String> send(String method, String path, String token, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + engine.port()
                + "/console/endpoint-manager" + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(HttpResponse<String> r) throws IOException {
        return Json.mapper().readTree(r.body());
    }

    /** Waits for a job to end (a deadline, not an assertion on time) and returns it with its items. */
    JsonNode awaitJob(String jobId, String token) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            JsonNode job = json(send("GET", "/jobs/" + jobId, token, null));
            String status = job.get("status").asText();
            if (!status.equals("queued") && !status.equals("running")) {
                return job;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job did not end: " + job);
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        engine.close();
    }
}
