package org.endpointmanager.core.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.endpointmanager.api.vendor.RawParameter;
import org.endpointmanager.api.vendor.RawParameters;

/**
 * Parses seed 002's "Additional Parameters": INI sections of vendor lines.
 *
 * <pre>
 * [yealink]
 * features.headset_prior = 1
 * [grandstream]
 * &lt;P3&gt;caller_id&lt;/P3&gt;
 * </pre>
 *
 * <p>A line is {@code key = value}, or {@code <Pnnn>value</Pnnn>} in Grandstream style; {@code #}
 * and {@code ;} start comments. Errors name the line. Values are kept unescaped: each vendor
 * escapes them for its own format.
 */
public final class RawParametersParser {

    /** Largest accepted text, so a form cannot make the engine parse megabytes per request. */
    public static final int MAX_CHARS = 64 * 1024;

    private static final Pattern SECTION = Pattern.compile("\\[([a-z][a-z0-9-]{0,40})]");
    private static final Pattern XML_LINE = Pattern.compile("<(P\\d{1,6})>(.*)</\\1>");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.\\-\\[\\] ]{1,128}");

    private RawParametersParser() {
    }

    /**
     * Parses the text.
     *
     * @param text INI text
     * @param knownSections sections that may appear (vendors' raw sections and {@code debug})
     * @throws IllegalArgumentException with a message naming the line
     */
    public static RawParameters parse(String text, Set<String> knownSections) {
        if (text == null || text.isBlank()) {
            return RawParameters.none();
        }
        if (text.length() > MAX_CHARS) {
            throw new IllegalArgumentException("additional parameters are longer than " + MAX_CHARS + " characters");
        }
        Map<String, List<RawParameter>> sections = new LinkedHashMap<>();
        String current = null;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            int n = i + 1;
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            Matcher section = SECTION.matcher(line);
            if (section.matches()) {
                current = section.group(1);
                if (!knownSections.contains(current)) {
                    throw new IllegalArgumentException("line " + n + ": unknown section [" + current + "] (known: "
                            + String.join(", ", new java.util.TreeSet<>(knownSections)) + ")");
                }
                sections.computeIfAbsent(current, k -> new ArrayList<>());
                continue;
            }
            if (line.startsWith("[")) {
                throw new IllegalArgumentException("line " + n + ": malformed section header '" + line + "'");
            }
            if (current == null) {
                throw new IllegalArgumentException("line " + n + ": a parameter before any [section]");
            }
            RawParameter parameter = parseLine(line, n);
            if ("debug".equals(current) && !(parameter.key().equals("verbose")
                    && (parameter.value().equals("0") || parameter.value().equals("1")))) {
                throw new IllegalArgumentException("line " + n + ": [debug] takes only 'verbose = 0' or 'verbose = 1'");
            }
            sections.get(current).add(parameter);
        }
        return new RawParameters(sections);
    }

    private static RawParameter parseLine(String line, int n) {
        Matcher xml = XML_LINE.matcher(line);
        if (xml.matches()) {
            return new RawParameter(xml.group(1), xml.group(2));
        }
        int eq = line.indexOf('=');
        int colon = line.indexOf(':');
        int sep = eq >= 0 ? eq : colon;
        if (sep <= 0) {
            throw new IllegalArgumentException("line " + n + ": expected 'key = value' or '<Pnnn>value</Pnnn>'");
        }
        String key = line.substring(0, sep).strip();
        String value = line.substring(sep + 1).strip();
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("line " + n + ": key '" + key
                    + "' may contain only letters, digits, spaces and . _ - [ ]");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException("line " + n + ": value contains a control character");
            }
        }
        return new RawParameter(key, value);
    }

    /** Merges layers: later layers replace keys of earlier ones within the same section. */
    public static RawParameters merge(List<RawParameters> layers) {
        Map<String, LinkedHashMap<String, RawParameter>> merged = new LinkedHashMap<>();
        for (RawParameters layer : layers) {
            layer.sections().forEach((section, params) -> {
                LinkedHashMap<String, RawParameter> target = merged.computeIfAbsent(section, k -> new LinkedHashMap<>());
                for (RawParameter p : params) {
                    target.remove(p.key());
                    target.put(p.key(), p);
                }
            });
        }
        Map<String, List<RawParameter>> out = new LinkedHashMap<>();
        merged.forEach((k, v) -> out.put(k, List.copyOf(v.values())));
        return new RawParameters(out);
    }
}
