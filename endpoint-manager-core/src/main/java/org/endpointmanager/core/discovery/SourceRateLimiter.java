package org.endpointmanager.core.discovery;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.endpointmanager.api.MacAddress;

/**
 * How many distinct MACs one source address may introduce per window. A scanner that walks MAC
 * space from one address fills its own window and nothing else. The map of addresses is bounded
 * too: when it is full of live windows, new addresses are refused until windows expire.
 */
final class SourceRateLimiter {

    private final int macsPerSource;
    private final Duration window;
    private final int maxSources;
    private final Map<String, Window> windows = new HashMap<>();

    SourceRateLimiter(int macsPerSource, Duration window, int maxSources) {
        if (macsPerSource < 1 || maxSources < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.macsPerSource = macsPerSource;
        this.window = Objects.requireNonNull(window, "window is null");
        this.maxSources = maxSources;
    }

    /** Whether {@code source} may record {@code mac} now; counts it when allowed. */
    synchronized boolean allow(String source, MacAddress mac, Instant now) {
        Window w = windows.get(source);
        if (w != null && !now.isBefore(w.start.plus(window))) {
            windows.remove(source);
            w = null;
        }
        if (w == null) {
            if (windows.size() >= maxSources) {
                purge(now);
                if (windows.size() >= maxSources) {
                    return false;
                }
            }
            w = new Window(now);
            windows.put(source, w);
        }
        if (w.macs.contains(mac)) {
            return true;
        }
        if (w.macs.size() >= macsPerSource) {
            return false;
        }
        w.macs.add(mac);
        return true;
    }

    private void purge(Instant now) {
        Iterator<Window> it = windows.values().iterator();
        while (it.hasNext()) {
            if (!now.isBefore(it.next().start.plus(window))) {
                it.remove();
            }
        }
    }

    private static final class Window {
        final Instant start;
        final Set<MacAddress> macs = new HashSet<>();

        Window(Instant start) {
            this.start = start;
        }
    }
}
