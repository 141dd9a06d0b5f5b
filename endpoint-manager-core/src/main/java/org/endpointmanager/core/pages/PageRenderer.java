package org.endpointmanager.core.pages;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import java.io.StringWriter;
import java.util.Objects;
import java.util.Set;

/**
 * Renders the page templates of {@code endpoint-manager/pages/} from the classpath. The default
 * factory escapes every {@code {{value}}} for HTML; the templates never use triple braces.
 */
final class PageRenderer {

    /** Page templates that exist; a name outside this set is a programming error, not a lookup. */
    static final Set<String> PAGES = Set.of("login", "dashboard", "phones", "phone", "templates", "firmware",
            "discovery", "phonebook", "settings", "audit", "jobs", "import");

    private final MustacheFactory factory = new DefaultMustacheFactory("endpoint-manager/pages");

    String render(String page, Object model) {
        Objects.requireNonNull(model, "model is null");
        if (!PAGES.contains(page)) {
            throw new IllegalArgumentException("unknown page " + page);
        }
        Mustache m = factory.compile(page + ".mustache");
        StringWriter out = new StringWriter();
        m.execute(out, model);
        return out.toString();
    }
}
