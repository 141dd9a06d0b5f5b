package org.endpointmanager.core.pages;

import java.util.List;
import java.util.Objects;

/**
 * What every page's layout shows: title, navigation, who is logged in, and the session's CSRF
 * token (in a meta tag the scripts read), plus the page's own view.
 *
 * @param title page title
 * @param script the page's module in {@code static/} without {@code .js}
 * @param user logged-in user
 * @param role the user's role ({@code viewer}, {@code operator}, {@code site_admin})
 * @param csrf the session's CSRF token
 * @param nav navigation entries
 * @param view the page's own data (may be an empty object)
 */
public record PageModel(String title, String script, String user, String role, String csrf, List<NavItem> nav,
        Object view) {

    /** Validates. */
    public PageModel {
        Objects.requireNonNull(title, "title is null");
        Objects.requireNonNull(script, "script is null");
        Objects.requireNonNull(user, "user is null");
        Objects.requireNonNull(role, "role is null");
        Objects.requireNonNull(csrf, "csrf is null");
        nav = List.copyOf(nav);
        Objects.requireNonNull(view, "view is null");
    }

    /** Whether the user may change settings and read the audit log. */
    public boolean admin() {
        return role.equals("site_admin");
    }

    /** Whether the user may change devices. */
    public boolean operator() {
        return !role.equals("viewer");
    }

    /**
     * One navigation entry.
     *
     * @param href link
     * @param label text
     * @param current whether it is the page shown ({@code aria-current})
     */
    public record NavItem(String href, String label, boolean current) {
        /** Validates. */
        public NavItem {
            Objects.requireNonNull(href, "href is null");
            Objects.requireNonNull(label, "label is null");
        }
    }
}
