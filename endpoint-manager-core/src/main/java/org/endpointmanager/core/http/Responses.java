package org.endpointmanager.core.http;

import io.javalin.http.Context;

/**
 * Writes JSON with the add-on's own mapper, so the add-on behaves the same when mounted into a
 * host's Javalin app that configured another mapper.
 */
public final class Responses {

    private Responses() {
    }

    /** Writes a JSON body. */
    public static void json(Context ctx, Object body) {
        ctx.contentType("application/json; charset=utf-8").result(Json.write(body));
    }

    /** Writes {@code {"error": ..., "field": ...}} with the error's status. */
    public static void error(Context ctx, ApiException e) {
        var body = Json.object().put("error", e.getMessage());
        e.field().ifPresent(f -> body.put("field", f));
        ctx.status(e.code().status());
        json(ctx, body);
    }
}
