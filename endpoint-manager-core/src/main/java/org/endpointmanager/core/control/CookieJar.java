package org.endpointmanager.core.control;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cookies per host, IP-literal hosts included: phones are addressed by IP, and a browser-style
 * jar that refuses cookies from IP literals would lose the Grandstream session. Cookies are kept
 * per host, not per port (as browsers do), and only name and value are kept: paths and domains
 * from a phone are not trusted to widen where a cookie is sent. Bounded per host.
 */
final class CookieJar {

    private static final int MAX_PER_HOST = 32;
    private static final int MAX_VALUE = 4096;
    private static final int MAX_HOSTS = 10_000;

    private final Map<String, Map<String, String>> byHost = new ConcurrentHashMap<>();

    /** Stores the cookies of {@code Set-Cookie} headers received from a host. */
    void store(String host, List<String> setCookies) {
        if (setCookies.isEmpty()) {
            return;
        }
        if (byHost.size() >= MAX_HOSTS && !byHost.containsKey(key(host))) {
            byHost.clear();
        }
        Map<String, String> jar = byHost.computeIfAbsent(key(host), h -> new LinkedHashMap<>());
        synchronized (jar) {
            for (String header : setCookies) {
                String[] parts = header.split(";");
                String pair = parts[0].strip();
                int eq = pair.indexOf('=');
                if (eq <= 0 || pair.length() > MAX_VALUE || !pair.substring(0, eq).matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                    continue;
                }
                String name = pair.substring(0, eq);
                String value = pair.substring(eq + 1);
                if (value.chars().anyMatch(c -> c < 0x21 || c == 0x7f || c == ';' || c == ',')) {
                    continue;
                }
                if (expires(parts)) {
                    jar.remove(name);
                } else if (jar.size() < MAX_PER_HOST || jar.containsKey(name)) {
                    jar.put(name, value);
                }
            }
        }
    }

    /** The {@code Cookie} header for a host, when it has cookies. */
    Optional<String> header(String host) {
        Map<String, String> jar = byHost.get(key(host));
        if (jar == null) {
            return Optional.empty();
        }
        synchronized (jar) {
            if (jar.isEmpty()) {
                return Optional.empty();
            }
            StringJoiner j = new StringJoiner("; ");
            jar.forEach((k, v) -> j.add(k + "=" + v));
            return Optional.of(j.toString());
        }
    }

    private static boolean expires(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String attr = parts[i].strip().toLowerCase(Locale.ROOT);
            if (attr.startsWith("max-age=")) {
                String n = attr.substring(8).strip();
                return n.matches("-?\\d{1,10}") && Long.parseLong(n) <= 0;
            }
        }
        return false;
    }

    private static String key(String host) {
        return host.toLowerCase(Locale.ROOT);
    }
}
