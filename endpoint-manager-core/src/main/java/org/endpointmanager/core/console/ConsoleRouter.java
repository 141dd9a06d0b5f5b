package org.endpointmanager.core.console;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.endpointmanager.api.host.ConsoleAuthenticator;
import org.endpointmanager.api.host.Principal;
import org.endpointmanager.core.http.ApiException;
import org.endpointmanager.core.http.ErrorCode;
import org.endpointmanager.core.http.Responses;
import org.endpointmanager.core.session.ConsoleSessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers console routes, each with the permission it needs: authentication and the role check
 * wrap every handler, so a route without a permission cannot be mounted. The table of mounted
 * routes is kept for tests and the API reference.
 *
 * <p>A request authenticates with {@code Authorization: Bearer <token>} (API clients; no CSRF
 * token needed, a browser never sends that header by itself) or with the page session cookie; a
 * cookie-session write (anything but GET/HEAD) must echo the session's CSRF token in
 * {@code X-CSRF-Token} or a form field {@code _csrf}, else 403. Every console response carries the
 * security headers of {@link #securityHeaders}.
 */
public final class ConsoleRouter {

    /** Path prefix of the console API. */
    public static final String BASE = "/console/endpoint-manager";
    /** Context attribute holding the authenticated principal. */
    public static final String PRINCIPAL = "em.principal";
    /** Context attribute holding the cookie session, when the request used one. */
    public static final String SESSION = "em.session";

    /** A handler that receives the authenticated principal. */
    @FunctionalInterface
    public interface ConsoleHandler {
        /** Handles the request. */
        void handle(Context ctx, Principal principal) throws Exception;
    }

    /**
     * One mounted route.
     *
     * @param method HTTP method
     * @param path path with {@code {param}} placeholders
     * @param permission what it needs
     */
    public record Route(String method, String path, Permission permission) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleRouter.class);

    private final RoutesConfig routes;
    private final ConsoleAuthenticator authenticator;
    private final ConsoleSessions sessions;
    private final List<Route> table = new ArrayList<>();

    /** Creates a router that mounts onto a Javalin routes config, with its own session table. */
    public ConsoleRouter(RoutesConfig routes, ConsoleAuthenticator authenticator) {
        this(routes, authenticator, ConsoleSessions.defaults(java.time.Clock.systemUTC()));
    }

    /** Creates a router whose page sessions live in {@code sessions}. */
    public ConsoleRouter(RoutesConfig routes, ConsoleAuthenticator authenticator, ConsoleSessions sessions) {
        this.routes = Objects.requireNonNull(routes, "routes is null");
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator is null");
        this.sessions = Objects.requireNonNull(sessions, "sessions is null");
    }

    /** The session table. */
    public ConsoleSessions sessions() {
        return sessions;
    }

    /**
     * The headers every console response carries: no sniffing, no framing, no referrer, no caching
     * (answers hold fleet data), and HSTS over HTTPS.
     */
    public static void securityHeaders(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
        if ("https".equalsIgnoreCase(ctx.scheme())) {
            ctx.header("Strict-Transport-Security", "max-age=31536000");
        }
    }

    /** Mounts a GET route below {@link #BASE}. */
    public void get(String path, Permission permission, ConsoleHandler handler) {
        table.add(new Route("GET", BASE + path, permission));
        routes.get(BASE + path, ctx -> run(ctx, permission, handler));
    }

    /** Mounts a POST route below {@link #BASE}. */
    public void post(String path, Permission permission, ConsoleHandler handler) {
        table.add(new Route("POST", BASE + path, permission));
        routes.post(BASE + path, ctx -> run(ctx, permission, handler));
    }

    /** Mounts a PUT route below {@link #BASE}. */
    public void put(String path, Permission permission, ConsoleHandler handler) {
        table.add(new Route("PUT", BASE + path, permission));
        routes.put(BASE + path, ctx -> run(ctx, permission, handler));
    }

    /** The mounted routes. */
    public List<Route> table() {
        return List.copyOf(table);
    }

    private void run(Context ctx, Permission permission, ConsoleHandler handler) {
        securityHeaders(ctx);
        try {
            handler.handle(ctx, authorize(ctx, permission));
        } catch (ApiException e) {
            Responses.error(ctx, e);
        } catch (Exception e) {
            LOG.error("console request failed: {} {}: {}", ctx.method(), ctx.path(), e.toString(), e);
            Responses.error(ctx, ApiException.of(ErrorCode.INTERNAL, "internal error; see the server log"));
        }
    }

    private Principal authorize(Context ctx, Permission permission) {
        Principal principal = authenticate(ctx).or(() -> fromSession(ctx)).orElseThrow(() -> ApiException.of(
                ErrorCode.UNAUTHENTICATED, "authentication required: send 'Authorization: Bearer <token>' or log in"));
        if (!principal.role().atLeast(permission.leastRole())) {
            throw ApiException.of(ErrorCode.FORBIDDEN, "role " + principal.role().configName()
                    + " may not do this; it needs " + permission.leastRole().configName());
        }
        ctx.attribute(PRINCIPAL, principal);
        return principal;
    }

    private Optional<Principal> fromSession(Context ctx) {
        if (ctx.header("Authorization") != null) {
            return Optional.empty(); // a wrong Bearer token is not rescued by a cookie
        }
        Optional<ConsoleSessions.Session> session = sessions.find(ctx.cookie(ConsoleSessions.COOKIE));
        if (session.isEmpty()) {
            return Optional.empty();
        }
        String method = ctx.method().name();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            String presented = ctx.header("X-CSRF-Token");
            if (presented == null && isForm(ctx)) {
                presented = ctx.formParam("_csrf");
            }
            if (!session.get().csrfMatches(presented)) {
                throw ApiException.of(ErrorCode.FORBIDDEN,
                        "a session write needs the session's CSRF token in X-CSRF-Token or the _csrf form field");
            }
        }
        ctx.attribute(SESSION, session.get());
        return Optional.of(session.get().principal());
    }

    private static boolean isForm(Context ctx) {
        String type = ctx.contentType();
        return type != null && (type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")
                || type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data"));
    }

    private Optional<Principal> authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.length() > 4096) {
            return Optional.empty();
        }
        String prefix = "Bearer ";
        if (!header.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return Optional.empty();
        }
        String token = header.substring(prefix.length()).strip();
        if (token.isEmpty()) {
            return Optional.empty();
        }
        return authenticator.authenticateToken(token);
    }
}
