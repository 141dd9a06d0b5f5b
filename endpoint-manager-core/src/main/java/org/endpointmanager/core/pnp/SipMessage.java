package org.endpointmanager.core.pnp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed SIP request or response. Header names are lowercase long forms ({@code v} arrives as
 * {@code via}); values are printable ASCII without line breaks, as the parser guarantees.
 *
 * @param startLine the first line
 * @param method the request method, empty for a response
 * @param requestUri the Request-URI, empty for a response
 * @param headers headers in order
 * @param body the body
 */
public record SipMessage(String startLine, Optional<String> method, Optional<String> requestUri,
        List<Header> headers, byte[] body) {

    /** Copies the list. */
    public SipMessage {
        Objects.requireNonNull(startLine, "startLine is null");
        Objects.requireNonNull(method, "method is null");
        Objects.requireNonNull(requestUri, "requestUri is null");
        headers = List.copyOf(headers);
        body = body.clone();
    }

    /**
     * One header line.
     *
     * @param name lowercase long name
     * @param value the value, trimmed
     */
    public record Header(String name, String value) {
        /** Rejects nulls. */
        public Header {
            Objects.requireNonNull(name, "name is null");
            Objects.requireNonNull(value, "value is null");
        }
    }

    /** The first value of a header. */
    public Optional<String> first(String name) {
        return headers.stream().filter(h -> h.name().equals(name)).map(Header::value).findFirst();
    }

    /** Every value of a header, in order. */
    public List<String> all(String name) {
        return headers.stream().filter(h -> h.name().equals(name)).map(Header::value).toList();
    }

    /** Whether this is a request. */
    public boolean isRequest() {
        return method.isPresent();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
