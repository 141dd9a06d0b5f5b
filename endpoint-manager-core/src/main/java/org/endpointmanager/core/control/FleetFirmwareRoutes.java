package org.endpointmanager.core.control;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.Set;
import org.endpointmanager.api.host.Principal;
import org.endpointmanager.core.console.ConsoleRouter;
import org.endpointmanager.core.console.Permission;
import org.endpointmanager.core.http.ApiException;
import org.endpointmanager.core.http.Json;
import org.endpointmanager.core.http.Responses;
import org.endpointmanager.core.jobs.JobRunner;
import org.endpointmanager.core.store.JobRecord;

/**
 * {@code POST /fleet/bulk/firmware} (site_admin): {@code {"phone_ids": [...], "target_version":
 * "1.0.11.16", "concurrency": 20, "stagger_ms": 0, "deadline_seconds": 1800}}; answers 202 with
 * the job.
 */
public final class FleetFirmwareRoutes {

    /** Default phones in flight at once. */
    static final int DEFAULT_CONCURRENCY = 20;
    /** Default time a phone has to show the target version after its push. */
    static final int DEFAULT_DEADLINE_SECONDS = 1800;
    private static final Set<String> FIELDS = Set.of("target_version", "concurrency", "stagger_ms", "deadline_seconds");

    private FleetFirmwareRoutes() {
    }

    /** Mounts the route. */
    public static void mount(ConsoleRouter r, FleetFirmware fleet) {
        r.post("/fleet/bulk/firmware", Permission.ADMINISTER, (ctx, p) -> submit(ctx, p, fleet));
    }

    private static void submit(Context ctx, Principal p, FleetFirmware fleet) {
        BulkRequest req = BulkRequest.parse(ctx, FIELDS);
        String version = req.text("target_version", 64).filter(v -> v.matches("[0-9A-Za-z._+\\-]+"))
                .orElseThrow(() -> ApiException.invalid("target_version",
                        "target_version is required: up to 64 letters, digits and . _ + -"));
        int concurrency = req.integer("concurrency", 1, 256).orElse(DEFAULT_CONCURRENCY);
        int stagger = req.integer("stagger_ms", 0, 300_000).orElse(0);
        int deadline = req.integer("deadline_seconds", 1, 86_400).orElse(DEFAULT_DEADLINE_SECONDS);
        JobRecord job = fleet.submit(req.phoneIds(), version, new JobRunner.Options(concurrency, Duration.ofMillis(stagger),
                BulkRequest.idempotencyKey(ctx)),
                Duration.ofSeconds(deadline), p.name());
        Responses.json(ctx.status(202), Json.object().put("id", job.id()).put("job_id", job.id()).put("kind", job.kind())
                .put("status", job.status()).put("total", job.total()));
    }
}
