package org.endpointmanager.core.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.endpointmanager.core.http.ApiException;
import org.endpointmanager.core.http.Responses;
import org.endpointmanager.core.http.ErrorCode;
import org.endpointmanager.core.http.Json;

/** Reads a console request body: JSON, or an HTML form post with the same field names. */
final class RequestBodies {

    /** Largest console body accepted (firmware uploads have their own route and limit). */
    static final int MAX_BYTES = 256 * 1024;

    private RequestBodies() {
    }

    static ObjectNode read(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        long length = ctx.contentLength();
        if (length > MAX_BYTES) {
            throw ApiException.of(ErrorCode.TOO_LARGE, "body is larger than " + MAX_BYTES + " bytes");
        }
        if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
            ObjectNode node = Json.object();
            for (Map.Entry<String, List<String>> e : ctx.formParamMap().entrySet()) {
                // the CSRF field was checked by the router; it is no part of the resource
                if (!e.getValue().isEmpty() && !e.getKey().equals("_csrf")) {
                    node.put(e.getKey(), e.getValue().get(0));
                }
            }
            return node;
        }
        String body = ctx.body();
        if (body.length() > MAX_BYTES) {
            throw ApiException.of(ErrorCode.TOO_LARGE, "body is larger than " + MAX_BYTES + " bytes");
        }
        if (!body.isBlank() && !type.isEmpty() && !type.startsWith("application/json")) {
            throw ApiException.invalid("body", "send application/json or an HTML form");
        }
        return Json.parseObject(body);
    }
}
