package org.endpointmanager.api.vendor;

import java.util.Objects;

/**
 * One raw vendor parameter an admin added ("Additional Parameters" or {@code raw_pconfig}).
 *
 * @param key the vendor's own key, for example {@code features.headset_prior} or {@code P3}
 * @param value the value, unescaped
 */
public record RawParameter(String key, String value) {
    /** Rejects nulls. */
    public RawParameter {
        Objects.requireNonNull(key, "key is null");
        Objects.requireNonNull(value, "value is null");
    }
}
