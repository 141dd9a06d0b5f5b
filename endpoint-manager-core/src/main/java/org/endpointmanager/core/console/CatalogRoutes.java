package org.endpointmanager.core.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.endpointmanager.api.vendor.ModelInfo;
import org.endpointmanager.api.vendor.VendorCatalog;
import org.endpointmanager.api.vendor.VendorPlugin;
import org.endpointmanager.core.audit.AuditLog;
import org.endpointmanager.core.http.ApiException;
import org.endpointmanager.core.http.ErrorCode;
import org.endpointmanager.core.http.Json;
import org.endpointmanager.core.http.Responses;
import org.endpointmanager.core.vendor.CatalogOverrides;
import org.endpointmanager.core.vendor.VendorRegistry;

/** The vendors and their (extended) catalogs; reloading the operator's catalog files without a restart. */
public final class CatalogRoutes {

    private CatalogRoutes() {
    }

    /** Mounts the routes. */
    public static void mount(ConsoleRouter r, VendorRegistry vendors, Path catalogFolder, AuditLog audit) {
        r.get("/catalog", Permission.READ, (ctx, p) -> Responses.json(ctx, toJson(vendors)));
        r.post("/catalog/reload", Permission.ADMINISTER, (ctx, p) -> {
            try {
                vendors.applyCatalogAdditions(CatalogOverrides.load(catalogFolder));
            } catch (IllegalArgumentException e) {
                throw ApiException.of(ErrorCode.UNPROCESSABLE, e.getMessage());
            }
            audit.record(p.name(), "catalog.reload", catalogFolder.toString(), null, null);
            Responses.json(ctx, toJson(vendors));
        });
    }

    private static ObjectNode toJson(VendorRegistry vendors) {
        ObjectNode out = Json.object();
        ArrayNode arr = out.putArray("vendors");
        for (VendorPlugin plugin : vendors.all()) {
            VendorCatalog c = vendors.catalog(plugin.id());
            ObjectNode v = arr.addObject();
            v.put("id", plugin.id()).put("name", plugin.displayName());
            ArrayNode ouis = v.putArray("ouis");
            c.ouis().stream().sorted().forEach(ouis::add);
            ArrayNode models = v.putArray("models");
            for (ModelInfo m : c.models()) {
                ObjectNode mo = models.addObject().put("model", m.model()).put("lines", m.lines()).put("keys", m.keys());
                ObjectNode attrs = mo.putObject("attributes");
                m.attributes().forEach(attrs::put);
            }
            ArrayNode ext = v.putArray("firmware_extensions");
            plugin.firmwareExtensions().stream().sorted().forEach(ext::add);
            v.put("resync_event", plugin.notifyEvents().resync()).put("reboot_event", plugin.notifyEvents().reboot());
            ArrayNode sections = v.putArray("raw_sections");
            List.copyOf(plugin.rawParameterSections()).forEach(sections::add);
        }
        return out;
    }
}
