package org.endpointmanager.core.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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

/**
 * Cookie sessions of the console pages, in memory: one node, lost on restart (users log in again).
 * A session ends after {@code idle} without use or {@code absolute} after login, whichever comes
 * first. Sessions are kept by the SHA-256 of their id, so a lookup leaks nothing usable through
 * timing, and the table is bounded (the least recently used session goes first).
 */
public final class ConsoleSessions {

    /** Name of the session cookie. */
    public static final String COOKIE = "em_session";

    /**
     * One session.
     *
     * @param id the cookie value (never logged)
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

        Held(Session session, long lastUsed) {
            this.session = session;
            this.lastUsed = lastUsed;
        }
    }

    private final Clock clock;
    private final Duration idle;
    private final Duration absolute;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Held> sessions;

    /** Creates the table. */
    public ConsoleSessions(Clock clock, Duration idle, Duration absolute, int maxSessions) {
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.idle = Objects.requireNonNull(idle, "idle is null");
        this.absolute = Objects.requireNonNull(absolute, "absolute is null");
        this.sessions = new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Held> eldest) {
                return size() > maxSessions;
            }
        };
    }

    /** 30 minutes idle, 12 hours at most, 10,000 sessions. */
    public static ConsoleSessions defaults(Clock clock) {
        return new ConsoleSessions(clock, Duration.ofMinutes(30), Duration.ofHours(12), 10_000);
    }

    /** Starts a session for someone who just logged in. */
    public Session create(Principal principal) {
        Session s = new Session(randomToken(), randomToken(), principal, clock.instant());
        synchronized (sessions) {
            sessions.put(hash(s.id()), new Held(s, clock.millis()));
        }
        return s;
    }

    /** The live session with this cookie value. */
    public Optional<Session> find(String id) {
        if (id == null || id.isEmpty() || id.length() > 128) {
            return Optional.empty();
        }
        long now = clock.millis();
        String key = hash(id);
        synchronized (sessions) {
            Held h = sessions.get(key);
            if (h == null) {
                return Optional.empty();
            }
            if (now - h.lastUsed > idle.toMillis() || now - h.session.created().toEpochMilli() > absolute.toMillis()) {
                sessions.remove(key);
                return Optional.empty();
            }
            h.lastUsed = now;
            return Optional.of(h.session);
        }
    }

    /** Ends a session. */
    public void remove(String id) {
        synchronized (sessions) {
            sessions.remove(hash(id));
        }
    }

    /** How long a cookie may live (the absolute limit). */
    public Duration maxAge() {
        return absolute;
    }

    private String randomToken() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String hash(String id) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
