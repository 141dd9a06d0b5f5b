package org.endpointmanager.testkit.grandstream;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One request the simulated phone received, as recorded for a test's assertions.
 *
 * @param method HTTP method
 * @param path the path, without the query
 * @param query the decoded query parameters (first value of each)
 * @param form the decoded form fields of a form POST (first value of each), else empty
 * @param headers request headers, names lowercase
 * @param body the raw body text
 */
public record SimulatedRequest(String method, String path, Map<String, String> query, Map<String, String> form,
        Map<String, List<String>> headers, String body) {
    /** Copies the maps. */
    public SimulatedRequest {
        Objects.requireNonNull(method, "method is null");
        Objects.requireNonNull(path, "path is null");
        query = Map.copyOf(query);
        form = Map.copyOf(form);
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body is null");
    }

    /** The first value of a header (any case). */
    public Optional<String> header(String name) {
        List<String> v = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    /** The CGI function called, such as {@code dologin} or {@code api-sys_operation}. */
    public String function() {
        int slash = path.lastIndexOf('/');
        return path.substring(slash + 1);
    }
}
