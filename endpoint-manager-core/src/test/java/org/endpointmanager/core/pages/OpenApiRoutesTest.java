package org.endpointmanager.core.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.endpointmanager.core.EndpointManager;
import org.endpointmanager.core.config.ConfigLoader;
import org.endpointmanager.core.console.ConsoleRouter;
import org.endpointmanager.core.vendor.VendorRegistry;
import org.endpointmanager.testkit.TestingHostContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docs/api/openapi.yaml} against the routes the engine mounts: every path and method in the
 * file is mounted, and every mounted console route is in the file.
 */
class OpenApiRoutesTest {

    private static final Path FILE = Path.of("..", "docs", "api", "openapi.yaml");
    private static final Pattern PATH = Pattern.compile("^  (/\\S*):\\s*$");
    private static final Pattern METHOD = Pattern.compile("^    (get|post|put|delete|patch|head):\\s*$");
    /** The login route is mounted beside the router (it has no principal yet). */
    private static final Set<String> OUTSIDE_ROUTER = Set.of("POST " + ConsoleRouter.BASE + "/session");

    @TempDir
    Path root;

    @Test
    void everyDocumentedRouteIsMountedAndEveryMountedRouteIsDocumented() throws IOException {
        Set<String> documented = documented();
        Set<String> mounted = new TreeSet<>(OUTSIDE_ROUTER);
        try (EndpointManager engine = EndpointManager.create(ConfigLoader.parse(
                "provision_url_base = \"http://127.0.0.1:8080/provision\"\n[http]\nenabled = false\n", "t.toml"),
                new TestingHostContext(root), new VendorRegistry(), Clock.systemUTC())) {
            io.javalin.Javalin.create(cfg -> engine.mount(cfg.routes));
            engine.consoleRoutes().forEach(r -> mounted.add(r.method() + " " + r.path()));
        }
        assertTrue(mounted.size() > 40, "the route table looks empty: " + mounted);
        Set<String> undocumented = new TreeSet<>(mounted);
        undocumented.removeAll(documented);
        Set<String> notMounted = new TreeSet<>(documented);
        notMounted.removeAll(mounted);
        assertEquals(Set.of(), undocumented, "mounted console routes missing from " + FILE);
        assertEquals(Set.of(), notMounted, "routes in " + FILE + " that are not mounted");
    }

    /** "METHOD /console/endpoint-manager/path" for each operation under {@code paths:}. */
    private static Set<String> documented() throws IOException {
        Set<String> out = new TreeSet<>();
        String path = null;
        boolean inPaths = false;
        for (String line : Files.readAllLines(FILE)) {
            if (!line.startsWith(" ") && !line.isBlank()) {
                inPaths = line.startsWith("paths:");
                path = null;
                continue;
            }
            if (!inPaths) {
                continue;
            }
            Matcher p = PATH.matcher(line);
            if (p.matches()) {
                path = p.group(1);
                continue;
            }
            Matcher m = METHOD.matcher(line);
            if (m.matches() && path != null) {
                out.add(m.group(1).toUpperCase(java.util.Locale.ROOT) + " " + ConsoleRouter.BASE + path);
            }
        }
        return out;
    }
}
