package org.endpointmanager.core.security;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts misses per source address over a window; past half the limit an address is slowed,
 * at the limit it is locked out for a while. Each decision is one log line a fail2ban filter can
 * match, for example {@code provision lockout ip=203.0.113.9 misses=20 window=60s}.
 *
 * <p>Memory is bounded: at most {@code maxTracked} addresses are remembered, least recently seen
 * evicted first (an address that keeps hitting stays recent, so a flood of other addresses does
 * not free it). IPv6 sources count per /64, the block one host usually controls.
 */
public final class SourceThrottle {

    /**
     * Limits.
     *
     * @param label the first word of every log line ({@code provision}, {@code console-login})
     * @param misses misses within the window that lock an address out
     * @param window the counting window
     * @param lockout how long a lock-out lasts
     * @param maxTracked most addresses remembered at once
     * @param slowStep extra delay per miss past half the limit (0 = never slow down)
     */
    public record Limits(String label, int misses, Duration window, Duration lockout, int maxTracked, Duration slowStep) {
        /** Validates. */
        public Limits {
            Objects.requireNonNull(label, "label is null");
            if (misses < 1 || maxTracked < 1) {
                throw new IllegalArgumentException("misses and maxTracked must be positive");
            }
            Objects.requireNonNull(window, "window is null");
            Objects.requireNonNull(lockout, "lockout is null");
            Objects.requireNonNull(slowStep, "slowStep is null");
        }
    }

    /**
     * Counters since start.
     *
     * @param misses misses counted
     * @param slowed requests delayed
     * @param lockouts addresses locked out
     * @param refusedWhileLocked requests refused without any other work
     * @param evictions addresses forgotten to keep memory bounded
     * @param tracked addresses remembered now
     */
    public record Stats(long misses, long slowed, long lockouts, long refusedWhileLocked, long evictions, int tracked) {
    }

    /**
     * Counters shared with other nodes (the database). Called only on a miss, never on a request
     * that is answered: a locked-out address is refused from this node's memory alone.
     */
    public interface Shared {
        /** Adds one miss for the key and returns the misses all nodes counted in the current window. */
        int addMiss(String label, String key, long now, long windowMillis);

        /** Records a lock-out so that the other nodes apply it too. */
        void lock(String label, String key, long until);
    }

    private static final Logger LOG = LoggerFactory.getLogger(SourceThrottle.class);
    private static final Duration MAX_DELAY = Duration.ofSeconds(2);

    private static final class Entry {
        long windowStart;
        int misses;
        long lockedUntil;
    }

    private final Limits limits;
    private final Predicate<InetAddress> exempt;
    private final Clock clock;
    private final Map<String, Entry> entries;
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong slowed = new AtomicLong();
    private final AtomicLong lockouts = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong evictions = new AtomicLong();
    private volatile Shared shared;

    /** Creates a throttle; {@code exempt} addresses are never counted (allow-listed networks). */
    public SourceThrottle(Limits limits, Predicate<InetAddress> exempt, Clock clock) {
        this.limits = Objects.requireNonNull(limits, "limits is null");
        this.exempt = Objects.requireNonNull(exempt, "exempt is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.entries = new LinkedHashMap<>(1024, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                if (size() > limits.maxTracked()) {
                    evictions.incrementAndGet();
                    return true;
                }
                return false;
            }
        };
    }

    /** Shares counting with other nodes from now on. */
    public void share(Shared shared) {
        this.shared = Objects.requireNonNull(shared, "shared is null");
    }

    /** The label of the log lines and of shared rows. */
    public String label() {
        return limits.label();
    }

    /**
     * Applies a lock-out another node decided (the key as {@link #key}); bounded like any entry.
     */
    public void lockFromPeer(String key, long until) {
        if (lockUntil(key, until)) {
            lockouts.incrementAndGet();
        }
    }

    private boolean lockUntil(String key, long until) {
        if (until <= clock.millis()) {
            return false;
        }
        synchronized (entries) {
            Entry e = entries.get(key);
            if (e == null) {
                e = new Entry();
                e.windowStart = clock.millis();
                entries.put(key, e);
            }
            if (e.lockedUntil < until) {
                e.lockedUntil = until;
                e.misses = 0;
                return true;
            }
            return false;
        }
    }

    /** True while the address is locked out; the caller answers without doing anything else. */
    public boolean lockedOut(InetAddress source) {
        long now = clock.millis();
        synchronized (entries) {
            Entry e = entries.get(key(source));
            if (e != null && e.lockedUntil > now) {
                refused.incrementAndGet();
                return true;
            }
        }
        return false;
    }

    /** How long to hold this address's answer back (zero below half the limit). */
    public Duration delay(InetAddress source) {
        if (limits.slowStep().isZero()) {
            return Duration.ZERO;
        }
        long now = clock.millis();
        int count;
        synchronized (entries) {
            Entry e = entries.get(key(source));
            if (e == null || now - e.windowStart > limits.window().toMillis()) {
                return Duration.ZERO;
            }
            count = e.misses;
        }
        int over = count - limits.misses() / 2;
        if (over < 0) {
            return Duration.ZERO;
        }
        slowed.incrementAndGet();
        Duration d = limits.slowStep().multipliedBy(over + 1L);
        return d.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : d;
    }

    /** Counts one miss; locks the address out when it reaches the limit. */
    public void miss(InetAddress source) {
        if (exempt.test(source)) {
            return;
        }
        misses.incrementAndGet();
        long now = clock.millis();
        String ip = source.getHostAddress();
        int count;
        boolean locked = false;
        synchronized (entries) {
            String key = key(source);
            Entry e = entries.get(key);
            if (e == null) {
                e = new Entry();
                e.windowStart = now;
                entries.put(key, e);
            }
            if (now - e.windowStart > limits.window().toMillis()) {
                e.windowStart = now;
                e.misses = 0;
            }
            e.misses++;
            count = e.misses;
            if (count >= limits.misses() && e.lockedUntil <= now) {
                e.lockedUntil = now + limits.lockout().toMillis();
                e.misses = 0;
                e.windowStart = now;
                locked = true;
            }
        }
        Shared peers = shared;
        if (peers != null) {
            String key = key(source);
            try {
                if (locked) {
                    peers.lock(limits.label(), key, now + limits.lockout().toMillis());
                } else {
                    int all = peers.addMiss(limits.label(), key, now, limits.window().toMillis());
                    if (all >= limits.misses()) {
                        // the nodes together reached the limit: lock here and tell the others
                        lockUntil(key, now + limits.lockout().toMillis());
                        peers.lock(limits.label(), key, now + limits.lockout().toMillis());
                        locked = true;
                        count = all;
                    }
                }
            } catch (RuntimeException e) {
                // the database is away: this node still counts and locks on its own
                LOG.warn("{} shared lockout counter unavailable: {}", limits.label(), e.toString());
            }
        }
        if (locked) {
            lockouts.incrementAndGet();
            LOG.warn("{} lockout ip={} misses={} window={}s lockout={}s", limits.label(), ip, count,
                    limits.window().toSeconds(), limits.lockout().toSeconds());
        } else if (count == Math.max(1, limits.misses() / 2) && !limits.slowStep().isZero()) {
            LOG.warn("{} throttle ip={} misses={} window={}s", limits.label(), ip, count, limits.window().toSeconds());
        }
    }

    /** Counters since start. */
    public Stats stats() {
        int tracked;
        synchronized (entries) {
            tracked = entries.size();
        }
        return new Stats(misses.get(), slowed.get(), lockouts.get(), refused.get(), evictions.get(), tracked);
    }

    /** The counting key of an address: itself, or its /64 for IPv6. */
    public static String key(InetAddress source) {
        byte[] a = source.getAddress();
        if (source instanceof Inet6Address && !isV4Mapped(a)) {
            StringBuilder sb = new StringBuilder("v6:");
            for (int i = 0; i < 8; i++) {
                sb.append(String.format("%02x", a[i]));
            }
            return sb.toString();
        }
        return source.getHostAddress();
    }

    private static boolean isV4Mapped(byte[] a) {
        if (a.length != 16) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
    }
}
