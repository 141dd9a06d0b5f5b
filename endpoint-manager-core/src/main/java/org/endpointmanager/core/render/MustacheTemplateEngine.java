package org.endpointmanager.core.render;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.endpointmanager.api.render.Escaping;
import org.endpointmanager.api.render.TemplateEngine;

/**
 * {@link TemplateEngine} on mustache.java. One factory per {@link Escaping}, each overriding the
 * factory's encoder, so every {@code {{value}}} is escaped for its format. Compiled templates are
 * cached by the hash of their text, so the same template is compiled once.
 */
public final class MustacheTemplateEngine implements TemplateEngine {

    private static final Pattern UNESCAPED_TAG = Pattern.compile("\\{\\{\\{|\\{\\{\\s*&");

    private final Map<Escaping, DefaultMustacheFactory> factories = new EnumMap<>(Escaping.class);

    /** Creates the engine (also the {@link java.util.ServiceLoader} entry point). */
    public MustacheTemplateEngine() {
        for (Escaping escaping : Escaping.values()) {
            factories.put(escaping, new EscapingFactory(escaping));
        }
    }

    @Override
    public String render(String template, Map<String, ?> scope, Escaping escaping) {
        Matcher unescaped = UNESCAPED_TAG.matcher(template);
        if (unescaped.find()) {
            throw new TemplateException("line " + lineOf(template, unescaped.start())
                    + ": unescaped tags ({{{...}}} or {{&...}}) are not allowed", null);
        }
        Mustache mustache;
        try {
            mustache = factories.get(escaping).compile(new StringReader(template), "t-" + sha256(template));
        } catch (MustacheException e) {
            throw new TemplateException("template does not compile: " + e.getMessage(), e);
        }
        StringWriter out = new StringWriter(template.length() * 2);
        try {
            mustache.execute(out, scope).flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MustacheException e) {
            throw new TemplateException("template failed to render: " + e.getMessage(), e);
        }
        return out.toString();
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String sha256(String text) {
        return org.endpointmanager.core.security.Sha256.hex(text);
    }

    /** A factory whose encoder is the format's escaping instead of HTML escaping. */
    private static final class EscapingFactory extends DefaultMustacheFactory {
        private final Escaping escaping;

        EscapingFactory(Escaping escaping) {
            this.escaping = escaping;
        }

        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(escaping.escape(value));
            } catch (IOException e) {
                throw new MustacheException("could not write value", e);
            }
        }
    }
}
