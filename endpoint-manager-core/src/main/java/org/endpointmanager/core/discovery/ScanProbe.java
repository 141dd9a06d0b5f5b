package org.endpointmanager.core.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.driver.OutboundHttp;
import org.endpointmanager.core.http.Json;

/**
 * Asks one address whether it is a Grandstream phone, over HTTP and without logging in.
 *
 * <p>First {@code GET /cgi-bin/api-get_phone_status}: a phone that reports its status without a
 * session answers {@code {"response":"success","body":{"mac":...,"model":...,"version":...}}},
 * which gives the MAC the phone reports about itself. Failing that, {@code POST /cgi-bin/access}
 * (the first step of the challenge login, which hands out a token and costs no login attempt)
 * tells a Grandstream web server from anything else, so the result can say that a phone is there
 * but does not report its MAC without a login. Only the first case is a phone found; nothing
 * else the address answers is trusted. No credentials are ever sent.
 */
final class ScanProbe {

    private static final Pattern TOKEN = Pattern.compile("[0-9A-Za-z]{8,128}");
    private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9 ._+()/\\-]{1,48}");
    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z._\\-]{1,64}");
    private static final String ACCESS = "access=" + sha256Hex("admin");

    /**
     * What one address said.
     *
     * @param mac the MAC the phone reported (present only for a Grandstream-shaped status answer)
     * @param model the model it reported
     * @param firmware the firmware it reported
     * @param port the port that answered
     * @param detail what happened, for people
     */
    record Answer(Optional<MacAddress> mac, Optional<String> model, Optional<String> firmware, int port, String detail) {
        Answer {
            Objects.requireNonNull(mac, "mac is null");
            Objects.requireNonNull(model, "model is null");
            Objects.requireNonNull(firmware, "firmware is null");
            Objects.requireNonNull(detail, "detail is null");
        }

        static Answer nothing(int port, String detail) {
            return new Answer(Optional.empty(), Optional.empty(), Optional.empty(), port, detail);
        }
    }

    private final OutboundHttp http;

    ScanProbe(OutboundHttp http) {
        this.http = Objects.requireNonNull(http, "http is null");
    }

    /** Probes the ports in order until one answers with a phone status; the last answer otherwise. */
    Answer probe(InetAddress address, List<Integer> ports) {
        Answer last = Answer.nothing(ports.get(0), "no answer");
        StringBuilder notes = new StringBuilder();
        for (int port : ports) {
            Answer a = probe(address, port);
            if (a.mac().isPresent()) {
                return a;
            }
            if (notes.length() > 0) {
                notes.append("; ");
            }
            notes.append("port ").append(port).append(": ").append(a.detail());
            last = a;
        }
        return Answer.nothing(last.port(), notes.toString());
    }

    private Answer probe(InetAddress address, int port) {
        String origin = "http://" + hostPart(address) + ":" + port;
        Map<String, String> headers = Map.of("Referer", origin + "/", "Accept", "application/json");
        OutboundHttp.Response status;
        try {
            status = http.send(new OutboundHttp.Request("GET", URI.create(origin + "/cgi-bin/api-get_phone_status"),
                    headers, Optional.empty()));
        } catch (IOException e) {
            return Answer.nothing(port, "no answer (" + brief(e) + ")");
        } catch (SecurityException e) {
            return Answer.nothing(port, "refused: " + e.getMessage());
        }
        Optional<Answer> phone = phoneStatus(status, port);
        if (phone.isPresent()) {
            return phone.get();
        }
        try {
            OutboundHttp.Response access = http.send(new OutboundHttp.Request("POST", URI.create(origin + "/cgi-bin/access"),
                    Map.of("Referer", origin + "/", "Content-Type", "application/x-www-form-urlencoded"),
                    Optional.of(ACCESS.getBytes(StandardCharsets.US_ASCII))));
            if (isChallenge(access)) {
                return Answer.nothing(port, "a Grandstream login answered, but the phone reports its MAC only after a "
                        + "login: not recorded");
            }
            return Answer.nothing(port, "not a Grandstream phone (HTTP " + status.status() + ")");
        } catch (IOException e) {
            return Answer.nothing(port, "not a Grandstream phone (HTTP " + status.status() + ")");
        } catch (SecurityException e) {
            return Answer.nothing(port, "refused: " + e.getMessage());
        }
    }

    /** A Grandstream-shaped status answer with a well-formed MAC. */
    private static Optional<Answer> phoneStatus(OutboundHttp.Response r, int port) {
        if (r.status() != 200) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(r.body());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        if (root == null || !root.isObject() || !"success".equals(root.path("response").asText())) {
            return Optional.empty();
        }
        JsonNode body = root.get("body");
        if (body == null || !body.isObject()) {
            return Optional.empty();
        }
        Optional<MacAddress> mac = text(body, "mac", 32).flatMap(MacAddress::tryParse);
        if (mac.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> model = text(body, "model", 48).or(() -> text(body, "phone_model", 48))
                .filter(m -> MODEL.matcher(m).matches());
        Optional<String> firmware = text(body, "version", 64).or(() -> text(body, "prog_version", 64))
                .or(() -> text(body, "firmware", 64)).filter(v -> VERSION.matcher(v).matches());
        return Optional.of(new Answer(mac, model, firmware, port, "status answered"));
    }

    private static boolean isChallenge(OutboundHttp.Response r) {
        if (r.status() != 200) {
            return false;
        }
        try {
            JsonNode root = Json.mapper().readTree(r.body());
            return root != null && root.isObject() && "success".equals(root.path("response").asText())
                    && root.path("body").isTextual() && TOKEN.matcher(root.path("body").asText()).matches();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static Optional<String> text(JsonNode node, String field, int max) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank() || v.asText().length() > max) {
            return Optional.empty();
        }
        return Optional.of(v.asText().strip());
    }

    private static String hostPart(InetAddress address) {
        String a = address.getHostAddress();
        return a.contains(":") ? "[" + a + "]" : a;
    }

    private static String brief(IOException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        m = m.replaceAll("[^ -~]", "?");
        return m.length() > 120 ? m.substring(0, 120) : m;
    }

    private static String sha256Hex(String text) {
        return org.endpointmanager.core.security.Sha256.hex(text);
    }
}
