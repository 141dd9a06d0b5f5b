package org.endpointmanager.host.sip;

import java.util.Locale;
import java.util.Optional;

/**
 * Reads the parts of From, To and Contact values this registrar needs: the URI, its user part and
 * header parameters ({@code ;tag=}, {@code ;expires=}). Anything it cannot read is empty.
 */
final class NameAddress {

    private NameAddress() {
    }

    /** The URI: inside angle brackets, or the value up to its first ';'. */
    static Optional<String> uri(String value) {
        int lt = value.indexOf('<');
        if (lt >= 0) {
            int gt = value.indexOf('>', lt);
            if (gt < 0) {
                return Optional.empty();
            }
            String uri = value.substring(lt + 1, gt).strip();
            return uri.isEmpty() ? Optional.empty() : Optional.of(uri);
        }
        int semi = value.indexOf(';');
        String uri = (semi < 0 ? value : value.substring(0, semi)).strip();
        return uri.isEmpty() || uri.indexOf(' ') >= 0 ? Optional.empty() : Optional.of(uri);
    }

    /** The user part of a {@code sip:} or {@code sips:} URI, percent-escapes left as sent. */
    static Optional<String> user(String uri) {
        String lower = uri.toLowerCase(Locale.ROOT);
        int start;
        if (lower.startsWith("sip:")) {
            start = 4;
        } else if (lower.startsWith("sips:")) {
            start = 5;
        } else {
            return Optional.empty();
        }
        int at = uri.indexOf('@', start);
        if (at <= start) {
            return Optional.empty();
        }
        String user = uri.substring(start, at);
        int semi = user.indexOf(';');
        if (semi >= 0) {
            user = user.substring(0, semi);
        }
        int colon = user.indexOf(':');
        if (colon >= 0) {
            user = user.substring(0, colon);
        }
        return user.isEmpty() ? Optional.empty() : Optional.of(user);
    }

    /** A header parameter (after the URI), for example {@code tag} or {@code expires}. */
    static Optional<String> param(String value, String name) {
        int gt = value.indexOf('>');
        String params = gt >= 0 ? value.substring(gt + 1) : value.substring(Math.max(0, value.indexOf(';')));
        for (String p : params.split(";")) {
            String t = p.strip();
            int eq = t.indexOf('=');
            String key = eq < 0 ? t : t.substring(0, eq).strip();
            if (key.equalsIgnoreCase(name)) {
                return Optional.of(eq < 0 ? "" : t.substring(eq + 1).strip());
            }
        }
        return Optional.empty();
    }
}
