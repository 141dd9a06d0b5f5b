package org.endpointmanager.core.render;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.profile.Line;
import org.endpointmanager.api.render.Escaping;
import org.endpointmanager.api.render.TemplateEngine;
import org.endpointmanager.api.vendor.RenderContext;

/**
 * Seed 002's template placeholders ({@code {SIP_NUM}}, {@code {SIP_USER_NAME}}, {@code {SIP_PASS}},
 * {@code {PBX_HOST}}, {@code {FIRMWARE_URL}}) and a few more, made available to every template.
 *
 * <p>An admin's template text is converted once: {@code {SIP_NUM}} becomes the Mustache tag
 * {@code {{SIP_NUM}}}, so the value passes through the format's escaping like any other. The
 * values are added under the vendor's own scope (the vendor's keys win), by wrapping the engine
 * handed to the plug-in.
 */
public final class Placeholders {

    /** The names that may be written as {@code {NAME}} in a template. */
    public static final List<String> NAMES = List.of("SIP_NUM", "SIP_USER_NAME", "SIP_PASS", "SIP_DISPLAY_NAME",
            "SIP_LABEL", "PBX_HOST", "PBX_PORT", "FIRMWARE_URL", "PHONEBOOK_URL", "PROVISIONING_URL", "MAC", "MAC_UPPER",
            "MODEL", "LABEL");

    private static final Pattern SEED = Pattern.compile("(?<!\\{)\\{(" + String.join("|", NAMES) + ")}(?!})");

    private Placeholders() {
    }

    private static final Pattern ANY_SEED_FORM = Pattern.compile("(?<!\\{)\\{([A-Z][A-Z0-9_]{2,40})}(?!})");

    /**
     * The first placeholder-looking name ({@code {NAME}}) a template uses that is not one of
     * {@link #NAMES}, with its line: a typo such as {@code {SIP_PASSWD}} would otherwise reach phones
     * as literal text.
     */
    public static java.util.Optional<String> unknown(String template) {
        Matcher m = ANY_SEED_FORM.matcher(template);
        while (m.find()) {
            if (!NAMES.contains(m.group(1))) {
                int line = 1;
                for (int i = 0; i < m.start(); i++) {
                    if (template.charAt(i) == '\n') {
                        line++;
                    }
                }
                return java.util.Optional.of("line " + line + ": unknown placeholder {" + m.group(1) + "} (known: "
                        + String.join(", ", NAMES) + ")");
            }
        }
        return java.util.Optional.empty();
    }

    /** Converts seed 002 placeholders to Mustache tags; other text is left alone. */
    public static String toMustache(String template) {
        Matcher m = SEED.matcher(template);
        return m.replaceAll("{{$1}}");
    }

    /** The placeholder values for one render (empty strings where a value does not apply). */
    public static Map<String, Object> values(RenderContext ctx, String pbxHost, int pbxPort) {
        Map<String, Object> v = new LinkedHashMap<>();
        Line first = ctx.profile().lines().isEmpty() ? null : ctx.profile().lines().get(0);
        v.put("SIP_NUM", first == null ? "" : first.userName());
        v.put("SIP_USER_NAME", first == null ? "" : first.authName());
        v.put("SIP_PASS", first == null ? "" : first.password().reveal());
        v.put("SIP_DISPLAY_NAME", first == null ? "" : first.displayName());
        v.put("SIP_LABEL", first == null ? "" : first.label());
        v.put("PBX_HOST", first == null ? pbxHost : first.server());
        v.put("PBX_PORT", Integer.toString(first == null ? pbxPort : first.port()));
        v.put("FIRMWARE_URL", ctx.profile().firmwareUrl().orElse(""));
        v.put("PHONEBOOK_URL", ctx.profile().phonebookUrl().orElse(""));
        v.put("PROVISIONING_URL", ctx.provisioningBaseUrl());
        v.put("MAC", ctx.request().mac().map(MacAddress::lower).orElse(""));
        v.put("MAC_UPPER", ctx.request().mac().map(MacAddress::upper).orElse(""));
        v.put("MODEL", ctx.device().map(d -> d.model()).orElse(ctx.request().model().orElse("")));
        v.put("LABEL", ctx.device().map(d -> d.label()).orElse(""));
        return v;
    }

    /** An engine that renders with the placeholder values under every scope. */
    public static TemplateEngine withValues(TemplateEngine engine, Map<String, Object> values) {
        return (template, scope, escaping) -> {
            Map<String, Object> merged = new LinkedHashMap<>(values);
            merged.putAll(scope);
            return engine.render(template, merged, escaping);
        };
    }

    /** The escaping that fits a template's text: XML when it starts with one '<', else line-based. */
    public static Escaping escapingFor(String template) {
        String t = template.stripLeading();
        return t.startsWith("<") && !t.startsWith("<<") ? Escaping.XML : Escaping.LINE;
    }
}
