package org.endpointmanager.core.security;

import org.endpointmanager.testkit.MutableClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.endpointmanager.core.EndpointManager;
import org.endpointmanager.core.config.ConfigLoader;
import org.endpointmanager.core.vendor.VendorRegistry;
import org.endpointmanager.testkit.TestingHostContext;
import org.endpointmanager.testkit.fixture.ExampleVendorPlugin;

/** A real engine on a loopback port with a hand-moved clock, and an HTTP client that sets any header. */
final class SecuredEngine implements AutoCloseable {

    static final String DEVICE = """
            {"mac":"02:E3:A1:12:34:56","vendor":"example","model":"EP200","label":"Ext 1001",
             "username":"1001","password":"Sup3r-Secret-Pw","server":"203.0.113.10:5060"}""";
    static final String MAC = "02e3a1123456";

    final TestingHostContext host;
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    final EndpointManager engine;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    SecuredEngine(Path root, String extraToml) {
        this(new TestingHostContext(root), extraToml);
    }

    SecuredEngine(TestingHostContext host, String extraToml) {
        this.host = host;
        String toml = """
                provision_url_base = "http://127.0.0.1:8080/provision"
                [http]
                bind = "127.0.0.1"
                port = 0
                """ + extraToml;
        VendorRegistry vendors = new VendorRegistry();
        vendors.install(new ExampleVendorPlugin());
        engine = EndpointManager.create(ConfigLoader.parse(toml, "test.toml"), host, vendors, clock);
        engine.start();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + engine.port() + path);
    }

    HttpResponse<byte[]> get(String path, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET();
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> fetch(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String method, String path, Map<String, String> headers, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String bearer, String json) throws IOException, InterruptedException {
        return send("POST", path, Map.of("Authorization", "Bearer " + bearer, "Content-Type", "application/json"), json);
    }

    @Override
    public void close() {
        engine.close();
    }
}
