package org.endpointmanager.core.console;

import java.util.Objects;
import org.endpointmanager.core.http.Responses;
import org.endpointmanager.core.store.DeviceQuery;

/** Seed 001's device routes. */
public final class DeviceRoutes {

    private DeviceRoutes() {
    }

    /** Mounts the routes. */
    public static void mount(ConsoleRouter r, DeviceService devices) {
        Objects.requireNonNull(devices, "devices is null");
        r.get("/devices", Permission.READ, (ctx, p) -> {
            DeviceQuery q = new DeviceQuery(Fields.query(ctx, "search", 64), Fields.query(ctx, "vendor", 32),
                    Fields.query(ctx, "model", 48), Fields.query(ctx, "site_id", 64),
                    Fields.query(ctx, "offset", 0, 0, 10_000_000), Fields.query(ctx, "limit", 100, 1, 1000));
            Responses.json(ctx, devices.list(q));
        });
        r.post("/devices", Permission.MANAGE_DEVICES, (ctx, p) -> {
            var created = devices.create(RequestBodies.read(ctx), p.name());
            Responses.json(ctx.status(201), devices.toJson(created));
        });
        r.get("/devices/{mac}", Permission.READ, (ctx, p) ->
                Responses.json(ctx, devices.toJson(devices.require(DeviceService.mac(ctx.pathParam("mac"), "mac")))));
        r.post("/devices/{mac}/edit", Permission.MANAGE_DEVICES, (ctx, p) -> {
            var updated = devices.edit(DeviceService.mac(ctx.pathParam("mac"), "mac"), RequestBodies.read(ctx), p.name());
            Responses.json(ctx, devices.toJson(updated));
        });
        r.post("/devices/{mac}/delete", Permission.MANAGE_DEVICES, (ctx, p) -> {
            var mac = DeviceService.mac(ctx.pathParam("mac"), "mac");
            devices.delete(mac, p.name());
            Responses.json(ctx, org.endpointmanager.core.http.Json.object().put("deleted", mac.colons()));
        });
    }
}
