package org.endpointmanager.core.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.Secret;
import org.endpointmanager.core.audit.AuditLog;
import org.endpointmanager.core.console.ConsoleRouter;
import org.endpointmanager.core.console.DeviceService;
import org.endpointmanager.core.console.Permission;
import org.endpointmanager.core.http.ApiException;
import org.endpointmanager.core.http.ErrorCode;
import org.endpointmanager.core.http.Json;
import org.endpointmanager.core.http.Responses;
import org.endpointmanager.core.provisioning.ProvisioningService;
import org.endpointmanager.core.store.DeviceRecord;

/**
 * Console routes for provisioning access: signed URLs, device token rotation, per-device HTTP
 * credentials, and the throttle counters.
 */
public final class ProvisioningAccessRoutes {

    private static final Duration MAX_TTL = Duration.ofDays(90);
    private static final int MAX_BODY = 16 * 1024;

    private ProvisioningAccessRoutes() {
    }

    /**
     * Mounts the routes.
     *
     * @param baseUrl the advertised provisioning base (settings), without trailing slash
     */
    public static void mount(ConsoleRouter r, DeviceService devices, ProvisioningService provisioning,
            DeviceAccessStore access, Supplier<String> baseUrl, AuditLog audit, Clock clock,
            Supplier<SourceThrottle.Stats> loginStats) {
        Objects.requireNonNull(access, "access is null");
        ProvisioningAccessPolicy policy = provisioning.policy();
        r.post("/devices/{mac}/signed-url", Permission.MANAGE_DEVICES, (ctx, p) -> {
            UrlSigner signer = policy.signer().orElseThrow(() -> ApiException.of(ErrorCode.CONFLICT,
                    "signed URLs need [provisioning] signing_key in endpoint_manager.toml"));
            DeviceRecord device = devices.require(DeviceService.mac(ctx.pathParam("mac"), "mac"));
            ObjectNode body = body(ctx);
            String file = text(body, "file", 128).orElseThrow(() -> ApiException.invalid("file", "file is required"));
            long ttl = body.path("ttl_seconds").canConvertToLong() && body.path("ttl_seconds").isIntegralNumber()
                    ? body.get("ttl_seconds").asLong() : -1;
            if (ttl < 1 || ttl > MAX_TTL.toSeconds()) {
                throw ApiException.invalid("ttl_seconds", "ttl_seconds must be a whole number from 1 to " + MAX_TTL.toSeconds());
            }
            try {
                provisioning.preview(device, Optional.of(file)); // the file must be one of this device's
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("file", e.getMessage());
            }
            Instant expires = clock.instant().plusSeconds(ttl);
            String url = baseUrl.get() + "/" + file + "?" + signer.query(file, expires);
            audit.record(p.name(), "device.signed_url", device.mac().colons(), null,
                    Json.object().put("file", file).put("expires_at", expires.toString()));
            Responses.json(ctx, Json.object().put("url", url).put("expires_at", expires.toString()));
        });
        r.post("/devices/{mac}/token/rotate", Permission.MANAGE_DEVICES, (ctx, p) -> {
            MacAddress mac = devices.require(DeviceService.mac(ctx.pathParam("mac"), "mac")).mac();
            Secret token = access.rotateToken(mac);
            audit.record(p.name(), "device.token.rotate", mac.colons(), null, Json.object().put("token_set", true));
            // shown once, like a new API key: the phone itself gets it through its own config
            Responses.json(ctx, Json.object().put("mac", mac.colons())
                    .put("base_url", baseUrl.get() + "/t/" + token.reveal() + "/"));
        });
        r.post("/devices/{mac}/http-credentials", Permission.MANAGE_DEVICES, (ctx, p) -> {
            MacAddress mac = devices.require(DeviceService.mac(ctx.pathParam("mac"), "mac")).mac();
            ObjectNode body = body(ctx);
            Optional<String> username = text(body, "username", 128);
            Optional<String> password = text(body, "password", 128);
            if (username.isPresent() != password.isPresent()) {
                throw ApiException.invalid(username.isPresent() ? "password" : "username",
                        "give both username and password, or neither to remove the credentials");
            }
            if (username.isPresent() && !username.get().matches("[A-Za-z0-9._@\\-]{1,128}")) {
                throw ApiException.invalid("username", "username may contain letters, digits and . _ @ -");
            }
            if (password.isPresent() && password.get().length() < 8) {
                throw ApiException.invalid("password", "password must be at least 8 characters");
            }
            boolean before = access.find(mac).map(DeviceAccessStore.Access::hasCredentials).orElse(false);
            try {
                access.setCredentials(mac, username, password.map(Secret::of));
            } catch (IllegalStateException e) {
                throw ApiException.field(ErrorCode.CONFLICT, "username", e.getMessage());
            }
            audit.record(p.name(), "device.http_credentials", mac.colons(),
                    Json.object().put("credentials_set", before),
                    Json.object().put("credentials_set", username.isPresent()).put("username", username.orElse(null)));
            Responses.json(ctx, Json.object().put("mac", mac.colons()).put("credentials_set", username.isPresent())
                    .put("username", username.orElse(null)));
        });
        r.get("/security/stats", Permission.ADMINISTER, (ctx, p) -> {
            ObjectNode out = Json.object();
            out.set("provisioning", stats(policy.stats()));
            out.set("console_login", stats(loginStats.get()));
            Responses.json(ctx, out);
        });
    }

    private static ObjectNode stats(SourceThrottle.Stats s) {
        return Json.object().put("misses", s.misses()).put("slowed", s.slowed()).put("lockouts", s.lockouts())
                .put("refused_while_locked", s.refusedWhileLocked()).put("evictions", s.evictions())
                .put("tracked_addresses", s.tracked());
    }

    private static ObjectNode body(Context ctx) {
        String text = ctx.body();
        if (text.length() > MAX_BODY) {
            throw ApiException.of(ErrorCode.TOO_LARGE, "body is larger than " + MAX_BODY + " bytes");
        }
        return Json.parseObject(text);
    }

    private static Optional<String> text(ObjectNode body, String field, int max) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isTextual() || n.asText().isEmpty() || n.asText().length() > max) {
            throw ApiException.invalid(field, field + " must be a string of 1 to " + max + " characters");
        }
        return Optional.of(n.asText());
    }
}
