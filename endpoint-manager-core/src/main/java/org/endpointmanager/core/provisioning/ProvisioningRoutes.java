package org.endpointmanager.core.provisioning;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import org.endpointmanager.core.security.HttpAuthenticator;
import org.endpointmanager.core.security.ProvisioningAccessPolicy;

/**
 * {@code GET|HEAD /provision/...}: seed 001's {@code /provision/{mac}} and every boot file name
 * the vendors' phones ask for, in three shapes:
 * <ul>
 *   <li>{@code /provision/<file>} (optionally {@code ?exp=<epoch>&sig=<hex>}, a signed URL);</li>
 *   <li>{@code /provision/t/<token>/<file>}: the base URL a device with a token keeps;</li>
 *   <li>{@code /provision/a/<file>}: the base URL for phones with HTTP credentials. Any request here
 *       without usable credentials gets the same 401 Digest challenge (plus Basic over TLS), whatever
 *       the file names, so the challenge says nothing about which MACs exist.</li>
 * </ul>
 * Every other path and every refusal is the same 404.
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
        InetAddress source = InetAddress.getByName(ctx.ip());
        ProvisioningAccessPolicy policy = service.policy();
        boolean tls = "https".equalsIgnoreCase(ctx.scheme());
        String transport = tls ? "https" : "http";
        String path = ctx.pathParam("path");
        String[] parts = path.split("/", -1);
        Optional<String> token = Optional.empty();
        String file;
        boolean authSpace = false;
        if (parts.length == 1) {
            file = parts[0];
        } else if (parts.length == 3 && parts[0].equals("t")) {
            token = Optional.of(parts[1]);
            file = parts[2];
        } else if (parts.length == 2 && parts[0].equals("a")) {
            authSpace = true;
            file = parts[1];
        } else {
            file = "/"; // never a valid name: answered like any unknown file
        }
        Optional<String> authorization = Optional.ofNullable(ctx.header("Authorization"));
        if (authSpace && !policy.lockedOut(source)) {
            HttpAuthenticator auth = policy.httpAuthenticator();
            boolean usable = authorization.flatMap(h -> HttpAuthenticator.parse(h, tls)).map(auth::nonceUsable).orElse(false);
            if (!usable) {
                ctx.status(401);
                ctx.contentType("text/plain; charset=utf-8");
                ctx.header("Cache-Control", "no-store");
                for (String c : auth.challenges(tls)) {
                    ctx.res().addHeader("WWW-Authenticate", c);
                }
                if (!head) {
                    ctx.result("Unauthorized");
                }
                return;
            }
        }
        Duration delay = policy.delay(source);
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String query = ctx.queryString();
        String requestUri = ctx.req().getRequestURI() + (query == null ? "" : "?" + query);
        var presented = new ProvisioningAccessPolicy.Presented(token, Optional.ofNullable(ctx.queryParam("exp")),
                Optional.ofNullable(ctx.queryParam("sig")), authorization, ctx.method().name(), requestUri);
        ProvisioningService.Response r = service.serve(new ProvisioningService.Request(file,
                Optional.ofNullable(ctx.header("User-Agent")), source, transport, presented));
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
