package org.endpointmanager.vendor.grandstream.driver;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A phone's answer to one CGI call: the HTTP status and, when the body is JSON, the parsed value.
 *
 * @param status HTTP status
 * @param json the parsed body, when it was JSON
 */
record CgiAnswer(int status, Optional<Object> json) {

    /** {@code "response": "success"}. */
    boolean success() {
        return status == 200 && "success".equals(field("response").orElse(null));
    }

    /** {@code "response": "error"}. */
    boolean error() {
        return "error".equals(field("response").orElse(null));
    }

    /** The {@code body} member, whatever its type. */
    Optional<Object> body() {
        return json.filter(Map.class::isInstance).map(m -> ((Map<?, ?>) m).get("body"));
    }

    /** The {@code body} member as text, when it is a string. */
    Optional<String> bodyText() {
        return body().filter(String.class::isInstance).map(String.class::cast);
    }

    /** A top-level member as text. */
    Optional<String> field(String name) {
        return json.filter(Map.class::isInstance).map(m -> ((Map<?, ?>) m).get(name))
                .filter(String.class::isInstance).map(String.class::cast);
    }

    /**
     * Whether the phone says the session is gone: HTTP 401, or an error whose body speaks of an
     * expired, timed-out or invalid session.
     */
    boolean sessionGone() {
        if (status == 401) {
            return true;
        }
        if (!error()) {
            return false;
        }
        String b = bodyText().orElse("").toLowerCase(Locale.ROOT);
        return b.contains("session") || b.contains("expire") || b.contains("timeout") || b.equals("unauthorized");
    }

    /** A short, printable account of an unexpected answer (no body content beyond an error word). */
    String describe() {
        if (error()) {
            return "phone answered error '" + Printable.of(bodyText().orElse("?"), 60) + "'";
        }
        return "phone answered HTTP " + status;
    }
}
