package org.endpointmanager.core.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.endpointmanager.api.host.Principal;
import org.endpointmanager.api.host.Role;
import org.endpointmanager.core.store.Database;
import org.endpointmanager.core.store.DatabaseTest;
import org.endpointmanager.testkit.MutableClock;
import org.junit.jupiter.api.Test;

/** The session table over each database, without HTTP: touches, purges, rows ended elsewhere. */
class ConsoleSessionsTest {

    private static final Principal ALICE = new Principal("alice", Role.OPERATOR);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T08:00:00Z"));

    @DatabaseTest
    void lastUseIsWrittenAtMostOncePerMinute(Database db) {
        ConsoleSessions sessions = shared(db);
        ConsoleSessions.Session s = sessions.create(ALICE);
        long login = clock.millis();
        clock.advance(Duration.ofSeconds(30));
        assertTrue(sessions.find(s.id()).isPresent());
        assertEquals(login, lastSeen(db, s), "a use within the minute is not written");
        clock.advance(Duration.ofSeconds(31));
        assertTrue(sessions.find(s.id()).isPresent());
        assertEquals(clock.millis(), lastSeen(db, s), "a minute after the last write, it is");
        clock.advance(Duration.ofSeconds(10));
        assertTrue(sessions.find(s.id()).isPresent());
        assertEquals(clock.millis() - 10_000, lastSeen(db, s));
    }

    @DatabaseTest
    void aRowDeletedElsewhereIsNoticedOnTheNextTouch(Database db) {
        ConsoleSessions sessions = shared(db);
        ConsoleSessions.Session s = sessions.create(ALICE);
        // another node's logout whose announcement never arrived
        db.jdbi().useHandle(h -> h.execute("DELETE FROM endpoint_console_sessions"));
        assertTrue(sessions.find(s.id()).isPresent(), "served from the cache until a touch is due");
        clock.advance(ConsoleSessions.TOUCH_EVERY);
        assertTrue(sessions.find(s.id()).isEmpty(), "the touch finds the row gone");
    }

    @DatabaseTest
    void anotherNodesSessionIsReadFromTheDatabaseWithItsPrincipal(Database db) {
        ConsoleSessions a = shared(db);
        ConsoleSessions b = shared(db);
        ConsoleSessions.Session s = a.create(new Principal("bob", Role.SITE_ADMIN));
        ConsoleSessions.Session onB = b.find(s.id()).orElseThrow();
        assertEquals(s.principal(), onB.principal());
        assertEquals(s.csrfToken(), onB.csrfToken());
        assertEquals(s.created(), onB.created());
        assertNotEquals(s.id(), s.csrfToken());
        assertTrue(b.find(s.id().substring(1) + "x").isEmpty(), "another cookie value");
        assertTrue(b.find(s.id() + "=").isEmpty(), "not a token of ours");
        assertTrue(b.find(null).isEmpty());
    }

    @DatabaseTest
    void expiredRowsArePurgedOnALaterLogin(Database db) {
        ConsoleSessions sessions = shared(db);
        sessions.create(ALICE);
        clock.advance(Duration.ofMinutes(5));
        sessions.create(ALICE);
        assertEquals(2, rows(db), "nothing expired yet");
        clock.advance(Duration.ofMinutes(27));
        sessions.create(ALICE);
        assertEquals(2, rows(db), "the first (32 minutes idle) is purged with the third login");
        clock.advance(Duration.ofHours(1));
        assertEquals(2, sessions.purgeExpired());
        assertEquals(0, rows(db));
    }

    @DatabaseTest
    void aNameTooLongToStoreIsRefused(Database db) {
        ConsoleSessions sessions = shared(db);
        assertThrows(IllegalArgumentException.class,
                () -> sessions.create(new Principal("x".repeat(ConsoleSessionStore.MAX_NAME + 1), Role.VIEWER)));
    }

    @Test
    void inMemorySessionsEndOnIdleAndOnRemove() {
        ConsoleSessions sessions = new ConsoleSessions(clock, Duration.ofMinutes(30), Duration.ofHours(12), 10);
        ConsoleSessions.Session s = sessions.create(ALICE);
        clock.advance(Duration.ofMinutes(29));
        assertTrue(sessions.find(s.id()).isPresent());
        clock.advance(Duration.ofMinutes(31));
        assertTrue(sessions.find(s.id()).isEmpty(), "idle");
        ConsoleSessions.Session t = sessions.create(ALICE);
        sessions.remove(t.id());
        assertTrue(sessions.find(t.id()).isEmpty(), "removed");
        assertEquals(0, sessions.purgeExpired());
    }

    private ConsoleSessions shared(Database db) {
        db.jdbi().useHandle(h -> h.execute("DELETE FROM endpoint_console_sessions"));
        return ConsoleSessions.shared(clock, db.jdbi(), db.changes());
    }

    private static long lastSeen(Database db, ConsoleSessions.Session s) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT last_seen FROM endpoint_console_sessions "
                + "WHERE token_hash = :h").bind("h", ConsoleSessions.hash(s.id())).mapTo(Long.class).one());
    }

    private static long rows(Database db) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM endpoint_console_sessions")
                .mapTo(Long.class).one());
    }
}
