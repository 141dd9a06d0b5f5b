package org.endpointmanager.vendor.grandstream;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.endpointmanager.api.vendor.RawParameter;

/**
 * Merges an admin's raw P-codes over the generated ones: a raw code replaces the generated value
 * in place, a new code is appended. Accepts {@code P3 = value} (key {@code P3}) and the
 * {@code <P3>value</P3>} lines seed 002 documents, however the INI reader split such a line.
 */
final class RawPCodes {

    /** Codes that carry secrets; never merged into a file shared by many phones. */
    static final Set<String> SECRET_CODES = Set.of("P2", "P34", "P196", "P406", "P1361");

    private static final Pattern ELEMENT = Pattern.compile("<(P[0-9]{1,6})>(.*)</\\1>", Pattern.DOTALL);
    private static final Pattern EMPTY_ELEMENT = Pattern.compile("<(P[0-9]{1,6})\\s*/>");

    private RawPCodes() {
    }

    /**
     * The generated values with the raw ones merged.
     *
     * @throws IllegalArgumentException naming the key when a raw key is not a P-code
     */
    static Map<String, String> merge(List<PValue> generated, List<RawParameter> raw, boolean shared) {
        Map<String, String> merged = new LinkedHashMap<>();
        for (PValue p : generated) {
            merged.put(p.code(), p.value());
        }
        for (RawParameter parameter : raw) {
            PValue p = parse(parameter);
            if (shared && SECRET_CODES.contains(p.code())) {
                continue;
            }
            merged.put(p.code(), p.value());
        }
        return merged;
    }

    static PValue parse(RawParameter parameter) {
        String key = parameter.key().strip();
        String value = parameter.value();
        if (key.startsWith("<")) {
            // An INI reader may have cut "<P3>a=b</P3>" at its '=': put the line back together.
            String line = value.isEmpty() ? key : key + "=" + value;
            Matcher m = ELEMENT.matcher(line.strip());
            if (m.matches()) {
                return new PValue(m.group(1), Values.flat(unescape(m.group(2))));
            }
            m = EMPTY_ELEMENT.matcher(line.strip());
            if (m.matches()) {
                return new PValue(m.group(1), "");
            }
            throw new IllegalArgumentException("raw Grandstream parameter is not a P-code element: "
                    + abbreviate(key));
        }
        if (!PValue.isCode(key)) {
            throw new IllegalArgumentException("raw Grandstream parameter key must be P followed by digits: "
                    + abbreviate(key));
        }
        return new PValue(key, Values.flat(value.strip()));
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
