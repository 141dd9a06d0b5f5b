package org.endpointmanager.core.registrations;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.endpointmanager.core.console.ConsoleRouter;
import org.endpointmanager.core.console.Permission;
import org.endpointmanager.core.http.Json;
import org.endpointmanager.core.http.Responses;

/**
 * {@code GET /registrations} and {@code GET /registrations/stats} with seed 003's JSON shapes.
 * A field without a value is left out, as seed 003's WebRTC example leaves out its MAC.
 */
public final class RegistrationRoutes {

    private RegistrationRoutes() {
    }

    /** Mounts both routes (read permission). */
    public static void mount(ConsoleRouter router, PhoneList phones) {
        router.get("/registrations", Permission.READ, (ctx, principal) -> Responses.json(ctx, list(phones)));
        router.get("/registrations/stats", Permission.READ, (ctx, principal) -> Responses.json(ctx, stats(phones)));
    }

    /** {@code {"phones":[...]}}. */
    public static ObjectNode list(PhoneList phones) {
        ObjectNode out = Json.object();
        ArrayNode arr = out.putArray("phones");
        for (PhoneEntry p : phones.phones()) {
            ObjectNode o = arr.addObject();
            o.put("id", p.id());
            p.extensionNumber().ifPresent(v -> o.put("extensionNumber", v));
            p.extensionName().ifPresent(v -> o.put("extensionName", v));
            o.put("deviceType", p.deviceType().jsonName());
            p.manufacturer().ifPresent(v -> o.put("manufacturer", v));
            p.model().ifPresent(v -> o.put("model", v));
            p.mac().ifPresent(v -> o.put("macAddress", v.colons().toUpperCase(Locale.ROOT)));
            p.ipAddress().ifPresent(v -> o.put("ipAddress", v));
            o.put("registered", p.registered());
            p.lastRegistered().ifPresent(v -> o.put("lastRegistered", v.truncatedTo(ChronoUnit.SECONDS).toString()));
            p.userAgent().ifPresent(v -> o.put("userAgent", v));
        }
        return out;
    }

    /** {@code {"stats":{...}}}. */
    public static ObjectNode stats(PhoneList phones) {
        PhoneList.Stats s = phones.stats();
        ObjectNode out = Json.object();
        ObjectNode o = out.putObject("stats");
        o.put("totalPhones", s.totalPhones());
        o.put("registered", s.registered());
        o.put("unregistered", s.unregistered());
        ObjectNode byType = o.putObject("byType");
        for (DeviceType t : DeviceType.values()) {
            byType.put(t.jsonName(), s.byType().getOrDefault(t, 0));
        }
        return out;
    }
}
