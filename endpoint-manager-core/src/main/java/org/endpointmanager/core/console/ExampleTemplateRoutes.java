package org.endpointmanager.core.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.endpointmanager.api.vendor.VendorPlugin;
import org.endpointmanager.core.audit.AuditLog;
import org.endpointmanager.core.http.Json;
import org.endpointmanager.core.http.Responses;
import org.endpointmanager.core.provisioning.ProvisioningService;
import org.endpointmanager.core.render.Placeholders;
import org.endpointmanager.core.store.Database;
import org.endpointmanager.core.store.StoreException;
import org.endpointmanager.core.store.TemplateRecord;
import org.endpointmanager.core.vendor.VendorRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /templates/examples} (seed 002's "Load examples", MANAGE_DEVICES): one editable
 * example template per installed vendor, its custom template text in the vendor's own format with
 * seed 002's placeholders. Idempotent by name: an example whose name exists is reported, not
 * duplicated (an edited example keeps its edits). Each is validated like any template before it is
 * saved.
 */
public final class ExampleTemplateRoutes {

    /** Resource folder of the example texts, one per vendor id. */
    static final String FOLDER = "/endpoint-manager/examples/";
    /** Vendor id to resource file name. */
    static final Map<String, String> FILES = Map.of("yealink", "yealink.cfg", "fanvil", "fanvil.txt",
            "snom", "snom.xml", "grandstream", "grandstream.xml", "htek", "htek.xml");

    private static final Logger LOG = LoggerFactory.getLogger(ExampleTemplateRoutes.class);

    private ExampleTemplateRoutes() {
    }

    /** The name an example template of a vendor gets. */
    static String exampleName(VendorPlugin plugin) {
        return "Example " + plugin.displayName();
    }

    /** The example text for a vendor, when one ships. */
    static Optional<String> exampleText(String vendor) {
        String file = FILES.get(vendor);
        if (file == null) {
            return Optional.empty();
        }
        try (InputStream in = ExampleTemplateRoutes.class.getResourceAsStream(FOLDER + file)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Mounts the route. */
    public static void mount(ConsoleRouter r, Database db, VendorRegistry vendors, ProvisioningService provisioning,
            AuditLog audit, Clock clock) {
        r.post("/templates/examples", Permission.MANAGE_DEVICES, (ctx, p) -> {
            ObjectNode out = Json.object();
            ArrayNode created = out.putArray("created");
            ArrayNode existing = out.putArray("existing");
            ArrayNode skipped = out.putArray("skipped");
            for (VendorPlugin plugin : vendors.all().stream().sorted(Comparator.comparing(VendorPlugin::id)).toList()) {
                String name = exampleName(plugin);
                Optional<TemplateRecord> already = db.templates().list().stream()
                        .filter(t -> t.name().equals(name)).findFirst();
                if (already.isPresent()) {
                    existing.add(summary(already.get()));
                    continue;
                }
                Optional<String> text = exampleText(plugin.id());
                if (text.isEmpty()) {
                    skipped.addObject().put("vendor", plugin.id()).put("reason", "no example ships for this vendor");
                    continue;
                }
                Instant now = clock.instant();
                TemplateRecord t = new TemplateRecord(UUID.randomUUID().toString(), name, Optional.of(plugin.id()),
                        Optional.empty(), "{}", "", text, now, now);
                Optional<String> problem = Placeholders.unknown(text.get());
                if (problem.isEmpty()) {
                    try {
                        provisioning.check(t);
                    } catch (IllegalArgumentException e) {
                        problem = Optional.of(e.getMessage());
                    }
                }
                if (problem.isPresent()) {
                    // a shipped example that fails validation is our bug: say so, save nothing broken
                    LOG.error("example template refused vendor={} reason={}", plugin.id(), problem.get());
                    skipped.addObject().put("vendor", plugin.id()).put("reason", "example failed validation: " + problem.get());
                    continue;
                }
                try {
                    created.add(summary(db.templates().insert(t)));
                } catch (StoreException e) {
                    // another request created it meanwhile
                    db.templates().list().stream().filter(x -> x.name().equals(name)).findFirst()
                            .ifPresent(x -> existing.add(summary(x)));
                }
            }
            audit.record(p.name(), "template.load_examples", "templates", null, out);
            Responses.json(ctx.status(created.isEmpty() ? 200 : 201), out);
        });
    }

    private static ObjectNode summary(TemplateRecord t) {
        ObjectNode o = Json.object();
        o.put("id", t.id());
        o.put("name", t.name());
        o.put("vendor", t.vendor().orElse(null));
        return o;
    }
}
