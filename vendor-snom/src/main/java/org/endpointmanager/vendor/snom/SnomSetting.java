package org.endpointmanager.vendor.snom;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One element of a Snom settings file: {@code <name idx="1" perm="RW">value</name>}.
 *
 * @param name the setting (element) name
 * @param idx the identity or index the setting applies to, when it has one
 * @param perm the phone-side permission: {@code R} (user may not change it) or {@code RW}
 * @param value the value, unescaped
 */
record SnomSetting(String name, Optional<Integer> idx, String perm, String value) {

    /**
     * Names become element names, so besides the letters, digits, '_' and '-' Snom uses, the
     * first character must be one XML allows to start a name.
     */
    static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_\\-]{0,63}");

    /** User-changeable. */
    static final String RW = "RW";
    /** Fixed by provisioning. */
    static final String R = "R";

    SnomSetting {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(idx, "idx is null");
        Objects.requireNonNull(perm, "perm is null");
        Objects.requireNonNull(value, "value is null");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a Snom setting name: " + name);
        }
        if (idx.isPresent() && (idx.get() < 0 || idx.get() > 999)) {
            throw new IllegalArgumentException("idx must be 0..999");
        }
        if (!perm.equals(R) && !perm.equals(RW)) {
            throw new IllegalArgumentException("perm must be R or RW");
        }
    }

    static SnomSetting of(String name, String perm, String value) {
        return new SnomSetting(name, Optional.empty(), perm, value);
    }

    static SnomSetting of(String name, int idx, String perm, String value) {
        return new SnomSetting(name, Optional.of(idx), perm, value);
    }

    /** True when this setting and the other address the same element (same name and idx). */
    boolean sameSlot(SnomSetting other) {
        return name.equals(other.name) && idx.equals(other.idx);
    }

    /** The template scope of this setting. */
    Map<String, Object> scope() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("hasIdx", idx.isPresent());
        m.put("idx", idx.map(String::valueOf).orElse(""));
        m.put("perm", perm);
        m.put("value", value);
        return m;
    }
}
