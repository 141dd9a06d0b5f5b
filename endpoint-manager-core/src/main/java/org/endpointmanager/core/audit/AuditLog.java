package org.endpointmanager.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.endpointmanager.api.Secret;
import org.endpointmanager.core.http.Json;
import org.endpointmanager.core.store.AuditEntry;
import org.endpointmanager.core.store.AuditStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes audit entries. Before/after snapshots pass through {@link #mask(JsonNode)}, so a field
 * whose name says it holds a secret is stored as {@value Secret#MASK} whatever its content.
 */
public final class AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final Set<String> SECRET_WORDS = Set.of("password", "secret", "token", "key", "pass", "pin");

    private final AuditStore store;
    private final Clock clock;

    /** Creates the log. */
    public AuditLog(AuditStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    /**
     * Records one write.
     *
     * @param actor principal name
     * @param action verb such as {@code device.create}
     * @param target what changed
     * @param before state before (null when created)
     * @param after state after (null when deleted)
     */
    public void record(String actor, String action, String target, JsonNode before, JsonNode after) {
        ObjectNode detail = Json.object();
        if (before != null) {
            detail.set("before", mask(before.deepCopy()));
        }
        if (after != null) {
            detail.set("after", mask(after.deepCopy()));
        }
        store.append(new AuditEntry(UUID.randomUUID().toString(), clock.instant(), actor, action, target,
                Json.write(detail)));
        LOG.info("audit: {} {} {}", actor, action, target);
    }

    /** Masks every field whose name marks a secret, at any depth. */
    public static JsonNode mask(JsonNode node) {
        if (node instanceof ObjectNode obj) {
            Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (isSecretName(e.getKey()) && e.getValue().isValueNode() && !e.getValue().isNull()
                        && !e.getValue().isBoolean()) {
                    e.setValue(Json.mapper().getNodeFactory().textNode(Secret.MASK));
                } else {
                    mask(e.getValue());
                }
            }
        } else if (node instanceof ArrayNode arr) {
            arr.forEach(AuditLog::mask);
        }
        return node;
    }

    private static boolean isSecretName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (String word : SECRET_WORDS) {
            if (n.equals(word) || n.endsWith("_" + word) || n.startsWith(word + "_") || n.endsWith(word)) {
                return !n.endsWith("_set") && !n.equals("keys");
            }
        }
        return false;
    }
}
