package org.endpointmanager.core.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Set;
import org.endpointmanager.core.discovery.AdoptionRequest;
import org.endpointmanager.core.discovery.AdoptionService;
import org.endpointmanager.core.discovery.DiscoveryService;
import org.endpointmanager.core.http.ApiException;
import org.endpointmanager.core.http.Json;
import org.endpointmanager.core.http.Responses;

/** Discovery: list phones seen but not adopted, adopt one, dismiss one. */
public final class DiscoveryRoutes {

    private static final Set<String> ADOPT_FIELDS = Set.of("extension", "template_id", "site_id", "label", "model");

    private DiscoveryRoutes() {
    }

    /** Mounts the routes. */
    public static void mount(ConsoleRouter r, DiscoveryService discovery, AdoptionService adoption) {
        Objects.requireNonNull(discovery, "discovery is null");
        Objects.requireNonNull(adoption, "adoption is null");
        r.get("/discovery", Permission.READ, (ctx, p) -> {
            int offset = Fields.query(ctx, "offset", 0, 0, 10_000_000);
            int limit = Fields.query(ctx, "limit", 100, 1, 1000);
            ObjectNode out = Json.object();
            ArrayNode arr = out.putArray("discovered");
            discovery.list(offset, limit).forEach(d -> arr.add(AdoptionService.toJson(d)));
            out.put("total", discovery.count());
            out.put("offset", offset);
            out.put("limit", limit);
            Responses.json(ctx, out);
        });
        r.post("/discovery/{mac}/adopt", Permission.MANAGE_DEVICES, (ctx, p) -> {
            var mac = DeviceService.mac(ctx.pathParam("mac"), "mac");
            ObjectNode body = RequestBodies.read(ctx);
            body.fieldNames().forEachRemaining(n -> {
                if (!ADOPT_FIELDS.contains(n)) {
                    throw ApiException.invalid(n, "unknown field '" + n + "'");
                }
            });
            AdoptionRequest request = new AdoptionRequest(Fields.required(body, "extension", 32),
                    Fields.text(body, "template_id", 64).filter(s -> !s.isEmpty()),
                    Fields.text(body, "site_id", 64).filter(s -> !s.isEmpty()),
                    Fields.text(body, "label", 128).filter(s -> !s.isEmpty()),
                    Fields.text(body, "model", 48).filter(s -> !s.isEmpty()));
            var device = adoption.adopt(mac, request, p.name());
            Responses.json(ctx.status(201), Json.object().put("adopted", mac.colons())
                    .set("device", adoption.deviceJson(device)));
        });
        r.post("/discovery/{mac}/delete", Permission.MANAGE_DEVICES, (ctx, p) -> {
            var mac = DeviceService.mac(ctx.pathParam("mac"), "mac");
            adoption.dismiss(mac, p.name());
            Responses.json(ctx, Json.object().put("dismissed", mac.colons()));
        });
    }
}
