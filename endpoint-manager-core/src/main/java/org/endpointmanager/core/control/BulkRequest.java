package org.endpointmanager.core.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.endpointmanager.core.http.ApiException;
import org.endpointmanager.core.http.ErrorCode;
import org.endpointmanager.core.http.Json;
import org.endpointmanager.core.sip.NotifyService;

/**
 * A fleet bulk request body ({@code application/json}, at most 1 MB): {@code phone_ids} (1 to
 * {@link NotifyService#MAX_TARGETS} device ids or MACs) and the route's own fields; unknown
 * fields are refused.
 *
 * @param body the parsed body
 * @param phoneIds the ids, stripped
 */
public record BulkRequest(ObjectNode body, List<String> phoneIds) {

    private static final int MAX_BYTES = 1_000_000;

    /** Copies the ids. */
    public BulkRequest {
        Objects.requireNonNull(body, "body is null");
        phoneIds = List.copyOf(phoneIds);
    }

    /**
     * The client's {@code Idempotency-Key} header: a bulk request retried with the same key (after a
     * timeout, or by a load balancer on another node) returns the job the first attempt started
     * instead of starting a second one.
     *
     * @throws ApiException 400 when the key is not 1..64 of {@code A-Z a-z 0-9 . _ : -}
     */
    public static Optional<String> idempotencyKey(Context ctx) {
        String key = ctx.header("Idempotency-Key");
        if (key == null) {
            return Optional.empty();
        }
        if (!org.endpointmanager.core.jobs.JobRunner.isIdempotencyKey(key)) {
            throw ApiException.invalid("Idempotency-Key", org.endpointmanager.core.jobs.JobRunner.IDEMPOTENCY_KEY_RULE);
        }
        return Optional.of(key);
    }

    /**
     * Parses and validates a bulk body.
     *
     * @param fields the route's own fields besides {@code phone_ids}
     * @throws ApiException naming the field that is wrong
     */
    public static BulkRequest parse(Context ctx, Set<String> fields) {
        String type = ctx.contentType() == null ? "" : ctx.contentType();
        if (!type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw ApiException.invalid("body", "send application/json");
        }
        if (ctx.contentLength() > MAX_BYTES) {
            throw ApiException.of(ErrorCode.TOO_LARGE, "body is larger than " + MAX_BYTES + " bytes");
        }
        String text = ctx.body();
        if (text.length() > MAX_BYTES) {
            throw ApiException.of(ErrorCode.TOO_LARGE, "body is larger than " + MAX_BYTES + " bytes");
        }
        ObjectNode body = Json.parseObject(text);
        body.fieldNames().forEachRemaining(n -> {
            if (!n.equals("phone_ids") && !fields.contains(n)) {
                throw ApiException.invalid(n, "unknown field '" + n + "'");
            }
        });
        JsonNode ids = body.get("phone_ids");
        if (ids == null || !ids.isArray() || ids.isEmpty()) {
            throw ApiException.invalid("phone_ids", "phone_ids must be a non-empty list of device ids or MACs");
        }
        if (ids.size() > NotifyService.MAX_TARGETS) {
            throw ApiException.invalid("phone_ids", "phone_ids may hold at most " + NotifyService.MAX_TARGETS + " ids");
        }
        List<String> list = new ArrayList<>(ids.size());
        for (JsonNode id : ids) {
            if (!id.isTextual() || id.asText().isBlank() || id.asText().length() > 64
                    || id.asText().chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw ApiException.invalid("phone_ids", "each phone id must be a string of 1..64 printable characters");
            }
            list.add(id.asText().strip());
        }
        return new BulkRequest(body, list);
    }

    Optional<String> text(String field, int max) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual() || v.asText().strip().length() > max) {
            throw ApiException.invalid(field, field + " must be a string of at most " + max + " characters");
        }
        return Optional.of(v.asText().strip());
    }

    Optional<Integer> integer(String field, int min, int max) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isInt() || v.intValue() < min || v.intValue() > max) {
            throw ApiException.invalid(field, field + " must be a whole number " + min + ".." + max);
        }
        return Optional.of(v.intValue());
    }
}
