package org.endpointmanager.vendor.snom;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code <fkey idx="0" context="active" label="..." perm="R">TYPE VALUE</fkey>}.
 *
 * @param idx 0-based key number (expansion module keys follow the phone's own keys)
 * @param context {@code active} or the identity number the key acts for
 * @param label the label shown next to the key
 * @param value the key's definition, for example {@code blf sip:1003@pbx|*8}
 */
record SnomFunctionKey(int idx, String context, String label, String value) {
    SnomFunctionKey {
        if (idx < 0) {
            throw new IllegalArgumentException("idx must not be negative");
        }
        Objects.requireNonNull(context, "context is null");
        Objects.requireNonNull(label, "label is null");
        Objects.requireNonNull(value, "value is null");
    }

    Map<String, Object> scope() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("idx", String.valueOf(idx));
        m.put("context", context);
        m.put("label", label);
        m.put("perm", SnomSetting.R);
        m.put("value", value);
        return m;
    }
}
