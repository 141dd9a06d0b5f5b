package org.endpointmanager.core.provisioning;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * {@code GET|HEAD /provision/<file>}: seed 001's {@code /provision/{mac}} and every boot file name
 * the vendors' phones ask for. Deeper paths (tokens, signatures) are answered here too, so every
 * miss below {@code /provision/} looks the same.
 */
public final class ProvisioningRoutes {

    private ProvisioningRoutes() {
    }

    /** Mounts the routes. */
    public static void mount(RoutesConfig routes, ProvisioningService service) {
        routes.get("/provision/<path>", ctx -> serve(ctx, service, false));
        routes.head("/provision/<path>", ctx -> serve(ctx, service, true));
    }

    private static void serve(Context ctx, ProvisioningService service, boolean head) throws UnknownHostException {
        String path = ctx.pathParam("path");
        String transport = "https".equalsIgnoreCase(ctx.scheme()) ? "https" : "http";
        ProvisioningService.Response r;
        if (path.indexOf('/') >= 0) {
            r = service.serve(new ProvisioningService.Request("/", Optional.empty(), InetAddress.getByName(ctx.ip()), transport));
        } else {
            r = service.serve(new ProvisioningService.Request(path, Optional.ofNullable(ctx.header("User-Agent")),
                    InetAddress.getByName(ctx.ip()), transport));
        }
        ctx.status(r.status());
        ctx.contentType(r.contentType());
        ctx.header("Cache-Control", "no-store");
        r.etag().ifPresent(e -> ctx.header("ETag", e));
        if (r.status() == 200 && r.etag().isPresent() && r.etag().get().equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        if (!head) {
            ctx.result(r.body());
        } else {
            ctx.header("Content-Length", Integer.toString(r.body().length));
        }
    }
}
