package org.endpointmanager.core.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.endpointmanager.api.host.ConsoleAuthenticator;
import org.endpointmanager.api.host.Principal;
import org.endpointmanager.core.console.ConsoleRouter;
import org.endpointmanager.core.console.Permission;
import org.endpointmanager.core.http.ApiException;
import org.endpointmanager.core.http.ErrorCode;
import org.endpointmanager.core.http.Json;
import org.endpointmanager.core.http.Responses;
import org.endpointmanager.core.security.SourceThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Page login: {@code POST /session} (a console token, or user name and password through the host),
 * {@code GET /session} (who am I, and the CSRF token), {@code POST /session/logout}. Failed logins
 * count against the address ({@code console-login lockout ip=...} when locked out).
 */
public final class SessionRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(SessionRoutes.class);
    private static final int MAX_BODY = 8 * 1024;

    private SessionRoutes() {
    }

    /** Mounts the routes; {@code throttle} counts failed logins. */
    public static void mount(RoutesConfig routes, ConsoleRouter router, ConsoleAuthenticator authenticator,
            SourceThrottle throttle) {
        Objects.requireNonNull(authenticator, "authenticator is null");
        ConsoleSessions sessions = router.sessions();
        routes.post(ConsoleRouter.BASE + "/session", ctx -> {
            ConsoleRouter.securityHeaders(ctx);
            try {
                login(ctx, sessions, authenticator, throttle);
            } catch (ApiException e) {
                Responses.error(ctx, e);
            }
        });
        router.get("/session", Permission.READ, (ctx, p) -> {
            ConsoleSessions.Session s = ctx.attribute(ConsoleRouter.SESSION);
            ObjectNode out = Json.object().put("user", p.name()).put("role", p.role().configName())
                    .put("csrf_token", s == null ? null : s.csrfToken());
            Responses.json(ctx, out);
        });
        router.post("/session/logout", Permission.READ, (ctx, p) -> {
            ConsoleSessions.Session s = ctx.attribute(ConsoleRouter.SESSION);
            if (s != null) {
                sessions.remove(s.id());
                LOG.info("console logout user={}", p.name());
            }
            ctx.header("Set-Cookie", cookie(ctx, "", 0));
            Responses.json(ctx, Json.object().put("logged_out", s != null));
        });
    }

    private static void login(Context ctx, ConsoleSessions sessions, ConsoleAuthenticator authenticator,
            SourceThrottle throttle) throws UnknownHostException {
        InetAddress source = InetAddress.getByName(ctx.ip());
        if (throttle.lockedOut(source)) {
            throw ApiException.of(ErrorCode.TOO_MANY_REQUESTS, "too many failed logins from this address; try later");
        }
        ObjectNode body = body(ctx);
        Optional<String> token = text(body, "token");
        Optional<String> user = text(body, "username");
        Optional<String> password = text(body, "password");
        Optional<Principal> principal = Optional.empty();
        try {
            if (token.isPresent()) {
                principal = authenticator.authenticateToken(token.get());
            } else if (user.isPresent() && password.isPresent()) {
                principal = authenticator.authenticatePassword(user.get(), password.get());
            }
        } catch (RuntimeException e) {
            LOG.warn("console login: the host's authenticator failed: {}", e.getClass().getSimpleName());
        }
        if (principal.isEmpty()) {
            throttle.miss(source);
            LOG.info("console login failed ip={}", source.getHostAddress());
            throw ApiException.of(ErrorCode.UNAUTHENTICATED, "login failed");
        }
        ConsoleSessions.Session s;
        try {
            s = sessions.create(principal.get());
        } catch (IllegalArgumentException e) {
            LOG.warn("console login refused ip={} reason={}", source.getHostAddress(), e.getMessage());
            throw ApiException.of(ErrorCode.UNAUTHENTICATED, "login failed");
        } catch (RuntimeException e) {
            LOG.error("console login failed ip={} reason=session not stored: {}", source.getHostAddress(), e.toString());
            throw ApiException.of(ErrorCode.INTERNAL, "the session could not be stored; see the server log");
        }
        LOG.info("console login ok user={} role={} ip={}", principal.get().name(), principal.get().role().configName(),
                source.getHostAddress());
        ctx.header("Set-Cookie", cookie(ctx, s.id(), sessions.maxAge().toSeconds()));
        Responses.json(ctx, Json.object().put("user", principal.get().name())
                .put("role", principal.get().role().configName()).put("csrf_token", s.csrfToken()));
    }

    /** HttpOnly, SameSite=Strict, Secure over HTTPS, scoped to the console. */
    static String cookie(Context ctx, String value, long maxAge) {
        return ConsoleSessions.COOKIE + "=" + value + "; Path=" + ConsoleRouter.BASE + "; Max-Age=" + maxAge
                + "; HttpOnly; SameSite=Strict" + ("https".equalsIgnoreCase(ctx.scheme()) ? "; Secure" : "");
    }

    private static ObjectNode body(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (ctx.contentLength() > MAX_BODY) {
            throw ApiException.of(ErrorCode.TOO_LARGE, "body is larger than " + MAX_BODY + " bytes");
        }
        if (type.startsWith("application/x-www-form-urlencoded")) {
            ObjectNode node = Json.object();
            for (String f : new String[] {"token", "username", "password"}) {
                String v = ctx.formParam(f);
                if (v != null) {
                    node.put(f, v);
                }
            }
            return node;
        }
        String text = ctx.body();
        if (text.length() > MAX_BODY) {
            throw ApiException.of(ErrorCode.TOO_LARGE, "body is larger than " + MAX_BODY + " bytes");
        }
        return Json.parseObject(text);
    }

    private static Optional<String> text(ObjectNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || !n.isTextual() || n.asText().isEmpty() || n.asText().length() > 4096) {
            return Optional.empty();
        }
        return Optional.of(n.asText());
    }
}
