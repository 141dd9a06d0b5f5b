package org.endpointmanager.vendor.grandstream.driver;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.endpointmanager.api.driver.DriverException;
import org.endpointmanager.api.driver.DriverFailure;
import org.endpointmanager.api.driver.DriverTarget;
import org.endpointmanager.api.driver.OutboundHttp;

/**
 * The CGI calls to one phone, through the engine's guarded client (which keeps the session
 * cookies per host). Every request carries a same-origin {@code Referer}, which the phone's web
 * server wants on form posts; answers are parsed as JSON when they are.
 */
final class CgiClient {

    private final OutboundHttp http;
    private final String origin;

    CgiClient(OutboundHttp http, DriverTarget target) {
        this.http = http;
        String host = target.address().strip();
        if (host.isEmpty() || host.length() > 253 || !host.matches("[A-Za-z0-9.:\\-\\[\\]]+")) {
            throw new DriverException(DriverFailure.NOT_CONFIGURED, "the phone's address is not a host name or IP address");
        }
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        this.origin = "http://" + host + ":" + target.port();
    }

    /** {@code POST /cgi-bin/<fn>} with a form body. */
    CgiAnswer postForm(String fn, Map<String, String> form) {
        byte[] body = encode(form).getBytes(StandardCharsets.UTF_8);
        return send("POST", "/cgi-bin/" + fn, Map.of("Content-Type", "application/x-www-form-urlencoded"),
                Optional.of(body));
    }

    /** {@code GET /cgi-bin/<fn>?<query>}. */
    CgiAnswer get(String fn, Map<String, String> query) {
        String q = query.isEmpty() ? "" : "?" + encode(query);
        return send("GET", "/cgi-bin/" + fn + q, Map.of(), Optional.empty());
    }

    /** {@code PUT /cgi-bin/<fn>?<query>} with a JSON body. */
    CgiAnswer putJson(String fn, Map<String, String> query, String json) {
        String q = query.isEmpty() ? "" : "?" + encode(query);
        return send("PUT", "/cgi-bin/" + fn + q, Map.of("Content-Type", "application/json;charset=UTF-8"),
                Optional.of(json.getBytes(StandardCharsets.UTF_8)));
    }

    private CgiAnswer send(String method, String pathAndQuery, Map<String, String> headers, Optional<byte[]> body) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Referer", origin + "/");
        all.put("Accept", "application/json, text/plain, */*");
        OutboundHttp.Response response;
        try {
            response = http.send(new OutboundHttp.Request(method, URI.create(origin + pathAndQuery), all, body));
        } catch (SecurityException e) {
            throw new DriverException(DriverFailure.ADDRESS_REFUSED, e.getMessage());
        } catch (IOException e) {
            throw new DriverException(DriverFailure.UNREACHABLE, "phone not reachable: " + e.getMessage(), e);
        }
        Optional<Object> json = Optional.empty();
        String text = response.body().strip();
        if (text.startsWith("{") || text.startsWith("[")) {
            try {
                json = Optional.ofNullable(GsJson.parse(text));
            } catch (IllegalArgumentException e) {
                json = Optional.empty();
            }
        }
        return new CgiAnswer(response.status(), json);
    }

    /** An ordered form from name/value pairs. */
    static Map<String, String> form(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    static String encode(Map<String, String> form) {
        StringJoiner j = new StringJoiner("&");
        form.forEach((k, v) -> j.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return j.toString();
    }
}
