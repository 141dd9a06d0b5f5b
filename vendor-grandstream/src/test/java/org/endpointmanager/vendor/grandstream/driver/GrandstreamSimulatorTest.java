package org.endpointmanager.vendor.grandstream.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.endpointmanager.testkit.grandstream.GrandstreamSimulator;
import org.junit.jupiter.api.Test;

/** The simulator is as strict as the phone where the driver depends on it. */
class GrandstreamSimulatorTest {

    @Test
    void postToConfigUpdateIs501AndFormsNeedReferer() throws Exception {
        try (GrandstreamSimulator sim = GrandstreamSimulator.start("127.0.0.2",
                GrandstreamSimulator.Options.gxp2170("000b82123456"))) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(sim.baseUri() + "/cgi-bin/config_update"))
                    .header("Referer", sim.baseUri() + "/")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(501, post.statusCode());
            HttpResponse<String> noReferer = http.send(HttpRequest.newBuilder(URI.create(sim.baseUri() + "/cgi-bin/access"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("access=x")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, noReferer.statusCode());
            HttpResponse<String> noCookie = http.send(HttpRequest.newBuilder(
                    URI.create(sim.baseUri() + "/cgi-bin/api-get_phone_status")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, noCookie.statusCode());
            assertTrue(sim.requests().size() == 3);
        }
    }
}
