package org.endpointmanager.core.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.endpointmanager.core.http.ApiException;
import org.endpointmanager.core.http.Responses;

/** Strict readers for console input fields: every failure names the field. */
final class Fields {

    private Fields() {
    }

    /** A trimmed string of at most {@code max} characters without control characters; empty when absent. */
    static Optional<String> text(ObjectNode body, String field, int max) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isValueNode()) {
            throw ApiException.invalid(field, field + " must be a string");
        }
        String t = v.asText().strip();
        if (t.length() > max) {
            throw ApiException.invalid(field, field + " is longer than " + max + " characters");
        }
        for (int i = 0; i < t.length(); i++) {
            if (Character.isISOControl(t.charAt(i))) {
                throw ApiException.invalid(field, field + " contains a control character");
            }
        }
        return Optional.of(t);
    }

    /** Like {@link #text} but the value may not be empty. */
    static String required(ObjectNode body, String field, int max) {
        return text(body, field, max).filter(s -> !s.isEmpty())
                .orElseThrow(() -> ApiException.invalid(field, field + " is required"));
    }

    /** A whole number in range; empty when absent. */
    static Optional<Integer> integer(ObjectNode body, String field, int min, int max) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
            return Optional.empty();
        }
        int n;
        if (v.isInt()) {
            n = v.intValue();
        } else if (v.isTextual() && v.asText().strip().matches("-?\\d{1,9}")) {
            n = Integer.parseInt(v.asText().strip());
        } else {
            throw ApiException.invalid(field, field + " must be a whole number");
        }
        if (n < min || n > max) {
            throw ApiException.invalid(field, field + " must be " + min + ".." + max);
        }
        return Optional.of(n);
    }

    /** A query parameter as a bounded integer. */
    static int query(io.javalin.http.Context ctx, String name, int fallback, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        if (!v.strip().matches("\\d{1,9}")) {
            throw ApiException.invalid(name, name + " must be a whole number");
        }
        int n = Integer.parseInt(v.strip());
        if (n < min || n > max) {
            throw ApiException.invalid(name, name + " must be " + min + ".." + max);
        }
        return n;
    }

    /** A query parameter as bounded text; empty when absent or blank. */
    static Optional<String> query(io.javalin.http.Context ctx, String name, int max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        if (v.length() > max) {
            throw ApiException.invalid(name, name + " is longer than " + max + " characters");
        }
        return Optional.of(v.strip());
    }
}
