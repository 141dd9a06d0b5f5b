package org.endpointmanager.core.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.endpointmanager.api.host.Principal;
import org.endpointmanager.core.console.ConsoleRouter;
import org.endpointmanager.core.console.Permission;
import org.endpointmanager.core.http.ApiException;
import org.endpointmanager.core.http.ErrorCode;
import org.endpointmanager.core.http.Json;
import org.endpointmanager.core.http.Responses;
import org.endpointmanager.core.store.JobRecord;

/**
 * {@code POST /discovery/scan} (site_admin): {@code {"subnet": "10.0.1.0/24", "scan_type":
 * "http", "ports": [80], "concurrency": 32}}; answers 202 with the job. The subnet must be IPv4,
 * at most a /22 and wholly allowed by the outbound address guard (400 otherwise).
 */
public final class DiscoveryScanRoutes {

    private static final int MAX_BODY = 16 * 1024;
    private static final int MAX_PORTS = 8;
    private static final int DEFAULT_CONCURRENCY = 32;
    private static final Set<String> FIELDS = Set.of("subnet", "scan_type", "ports", "concurrency");

    private DiscoveryScanRoutes() {
    }

    /** Mounts the route. */
    public static void mount(ConsoleRouter r, DiscoveryScan scan) {
        r.post("/discovery/scan", Permission.ADMINISTER, (ctx, p) -> scan(ctx, p, scan));
    }

    private static void scan(Context ctx, Principal p, DiscoveryScan scan) {
        if (ctx.contentLength() > MAX_BODY || ctx.body().length() > MAX_BODY) {
            throw ApiException.of(ErrorCode.TOO_LARGE, "body is larger than " + MAX_BODY + " bytes");
        }
        ObjectNode body = Json.parseObject(ctx.body());
        body.fieldNames().forEachRemaining(n -> {
            if (!FIELDS.contains(n)) {
                throw ApiException.invalid(n, "unknown field '" + n + "'");
            }
        });
        JsonNode subnet = body.get("subnet");
        if (subnet == null || !subnet.isTextual() || subnet.asText().isBlank() || subnet.asText().length() > 64) {
            throw ApiException.invalid("subnet", "subnet is required, for example 10.0.1.0/24");
        }
        JsonNode type = body.get("scan_type");
        if (type != null && !type.isNull() && !"http".equals(type.asText())) {
            throw ApiException.invalid("scan_type", "scan_type must be http");
        }
        List<Integer> ports = new ArrayList<>();
        JsonNode portNode = body.get("ports");
        if (portNode == null || portNode.isNull()) {
            ports.add(80);
        } else {
            if (!portNode.isArray() || portNode.isEmpty() || portNode.size() > MAX_PORTS) {
                throw ApiException.invalid("ports", "ports must list 1.." + MAX_PORTS + " port numbers");
            }
            for (JsonNode n : portNode) {
                if (!n.isInt() || n.intValue() < 1 || n.intValue() > 65535) {
                    throw ApiException.invalid("ports", "each port must be a whole number 1..65535");
                }
                if (!ports.contains(n.intValue())) {
                    ports.add(n.intValue());
                }
            }
        }
        JsonNode c = body.get("concurrency");
        int concurrency = DEFAULT_CONCURRENCY;
        if (c != null && !c.isNull()) {
            if (!c.isInt() || c.intValue() < 1 || c.intValue() > 64) {
                throw ApiException.invalid("concurrency", "concurrency must be a whole number 1..64");
            }
            concurrency = c.intValue();
        }
        JobRecord job;
        try {
            job = scan.submit(subnet.asText(), ports, concurrency, p.name());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("subnet", e.getMessage());
        }
        Responses.json(ctx.status(202), Json.object().put("id", job.id()).put("job_id", job.id()).put("kind", job.kind())
                .put("status", job.status()).put("total", job.total()));
    }
}
