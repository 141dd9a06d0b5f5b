package org.endpointmanager.core.console;

import static org.endpointmanager.testkit.TestingHostContext.ADMIN_TOKEN;
import static org.endpointmanager.testkit.TestingHostContext.VIEWER_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metrics endpoint, the render cache's invalidation by content, and 304 answers. */
class MetricsAndCachingTest {

    private static final String DEVICE = """
            {"mac":"02:E3:A1:00:00:77","vendor":"example","model":"EP200","label":"Metrics",
             "username":"3077","password":"metrics-secret"}""";
    private static final String PATH = "/provision/02e3a1000077";

    @TempDir
    Path root;

    @Test
    void metricsAreForSiteAdminsAndCountAnswersByVendorAndResult() throws Exception {
        try (EngineFixture f = new EngineFixture(root)) {
            assertEquals(201, f.post("/console/endpoint-manager/devices", ADMIN_TOKEN, DEVICE).statusCode());
            assertEquals(200, f.fetch(PATH, null).statusCode());
            assertEquals(200, f.fetch(PATH, null).statusCode());
            assertEquals(404, f.fetch("/provision/02e3a1000078", null).statusCode());

            assertEquals(403, f.get("/console/endpoint-manager/metrics", VIEWER_TOKEN).statusCode());
            assertEquals(401, f.get("/console/endpoint-manager/metrics", null).statusCode());
            HttpResponse<String> m = f.get("/console/endpoint-manager/metrics", ADMIN_TOKEN);
            assertEquals(200, m.statusCode());
            String text = m.body();
            assertTrue(text.contains("em_provisioning_requests_total{result=\"served\",vendor=\"example\"} 2.0"), text);
            assertTrue(text.contains("em_provisioning_requests_total{result=\"not_found\""), text);
            assertTrue(text.contains("em_render_cache_hits_total 1.0"), "the second fetch came from the cache");
            assertTrue(text.contains("hikaricp_connections"), "the pool's meters");
            assertTrue(!text.contains("02e3a1000077") && !text.contains("metrics-secret"), "no MAC or secret in labels");
        }
    }

    @Test
    void anEditIsServedAtOnceAndUnchangedFilesAreAnswered304() throws Exception {
        try (EngineFixture f = new EngineFixture(root)) {
            assertEquals(201, f.post("/console/endpoint-manager/devices", ADMIN_TOKEN, DEVICE).statusCode());
            HttpResponse<String> first = f.fetch(PATH, null);
            String etag = first.headers().firstValue("ETag").orElseThrow();
            String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();

            assertEquals(304, conditional(f, "If-None-Match", etag).statusCode());
            assertEquals(304, conditional(f, "If-Modified-Since", lastModified).statusCode());
            assertEquals(200, conditional(f, "If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT").statusCode());
            assertEquals(200, conditional(f, "If-Modified-Since", "not a date").statusCode());

            assertEquals(200, f.post("/console/endpoint-manager/devices/02e3a1000077/edit", ADMIN_TOKEN,
                    "{\"username\":\"3078\"}").statusCode());
            HttpResponse<String> after = conditional(f, "If-None-Match", etag);
            assertEquals(200, after.statusCode(), "the cached render is not served after an edit");
            assertTrue(after.body().contains("3078") && !after.body().contains("3077"), after.body());
            assertNotEquals(etag, after.headers().firstValue("ETag").orElseThrow());
        }
    }

    private static HttpResponse<String> conditional(EngineFixture f, String header, String value) throws Exception {
        return f.http.send(HttpRequest.newBuilder(f.uri(PATH)).timeout(Duration.ofSeconds(10)).header(header, value)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
