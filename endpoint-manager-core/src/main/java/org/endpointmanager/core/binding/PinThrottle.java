package org.endpointmanager.core.binding;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Counts wrong PINs per source address: after {@link #MAX_FAILURES} within {@link #WINDOW} the
 * address is refused for {@link #LOCKOUT}, so a four-digit PIN cannot be walked by redialling.
 * Memory is bounded: at most {@link #MAX_SOURCES} addresses are tracked, the oldest dropped first.
 */
public final class PinThrottle {

    /** Wrong PINs allowed within the window. */
    public static final int MAX_FAILURES = 5;
    /** The window failures are counted in. */
    public static final Duration WINDOW = Duration.ofMinutes(10);
    /** How long an address is refused once over the limit. */
    public static final Duration LOCKOUT = Duration.ofMinutes(15);
    static final int MAX_SOURCES = 10_000;

    private record State(int failures, Instant windowStart, Instant lockedUntil) {
    }

    private final Clock clock;
    private final Map<String, State> sources = new LinkedHashMap<>(16, 0.75f, true);

    /** Creates a throttle on a clock. */
    public PinThrottle(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    /** True while the address is refused. */
    public synchronized boolean locked(String source) {
        State s = sources.get(source);
        return s != null && s.lockedUntil().isAfter(clock.instant());
    }

    /** Counts a wrong PIN (or unknown extension); true when this locked the address. */
    public synchronized boolean failure(String source) {
        Instant now = clock.instant();
        State s = sources.get(source);
        if (s == null || s.windowStart().plus(WINDOW).isBefore(now)) {
            s = new State(0, now, Instant.EPOCH);
        }
        int failures = s.failures() + 1;
        boolean lock = failures >= MAX_FAILURES;
        sources.put(source, new State(lock ? 0 : failures, lock ? now : s.windowStart(),
                lock ? now.plus(LOCKOUT) : s.lockedUntil()));
        trim();
        return lock;
    }

    /** Forgets an address after a right PIN. */
    public synchronized void success(String source) {
        sources.remove(source);
    }

    private void trim() {
        Iterator<String> it = sources.keySet().iterator();
        while (sources.size() > MAX_SOURCES && it.hasNext()) {
            it.next();
            it.remove();
        }
    }
}
