package org.endpointmanager.core.pages;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.endpointmanager.core.console.ConsoleRouter;

/**
 * Serves the pages' scripts and style sheet from {@code endpoint-manager/static/} on the
 * classpath. Only plain names are looked up, so a path can never leave that folder.
 */
final class StaticAssets {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,40}\\.(js|css)");
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8");

    private final Map<String, Optional<byte[]>> cache = new ConcurrentHashMap<>();

    void serve(Context ctx) throws IOException {
        ConsoleRouter.securityHeaders(ctx);
        String name = ctx.pathParam("name");
        Optional<byte[]> body = NAME.matcher(name).matches() ? load(name) : Optional.empty();
        if (body.isEmpty()) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("Not Found");
            return;
        }
        // Assets hold no fleet data; let the browser revalidate rather than keep them for ever.
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType(TYPES.get(name.substring(name.lastIndexOf('.') + 1))).result(body.get());
    }

    private Optional<byte[]> load(String name) {
        return cache.computeIfAbsent(name, n -> {
            try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream("endpoint-manager/static/" + n)) {
                return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }
}
