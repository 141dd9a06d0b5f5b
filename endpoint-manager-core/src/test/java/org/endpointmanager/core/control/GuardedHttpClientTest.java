package org.endpointmanager.core.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.endpointmanager.api.driver.OutboundHttp;
import org.endpointmanager.core.security.Cidr;
import org.endpointmanager.core.security.OutboundAddressGuard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The guarded client against real loopback servers. */
class GuardedHttpClientTest {

    private static final HttpTimeouts FAST = new HttpTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), 1000);

    private final List<String> hits = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private String base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0), 8);
        server.createContext("/", ex -> {
            hits.add(ex.getRequestURI().getPath() + " cookie=" + ex.getRequestHeaders().getFirst("Cookie"));
            String path = ex.getRequestURI().getPath();
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            switch (path) {
                case "/login" -> ex.getResponseHeaders().add("Set-Cookie", "session-identity=abc; Path=/; HttpOnly");
                case "/to-metadata" -> ex.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
                case "/loop" -> ex.getResponseHeaders().add("Location", "/loop");
                case "/big" -> body = new byte[5000];
                case "/hop" -> ex.getResponseHeaders().add("Location", "/landed");
                default -> { }
            }
            int status = ex.getResponseHeaders().containsKey("Location") ? 302 : 200;
            ex.sendResponseHeaders(status, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        base = "http://127.0.0.2:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static GuardedHttpClient client(boolean loopback) {
        return new GuardedHttpClient(new OutboundAddressGuard(List.of(Cidr.parse("10.0.0.0/8")), loopback), List::of, FAST);
    }

    private OutboundHttp.Response get(GuardedHttpClient c, String path) throws IOException {
        return c.send(new OutboundHttp.Request("GET", URI.create(base + path), Map.of(), Optional.empty()));
    }

    @Test
    void keepsCookiesPerIpLiteralHost() throws IOException {
        GuardedHttpClient c = client(true);
        get(c, "/login");
        get(c, "/next");
        assertEquals("/next cookie=session-identity=abc", hits.get(1));
    }

    @Test
    void loopbackRefusedBeforeConnecting() {
        assertThrows(SecurityException.class, () -> get(client(false), "/login"));
        assertTrue(hits.isEmpty());
    }

    @Test
    void redirectsAreFollowedOnlyAfterTheGuardAgreesAndAtMostThree() throws IOException {
        GuardedHttpClient c = client(true);
        assertEquals("ok", get(c, "/hop").body());
        assertEquals(List.of("/hop cookie=null", "/landed cookie=null"), hits);
        SecurityException refused = assertThrows(SecurityException.class, () -> get(c, "/to-metadata"));
        assertTrue(refused.getMessage().contains("169.254.169.254"));
        hits.clear();
        IOException loop = assertThrows(IOException.class, () -> get(c, "/loop"));
        assertTrue(loop.getMessage().contains("redirects"));
        assertEquals(4, hits.size());
    }

    @Test
    void answersAreCapped() {
        IOException e = assertThrows(IOException.class, () -> get(client(true), "/big"));
        assertTrue(e.getMessage().contains("larger"));
    }

    @Test
    void onlyHttpSchemes() {
        GuardedHttpClient c = client(true);
        assertThrows(SecurityException.class, () -> c.send(new OutboundHttp.Request("GET",
                URI.create("file:///etc/passwd"), Map.of(), Optional.empty())));
    }
}
