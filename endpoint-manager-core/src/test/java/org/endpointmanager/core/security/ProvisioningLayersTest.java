package org.endpointmanager.core.security;

import static org.endpointmanager.testkit.TestingHostContext.OPERATOR_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.endpointmanager.core.EndpointManagerJavalinPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The add-on's own listener answers {@code /provision/} with a bare Jetty handler, a host's Javalin
 * app through Javalin's routes: the same engine, asked the same things through both, must answer
 * the same: status, body and headers, but the date, the nonce and the spacing of the content type's
 * parameters (the servlet layer writes {@code text/plain;charset=utf-8}, Jetty's core API keeps the
 * value as given; both mean the same).
 */
class ProvisioningLayersTest {

    private static final Pattern NONCE = Pattern.compile("nonce=\"([0-9a-f]+)\"");

    @TempDir
    Path root;

    @Test
    void theOwnListenerAndAHostsJavalinAppAnswerAlike() throws Exception {
        try (SecuredEngine f = new SecuredEngine(root, "[provisioning]\nlockout_misses = 1000\n")) {
            assertEquals(201, f.post("/console/endpoint-manager/devices", OPERATOR_TOKEN, SecuredEngine.DEVICE).statusCode());
            Javalin app = Javalin.create(cfg -> {
                cfg.startup.showJavalinBanner = false;
                cfg.registerPlugin(new EndpointManagerJavalinPlugin(f.engine));
            }).start("127.0.0.1", 0);
            try {
                String own = "http://127.0.0.1:" + f.engine.port();
                String hosted = "http://127.0.0.1:" + app.port();
                String file = "/provision/" + SecuredEngine.MAC;
                Map<String, Object> served = exchange(f, own, "GET", file, Map.of());
                assertEquals(200, served.get(":status"));
                assertTrue(((String) served.get(":body")).contains("1001"), "the device's file");
                assertEquals(served, exchange(f, hosted, "GET", file, Map.of()));

                Map<String, Object> head = exchange(f, own, "HEAD", file, Map.of());
                assertEquals("", head.get(":body"));
                assertEquals(List.of(Integer.toString(((String) served.get(":body")).getBytes(StandardCharsets.UTF_8).length)),
                        head.get("content-length"), "HEAD tells the length of the GET");
                assertEquals(head, exchange(f, hosted, "HEAD", file, Map.of()));

                @SuppressWarnings("unchecked")
                String etag = ((List<String>) served.get("etag")).get(0);
                Map<String, Object> notModified = exchange(f, own, "GET", file, Map.of("If-None-Match", etag));
                assertEquals(304, notModified.get(":status"));
                assertEquals(notModified, exchange(f, hosted, "GET", file, Map.of("If-None-Match", etag)));

                for (String refused : List.of("/provision/02e3a1000000", "/provision/a/b/c",
                        "/provision/t/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/" + SecuredEngine.MAC, "/provision/..%2f..%2fetc",
                        "/provision/firmware/00000000-0000-0000-0000-000000000000/x.bin")) {
                    Map<String, Object> a = exchange(f, own, "GET", refused, Map.of());
                    assertEquals(a, exchange(f, hosted, "GET", refused, Map.of()), refused);
                }

                // with HTTP credentials the device is served only under /provision/a/, after a Digest challenge
                assertEquals(200, f.post("/console/endpoint-manager/devices/" + SecuredEngine.MAC + "/http-credentials",
                        OPERATOR_TOKEN, "{\"username\":\"phone1001\",\"password\":\"digest-pass-1\"}").statusCode());
                String authFile = "/provision/a/" + SecuredEngine.MAC;
                for (String base : List.of(own, hosted)) {
                    Map<String, Object> challenge = exchange(f, base, "GET", authFile, Map.of());
                    assertEquals(401, challenge.get(":status"), base);
                    @SuppressWarnings("unchecked")
                    String www = ((List<String>) challenge.get("www-authenticate")).get(0);
                    Matcher m = NONCE.matcher(www);
                    assertTrue(m.find(), www);
                    String authorization = digest("phone1001", "digest-pass-1", "GET", authFile, m.group(1));
                    Map<String, Object> answered = exchange(f, base, "GET", authFile, Map.of("Authorization", authorization));
                    assertEquals(200, answered.get(":status"), base + " accepts the Digest answer");
                    assertEquals(served.get(":body"), answered.get(":body"));
                    assertEquals(404, exchange(f, base, "GET", authFile, Map.of("Authorization", authorization)).get(":status"),
                            base + " refuses the replay");
                }
                assertEquals(withoutNonce(exchange(f, own, "GET", authFile, Map.of())),
                        withoutNonce(exchange(f, hosted, "GET", authFile, Map.of())));
            } finally {
                app.stop();
            }
        }
    }

    private static Map<String, Object> exchange(SecuredEngine f, String base, String method, String path,
            Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(b::header);
        HttpResponse<byte[]> r = f.http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        Map<String, Object> out = new TreeMap<>();
        r.headers().map().forEach((k, v) -> {
            if (k.equalsIgnoreCase("content-type")) {
                out.put("content-type", v.stream().map(t -> t.replace("; ", ";")).toList());
            } else if (!k.equalsIgnoreCase("date")) {
                out.put(k.toLowerCase(), v);
            }
        });
        out.put(":status", r.statusCode());
        out.put(":body", new String(r.body(), StandardCharsets.UTF_8));
        return out;
    }

    private static Map<String, Object> withoutNonce(Map<String, Object> answer) {
        Map<String, Object> copy = new LinkedHashMap<>(answer);
        copy.computeIfPresent("www-authenticate", (k, v) -> NONCE.matcher(v.toString()).replaceAll("nonce=\"-\""));
        return copy;
    }

    private static String digest(String user, String password, String method, String uri, String nonce) {
        String ha1 = HttpAuthenticator.md5(user + ":" + HttpAuthenticator.REALM + ":" + password);
        String ha2 = HttpAuthenticator.md5(method + ":" + uri);
        String response = HttpAuthenticator.md5(ha1 + ":" + nonce + ":00000001:c0ffee:auth:" + ha2);
        return "Digest username=\"" + user + "\", realm=\"" + HttpAuthenticator.REALM + "\", nonce=\"" + nonce
                + "\", uri=\"" + uri + "\", qop=auth, nc=00000001, cnonce=\"c0ffee\", response=\"" + response
                + "\", algorithm=MD5";
    }
}
