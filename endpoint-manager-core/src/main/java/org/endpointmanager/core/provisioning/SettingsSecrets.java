package org.endpointmanager.core.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.endpointmanager.api.Secret;
import org.endpointmanager.core.http.Json;
import org.endpointmanager.core.security.SecretBox;

/**
 * The one secret that lives in structured settings, {@code admin_password}: sealed (encrypted with
 * the secret box) before settings are stored, masked whenever settings are shown. Posting the mask
 * back keeps the stored value, so a form that round-trips settings never overwrites a password
 * with asterisks.
 */
public final class SettingsSecrets {

    /** The settings key holding the phone's admin password. */
    public static final String ADMIN_PASSWORD = "admin_password";
    private static final String SEALED = "encrypted";

    private SettingsSecrets() {
    }

    /**
     * Encrypts a clear {@code admin_password} in place; the mask keeps the previous sealed value.
     *
     * @param settings the settings about to be stored
     * @param previous the settings stored before, if any
     */
    public static ObjectNode seal(ObjectNode settings, Optional<ObjectNode> previous, SecretBox box) {
        JsonNode v = settings.get(ADMIN_PASSWORD);
        if (v == null || v.isNull()) {
            return settings;
        }
        if (v.isTextual() && v.asText().equals(Secret.MASK)) {
            JsonNode old = previous.map(p -> p.get(ADMIN_PASSWORD)).orElse(null);
            if (old != null && old.isObject()) {
                settings.set(ADMIN_PASSWORD, old);
            } else {
                settings.remove(ADMIN_PASSWORD);
            }
            return settings;
        }
        if (v.isTextual()) {
            if (v.asText().isEmpty()) {
                settings.remove(ADMIN_PASSWORD);
            } else {
                settings.set(ADMIN_PASSWORD, Json.object().put(SEALED, box.encrypt(Secret.of(v.asText()))));
            }
        }
        return settings;
    }

    /** A copy for display: the admin password shown as the mask. */
    public static JsonNode mask(JsonNode settings) {
        if (settings instanceof ObjectNode obj && obj.has(ADMIN_PASSWORD)) {
            ObjectNode copy = obj.deepCopy();
            copy.put(ADMIN_PASSWORD, Secret.MASK);
            return copy;
        }
        return settings;
    }

    /** The clear value of a sealed or (input) clear admin password. */
    static Optional<Secret> open(JsonNode value, Optional<SecretBox> box, String field) {
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isTextual()) {
            return value.asText().isEmpty() ? Optional.empty() : Optional.of(Secret.of(value.asText()));
        }
        JsonNode sealed = value.get(SEALED);
        if (sealed == null || !sealed.isTextual()) {
            throw org.endpointmanager.core.http.ApiException.invalid(field, field + " must be a string");
        }
        return box.map(b -> b.decrypt(sealed.asText()));
    }
}
