package org.endpointmanager.core.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.endpointmanager.api.host.Principal;
import org.endpointmanager.api.host.Role;
import org.endpointmanager.core.store.ChangeLog;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cookie sessions of the console pages. A session ends after {@code idle} without use or
 * {@code absolute} after login, whichever comes first. Sessions are kept by the SHA-256 of their
 * id, so a lookup leaks nothing usable through timing, and a copy of the table logs nobody in.
 *
 * <p>{@linkplain #shared Shared} sessions live in {@code endpoint_console_sessions}, so any node on
 * the database serves a cookie another node handed out (no sticky sessions). A bounded cache in
 * front answers the hot path from memory; a miss (a session from another node) reads the row.
 * Use is written down at most once per {@link #TOUCH_EVERY} per node, so the idle limit is kept to
 * within that much across nodes. A logout deletes the row and is announced in the change log, so
 * other nodes drop their cached copy within one poll. Without a store ({@link #defaults}) the
 * sessions live in this node's memory only and are lost on restart.
 */
public final class ConsoleSessions {

    /** Name of the session cookie. */
    public static final String COOKIE = "em_session";
    /** At most this often a node writes a session's last use to the database. */
    public static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    /** At most this often a node deletes expired rows (on a login or a written touch). */
    static final Duration PURGE_EVERY = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleSessions.class);
    private static final int TOKEN_LENGTH = 43; // 32 random bytes, base64url without padding

    /**
     * One session.
     *
     * @param id the cookie value (never logged, never stored)
     * @param csrfToken what writes must echo in {@code X-CSRF-Token} or {@code _csrf}
     * @param principal who logged in
     * @param created login time
     */
    public record Session(String id, String csrfToken, Principal principal, Instant created) {
        /** Rejects nulls. */
        public Session {
            Objects.requireNonNull(id, "id is null");
            Objects.requireNonNull(csrfToken, "csrfToken is null");
            Objects.requireNonNull(principal, "principal is null");
            Objects.requireNonNull(created, "created is null");
        }

        /** Whether a presented CSRF token is this session's, compared in constant time. */
        public boolean csrfMatches(String presented) {
            return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                    csrfToken.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static final class Held {
        final Session session;
        long lastUsed;
        long lastWritten;

        Held(Session session, long lastUsed, long lastWritten) {
            this.session = session;
            this.lastUsed = lastUsed;
            this.lastWritten = lastWritten;
        }
    }

    private final Clock clock;
    private final Duration idle;
    private final Duration absolute;
    private final Optional<ConsoleSessionStore> store;
    private final Optional<ChangeLog> changes;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Held> cache;
    /** Moves on every drop, so a row read before a logout arrived is not cached after it. */
    private long generation;
    private long lastPurge = Long.MIN_VALUE;

    /** Creates a table in this node's memory only. */
    public ConsoleSessions(Clock clock, Duration idle, Duration absolute, int maxSessions) {
        this(clock, idle, absolute, maxSessions, Optional.empty(), Optional.empty());
    }

    private ConsoleSessions(Clock clock, Duration idle, Duration absolute, int maxSessions,
            Optional<ConsoleSessionStore> store, Optional<ChangeLog> changes) {
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.idle = Objects.requireNonNull(idle, "idle is null");
        this.absolute = Objects.requireNonNull(absolute, "absolute is null");
        this.store = store;
        this.changes = changes;
        this.cache = new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Held> eldest) {
                return size() > maxSessions;
            }
        };
        changes.ifPresent(log -> log.addListener(this::changed));
    }

    /** In memory: 30 minutes idle, 12 hours at most, 10,000 sessions. */
    public static ConsoleSessions defaults(Clock clock) {
        return new ConsoleSessions(clock, Duration.ofMinutes(30), Duration.ofHours(12), 10_000);
    }

    /** In the database, shared by all nodes: 30 minutes idle, 12 hours at most, 10,000 cached. */
    public static ConsoleSessions shared(Clock clock, Jdbi jdbi, ChangeLog changes) {
        return shared(clock, Duration.ofMinutes(30), Duration.ofHours(12), 10_000, jdbi, changes);
    }

    /** In the database, shared by all nodes, with the given limits. */
    public static ConsoleSessions shared(Clock clock, Duration idle, Duration absolute, int maxCached, Jdbi jdbi,
            ChangeLog changes) {
        return new ConsoleSessions(clock, idle, absolute, maxCached, Optional.of(new ConsoleSessionStore(jdbi)),
                Optional.of(Objects.requireNonNull(changes, "changes is null")));
    }

    /**
     * Starts a session for someone who just logged in.
     *
     * @throws IllegalArgumentException when the principal's name is too long to store
     */
    public Session create(Principal principal) {
        if (principal.name().length() > ConsoleSessionStore.MAX_NAME) {
            throw new IllegalArgumentException("principal name is longer than " + ConsoleSessionStore.MAX_NAME);
        }
        long now = clock.millis();
        String id = randomToken();
        Session s = new Session(id, csrfFor(id), principal, Instant.ofEpochMilli(now));
        String key = hash(id);
        store.ifPresent(st -> st.insert(new ConsoleSessionStore.Row(key, principal.name(),
                principal.role().configName(), now, now)));
        synchronized (cache) {
            cache.put(key, new Held(s, now, now));
        }
        maybePurge(now);
        return s;
    }

    /** The live session with this cookie value. */
    public Optional<Session> find(String id) {
        if (!wellFormed(id)) {
            return Optional.empty(); // not one of ours: no lookup, no query
        }
        long now = clock.millis();
        String key = hash(id);
        Held held;
        long generationBefore;
        synchronized (cache) {
            held = cache.get(key);
            generationBefore = generation;
            if (held != null) {
                if (now - held.session.created().toEpochMilli() > absolute.toMillis()) {
                    drop(key);
                    LOG.info("console session expired user={} reason=absolute limit", held.session.principal().name());
                    return Optional.empty();
                }
                if (now - held.lastUsed > idle.toMillis()) {
                    drop(key);
                    generationBefore = generation;
                    if (store.isEmpty()) {
                        LOG.info("console session expired user={} reason=idle", held.session.principal().name());
                        return Optional.empty();
                    }
                    held = null; // another node may have seen it in use since: ask the database
                } else {
                    held.lastUsed = now;
                    if (store.isEmpty() || now - held.lastWritten < TOUCH_EVERY.toMillis()) {
                        return Optional.of(held.session);
                    }
                    held.lastWritten = now; // claimed here, so parallel requests write once
                }
            }
        }
        if (store.isEmpty()) {
            return Optional.empty();
        }
        return held != null ? touched(key, held, now) : load(id, key, now, generationBefore);
    }

    /** A cached session's use written down; a session whose row is gone ended on another node. */
    private Optional<Session> touched(String key, Held held, long now) {
        boolean alive;
        try {
            alive = store.orElseThrow().touch(key, now);
        } catch (RuntimeException e) {
            // a database hiccup must not log everyone out: the cached session stands, the next touch retries
            LOG.warn("console session touch failed reason={}", e.toString());
            return Optional.of(held.session);
        }
        if (!alive) {
            synchronized (cache) {
                drop(key);
            }
            LOG.info("console session refused user={} reason=ended on another node", held.session.principal().name());
            return Optional.empty();
        }
        maybePurge(now);
        return Optional.of(held.session);
    }

    /** A session this node has not cached (made on another node, or evicted): read its row. */
    private Optional<Session> load(String id, String key, long now, long generationBefore) {
        ConsoleSessionStore st = store.orElseThrow();
        Optional<ConsoleSessionStore.Row> found;
        try {
            found = st.find(key);
        } catch (RuntimeException e) {
            LOG.warn("console session lookup failed reason={}", e.toString());
            return Optional.empty();
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ConsoleSessionStore.Row row = found.get();
        String reason = now - row.createdAt() > absolute.toMillis() ? "absolute limit"
                : now - row.lastSeen() > idle.toMillis() ? "idle" : null;
        Role role;
        try {
            role = Role.parse(row.role());
        } catch (IllegalArgumentException e) {
            role = null;
            reason = "unknown role in the stored row";
        }
        if (reason != null) {
            // deleted at once, so a node that still holds it finds it gone on its next touch
            deleteQuietly(key);
            LOG.info("console session expired user={} reason={}", row.principalName(), reason);
            return Optional.empty();
        }
        long written = row.lastSeen();
        if (now - row.lastSeen() >= TOUCH_EVERY.toMillis()) {
            try {
                if (!st.touch(key, now)) {
                    return Optional.empty(); // logged out between the read and now
                }
                written = now;
            } catch (RuntimeException e) {
                LOG.warn("console session touch failed reason={}", e.toString());
            }
        }
        Session s = new Session(id, csrfFor(id), new Principal(row.principalName(), role),
                Instant.ofEpochMilli(row.createdAt()));
        synchronized (cache) {
            if (generation == generationBefore) {
                cache.put(key, new Held(s, now, written));
            }
        }
        return Optional.of(s);
    }

    /** Ends a session here and, when shared, on every node. */
    public void remove(String id) {
        if (id == null) {
            return;
        }
        String key = hash(id);
        synchronized (cache) {
            drop(key);
        }
        if (store.isPresent()) {
            deleteQuietly(key);
            changes.orElseThrow().append(ChangeLog.Entity.CONSOLE_SESSION, key);
        }
    }

    /** Deletes expired rows now; returns how many (0 without a store). */
    public int purgeExpired() {
        if (store.isEmpty()) {
            return 0;
        }
        long now = clock.millis();
        synchronized (cache) {
            lastPurge = now;
        }
        int n = store.get().purge(now - idle.toMillis(), now - absolute.toMillis());
        if (n > 0) {
            LOG.info("console sessions purged count={} reason=expired", n);
        }
        return n;
    }

    /** How long a cookie may live (the absolute limit). */
    public Duration maxAge() {
        return absolute;
    }

    /** Another node ended a session (key: its token hash, or {@code *} for all). */
    private void changed(ChangeLog.Change change) {
        if (change.entity() != ChangeLog.Entity.CONSOLE_SESSION) {
            return;
        }
        synchronized (cache) {
            if ("*".equals(change.key())) {
                cache.clear();
                generation++;
            } else {
                drop(change.key());
            }
        }
    }

    /** Call holding the cache lock. */
    private void drop(String key) {
        cache.remove(key);
        generation++;
    }

    private void maybePurge(long now) {
        synchronized (cache) {
            if (store.isEmpty() || lastPurge != Long.MIN_VALUE && now - lastPurge < PURGE_EVERY.toMillis()) {
                return;
            }
            lastPurge = now;
        }
        try {
            purgeExpired();
        } catch (RuntimeException e) {
            LOG.warn("console session purge failed reason={}", e.toString());
        }
    }

    private void deleteQuietly(String key) {
        try {
            store.orElseThrow().delete(key);
        } catch (RuntimeException e) {
            LOG.warn("console session delete failed reason={}", e.toString());
        }
    }

    private static boolean wellFormed(String id) {
        if (id == null || id.length() != TOKEN_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private String randomToken() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /**
     * The CSRF token is derived from the cookie value, so every node computes the same one without
     * storing it; it cannot be turned back into the cookie, and a page that shows it reveals nothing
     * the cookie guards.
     */
    private static String csrfFor(String id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                sha256("endpoint-manager console csrf\n" + id));
    }

    /** SHA-256 hex of a cookie value: the key in memory and in {@code endpoint_console_sessions}. */
    static String hash(String id) {
        return HexFormat.of().formatHex(sha256(id));
    }

    private static byte[] sha256(String text) {
        return org.endpointmanager.core.security.Sha256.of(text);
    }
}
