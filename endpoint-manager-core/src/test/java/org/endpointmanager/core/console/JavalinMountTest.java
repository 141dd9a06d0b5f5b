package org.endpointmanager.core.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import org.endpointmanager.core.EndpointManager;
import org.endpointmanager.core.EndpointManagerJavalinPlugin;
import org.endpointmanager.core.config.ConfigLoader;
import org.endpointmanager.core.vendor.VendorRegistry;
import org.endpointmanager.testkit.TestingHostContext;
import org.endpointmanager.testkit.fixture.ExampleVendorPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The add-on mounted into a host's existing Javalin app, next to the host's own routes. */
class JavalinMountTest {

    @TempDir
    Path root;

    @Test
    void addOnServesInsideTheHostsApp() throws Exception {
        TestingHostContext host = new TestingHostContext(root);
        VendorRegistry vendors = new VendorRegistry();
        vendors.install(new ExampleVendorPlugin());
        String toml = "provision_url_base = \"http://127.0.0.1/provision\"\n[http]\nenabled = false\n";
        try (EndpointManager engine = EndpointManager.create(ConfigLoader.parse(toml, "t.toml"), host, vendors, Clock.systemUTC())) {
            Javalin app = Javalin.create(cfg -> {
                cfg.startup.showJavalinBanner = false;
                cfg.routes.get("/host-own-route", ctx -> ctx.result("host"));
                cfg.registerPlugin(new EndpointManagerJavalinPlugin(engine));
            }).start("127.0.0.1", 0);
            try {
                HttpClient http = HttpClient.newHttpClient();
                String base = "http://127.0.0.1:" + app.port();
                assertEquals("host", http.send(HttpRequest.newBuilder(URI.create(base + "/host-own-route")).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode());
                HttpResponse<String> devices = http.send(HttpRequest.newBuilder(URI.create(base + "/console/endpoint-manager/devices"))
                        .header("Authorization", "Bearer " + TestingHostContext.VIEWER_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, devices.statusCode(), devices.body());
            } finally {
                app.stop();
            }
        }
    }
}
