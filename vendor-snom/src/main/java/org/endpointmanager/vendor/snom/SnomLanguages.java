package org.endpointmanager.vendor.snom;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** ISO 639-1 codes to the language names Snom's {@code language} setting takes. */
final class SnomLanguages {
    private final Map<String, String> names = new HashMap<>();

    private SnomLanguages() {
    }

    static SnomLanguages load() {
        SnomLanguages l = new SnomLanguages();
        for (String[] r : SnomResources.records("languages.txt")) {
            l.names.put(r[0], r[1]);
        }
        return l;
    }

    /** The Snom name for a code such as {@code en} or {@code de-AT}; empty when unknown. */
    Optional<String> snomName(String code) {
        String c = code.strip().toLowerCase(Locale.ROOT);
        int sep = c.indexOf('-') >= 0 ? c.indexOf('-') : c.indexOf('_');
        if (sep > 0) {
            c = c.substring(0, sep);
        }
        return Optional.ofNullable(names.get(c));
    }
}
