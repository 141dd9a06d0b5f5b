package org.endpointmanager.core.pages;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.core.console.ConsoleRouter;
import org.endpointmanager.core.registrations.PhoneList;
import org.endpointmanager.core.session.ConsoleSessions;
import org.endpointmanager.core.store.Database;
import org.endpointmanager.core.vendor.VendorRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console pages under {@code /console/endpoint-manager/ui/}: a separate prefix, so no page
 * path can collide with a JSON route. Pages need a cookie session (else a redirect to the login
 * page); they are not in the console route table because they hold no data of their own beyond
 * the phones list, which reads the same store the JSON API reads with the same viewer right.
 */
public final class PageRoutes {

    /** Prefix of every page. */
    public static final String UI = ConsoleRouter.BASE + "/ui";

    private static final Logger LOG = LoggerFactory.getLogger(PageRoutes.class);

    private record Page(String id, String label, String title, boolean adminOnly) {
    }

    private static final List<Page> NAV = List.of(
            new Page("dashboard", "Dashboard", "Fleet dashboard", false),
            new Page("phones", "Phones", "Phones", false),
            new Page("templates", "Templates", "Templates", false),
            new Page("firmware", "Firmware", "Firmware", false),
            new Page("discovery", "Discovery", "Discovery", false),
            new Page("phonebook", "Phonebook", "Phonebook sources", false),
            new Page("import", "Import/export", "Import and export devices", false),
            new Page("jobs", "Jobs", "Jobs", false),
            new Page("settings", "Settings", "PnP settings", true),
            new Page("audit", "Audit log", "Audit log", true));

    private final ConsoleSessions sessions;
    private final PageRenderer renderer = new PageRenderer();
    private final StaticAssets assets = new StaticAssets();
    private final PhonesPage phonesPage;

    private PageRoutes(ConsoleSessions sessions, PhonesPage phonesPage) {
        this.sessions = sessions;
        this.phonesPage = phonesPage;
    }

    /** Mounts the pages and their assets. */
    public static void mount(RoutesConfig routes, ConsoleRouter router, Database db, VendorRegistry vendors,
            PhoneList phones) {
        PageRoutes p = new PageRoutes(router.sessions(), new PhonesPage(db, vendors, phones));
        routes.get(UI, ctx -> ctx.redirect(UI + "/dashboard", HttpStatus.SEE_OTHER));
        routes.get(UI + "/static/{name}", p.assets::serve);
        routes.get(UI + "/login", p::login);
        for (Page page : NAV) {
            routes.get(UI + "/" + page.id(), ctx -> p.page(ctx, page, page.id().equals("phones")
                    ? p.phonesPage.view(ctx) : Map.of()));
        }
        routes.get(UI + "/phones/{mac}", p::phone);
    }

    private void login(Context ctx) {
        ConsoleRouter.securityHeaders(ctx);
        html(ctx, renderer.render("login", Map.of("title", "Log in")));
    }

    private void phone(Context ctx) {
        Optional<MacAddress> mac = MacAddress.tryParse(ctx.pathParam("mac"));
        if (mac.isEmpty()) {
            ConsoleRouter.securityHeaders(ctx);
            ctx.status(404).contentType("text/plain; charset=utf-8").result("Not Found");
            return;
        }
        page(ctx, new Page("phones", "Phones", "Phone " + mac.get().colons(), false),
                Map.of("mac", mac.get().colons(), "hex", mac.get().hex()), "phone");
    }

    private void page(Context ctx, Page page, Object view) {
        page(ctx, page, view, page.id());
    }

    private void page(Context ctx, Page page, Object view, String template) {
        ConsoleRouter.securityHeaders(ctx);
        Optional<ConsoleSessions.Session> session = sessions.find(ctx.cookie(ConsoleSessions.COOKIE));
        if (session.isEmpty()) {
            String next = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
            ctx.redirect(UI + "/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
            return;
        }
        ConsoleSessions.Session s = session.get();
        String role = s.principal().role().configName();
        List<PageModel.NavItem> nav = new ArrayList<>();
        for (Page n : NAV) {
            if (!n.adminOnly() || role.equals("site_admin")) {
                nav.add(new PageModel.NavItem(UI + "/" + n.id(), n.label(), n.id().equals(page.id())));
            }
        }
        if (page.adminOnly() && !role.equals("site_admin")) {
            ctx.status(403);
        }
        PageModel model = new PageModel(page.title(), template, s.principal().name(), role, s.csrfToken(), nav, view);
        try {
            html(ctx, renderer.render(template, model));
        } catch (RuntimeException e) {
            LOG.error("page {} failed to render: {}", template, e.toString(), e);
            ctx.status(500).contentType("text/plain; charset=utf-8").result("internal error; see the server log");
        }
    }

    private static void html(Context ctx, String body) {
        ctx.contentType("text/html; charset=utf-8").result(body);
    }
}
