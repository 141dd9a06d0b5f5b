package org.endpointmanager.vendor.htek;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.endpointmanager.api.vendor.RawParameter;

/**
 * Merges an admin's raw P-codes over the generated ones: a raw code replaces the generated value
 * in place (keeping its {@code para} name), a new code is appended without one. Accepts
 * {@code P3 = value} and {@code <P3>value</P3>} (also with a {@code para} attribute).
 */
final class RawPCodes {

    /** Codes that carry secrets; never merged into a file shared by many phones. */
    static final Set<String> SECRET_CODES = Set.of("P2", "P34", "P196", "P734", "P1361");

    private static final Pattern ELEMENT = Pattern.compile(
            "<(P[0-9]{1,6})(?:\\s+para=\"[^\"<>]*\")?\\s*>(.*)</\\1>", Pattern.DOTALL);
    private static final Pattern EMPTY_ELEMENT = Pattern.compile("<(P[0-9]{1,6})(?:\\s+para=\"[^\"<>]*\")?\\s*/>");

    private RawPCodes() {
    }

    static List<PSetting> merge(List<PSetting> generated, List<RawParameter> raw, boolean shared) {
        Map<String, PSetting> merged = new LinkedHashMap<>();
        for (PSetting p : generated) {
            merged.put(p.code(), p);
        }
        for (RawParameter parameter : raw) {
            PSetting p = parse(parameter);
            if (shared && SECRET_CODES.contains(p.code())) {
                continue;
            }
            PSetting old = merged.get(p.code());
            merged.put(p.code(), new PSetting(p.code(), old == null ? "" : old.para(), p.value()));
        }
        return List.copyOf(merged.values());
    }

    /** @throws IllegalArgumentException naming the key when it is not a P-code */
    static PSetting parse(RawParameter parameter) {
        String key = parameter.key().strip();
        String value = parameter.value();
        if (key.startsWith("<")) {
            // An INI reader may have cut "<P3>a=b</P3>" at its '=': put the line back together.
            String line = (value.isEmpty() ? key : key + "=" + value).strip();
            Matcher m = ELEMENT.matcher(line);
            if (m.matches()) {
                return new PSetting(m.group(1), "", Values.flat(unescape(m.group(2))));
            }
            m = EMPTY_ELEMENT.matcher(line);
            if (m.matches()) {
                return new PSetting(m.group(1), "", "");
            }
            throw new IllegalArgumentException("raw Htek parameter is not a P-code element: " + abbreviate(key));
        }
        if (!PSetting.isCode(key)) {
            throw new IllegalArgumentException("raw Htek parameter key must be P followed by digits: "
                    + abbreviate(key));
        }
        return new PSetting(key, "", Values.flat(value.strip()));
    }

    private static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&apos;", "'").replace("&amp;", "&");
    }

    private static String abbreviate(String key) {
        String flat = Values.flat(key);
        return flat.length() > 40 ? flat.substring(0, 40) + "..." : flat;
    }
}
