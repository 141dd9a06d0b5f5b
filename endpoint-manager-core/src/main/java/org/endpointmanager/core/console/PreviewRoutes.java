package org.endpointmanager.core.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.core.http.ApiException;
import org.endpointmanager.core.http.ErrorCode;
import org.endpointmanager.core.http.Json;
import org.endpointmanager.core.http.Responses;
import org.endpointmanager.core.provisioning.ProvisioningException;
import org.endpointmanager.core.provisioning.ProvisioningService;
import org.endpointmanager.core.render.LineDiff;
import org.endpointmanager.core.store.Database;
import org.endpointmanager.core.store.DeviceRecord;
import org.endpointmanager.core.store.FetchRecord;
import org.endpointmanager.core.store.FetchedCopy;

/**
 * What a phone would get now, and what it really fetched: a preview (rendered without recording a
 * fetch, secrets masked) with its difference from the phone's last fetched copy, and the fetch
 * history.
 */
public final class PreviewRoutes {

    private PreviewRoutes() {
    }

    /** A rendered file as the previews answer it: which file, its hash and its body with secrets masked. */
    static ObjectNode rendered(DeviceRecord device, ProvisioningService.Produced produced) {
        ObjectNode out = Json.object();
        out.put("mac", device.mac().colons());
        out.put("vendor", produced.plugin().id());
        out.put("file", produced.request().fileName());
        out.put("content_type", produced.file().contentType());
        out.put("hash", produced.hash());
        out.put("body", produced.maskedBody());
        return out;
    }

    /** Mounts the routes. */
    public static void mount(ConsoleRouter r, Database db, DeviceService devices, ProvisioningService provisioning) {
        r.get("/devices/{mac}/preview", Permission.READ, (ctx, p) -> {
            DeviceRecord device = devices.require(DeviceService.mac(ctx.pathParam("mac"), "mac"));
            Optional<String> file = Fields.query(ctx, "file", 128);
            ProvisioningService.Produced produced;
            try {
                produced = provisioning.preview(device, file);
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("file", e.getMessage());
            } catch (ProvisioningException e) {
                throw ApiException.of(ErrorCode.UNPROCESSABLE, "cannot render: " + e.getMessage());
            }
            ObjectNode out = rendered(device, produced);
            out.put("kind", produced.request().kind().name());
            Optional<FetchedCopy> last = db.fetches().copy(device.mac(), produced.copyName());
            if (last.isEmpty()) {
                out.putNull("last_fetched");
            } else {
                ObjectNode lf = out.putObject("last_fetched");
                lf.put("at", last.get().at().toString());
                lf.put("hash", last.get().contentHash());
                lf.put("changed", !last.get().contentHash().equals(produced.hash()));
                ArrayNode diff = lf.putArray("diff");
                try {
                    LineDiff.unified(last.get().maskedBody(), produced.maskedBody(), 2).forEach(diff::add);
                } catch (IllegalArgumentException e) {
                    lf.put("diff_error", e.getMessage());
                }
            }
            Responses.json(ctx, out);
        });
        r.get("/devices/{mac}/fetches", Permission.READ, (ctx, p) -> {
            MacAddress mac = devices.require(DeviceService.mac(ctx.pathParam("mac"), "mac")).mac();
            ObjectNode out = Json.object();
            ArrayNode arr = out.putArray("fetches");
            for (FetchRecord f : db.fetches().history(mac, Fields.query(ctx, "limit", 50, 1, 500))) {
                arr.addObject().put("at", f.at().toString()).put("file", f.fileName()).put("source_ip", f.sourceIp())
                        .put("user_agent", f.userAgent().orElse(null)).put("firmware", f.firmware().orElse(null))
                        .put("hash", f.contentHash()).put("transport", f.transport())
                        .put("first_at", f.firstAt().toString()).put("repeats", f.repeats());
            }
            Responses.json(ctx, out);
        });
    }
}
