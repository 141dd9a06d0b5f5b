package org.endpointmanager.api.driver;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The engine's HTTP client for requests to phones and other outside hosts. It checks every
 * address it connects to (after DNS, and again on each redirect) against the outbound address
 * guard, and keeps cookies per host, including IP-literal hosts.
 */
public interface OutboundHttp {

    /**
     * Sends one request.
     *
     * @throws IOException on a network error or timeout
     * @throws SecurityException when the guard refuses the address; nothing was sent
     */
    Response send(Request request) throws IOException;

    /**
     * One request.
     *
     * @param method HTTP method
     * @param uri absolute URI
     * @param headers request headers
     * @param body request body, empty for none
     */
    record Request(String method, URI uri, Map<String, String> headers, Optional<byte[]> body) {
        /** Copies the headers. */
        public Request {
            Objects.requireNonNull(method, "method is null");
            Objects.requireNonNull(uri, "uri is null");
            headers = Map.copyOf(Objects.requireNonNull(headers, "headers is null"));
            Objects.requireNonNull(body, "body is null");
        }
    }

    /**
     * One response.
     *
     * @param status HTTP status
     * @param headers response headers, names lowercase
     * @param body the body, as text
     */
    record Response(int status, Map<String, List<String>> headers, String body) {
        /** Copies the headers. */
        public Response {
            headers = Map.copyOf(Objects.requireNonNull(headers, "headers is null"));
            Objects.requireNonNull(body, "body is null");
        }

        /** The first value of a header, looked up by its lowercase name. */
        public Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }
    }
}
