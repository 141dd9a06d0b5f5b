package org.endpointmanager.core.security;

import org.endpointmanager.testkit.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Lock-out arithmetic, bounded memory under a flood, and the shipped fail2ban filter. */
class SourceThrottleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    private SourceThrottle throttle(int maxTracked) {
        return new SourceThrottle(new SourceThrottle.Limits("provision", 20, Duration.ofSeconds(60),
                Duration.ofSeconds(600), maxTracked, Duration.ofMillis(50)),
                a -> Cidr.parse("10.0.0.0/8").contains(a), clock);
    }

    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    @Test
    void missesAreCountedPerWindowThenSlowedThenLockedOut() throws Exception {
        SourceThrottle t = throttle(1000);
        InetAddress a = ip("203.0.113.9");
        for (int i = 0; i < 9; i++) {
            t.miss(a);
        }
        assertEquals(Duration.ZERO, t.delay(a));
        t.miss(a);
        assertEquals(Duration.ofMillis(50), t.delay(a), "slowed from half the limit");
        clock.advance(Duration.ofSeconds(61));
        t.miss(a);
        assertEquals(Duration.ZERO, t.delay(a), "a new window starts over");
        for (int i = 0; i < 19; i++) {
            t.miss(a);
        }
        assertTrue(t.lockedOut(a));
        assertFalse(t.lockedOut(ip("203.0.113.10")));
        clock.advance(Duration.ofSeconds(601));
        assertFalse(t.lockedOut(a), "lock-outs end");
        for (int i = 0; i < 100; i++) {
            t.miss(ip("10.1.2.3"));
        }
        assertFalse(t.lockedOut(ip("10.1.2.3")), "allow-listed addresses are never counted");
        assertEquals(1, t.stats().lockouts());
    }

    @Test
    void ipv6SourcesCountPerSlash64() throws Exception {
        SourceThrottle t = throttle(1000);
        for (int i = 0; i < 20; i++) {
            t.miss(ip("2001:db8:1:2::" + Integer.toHexString(i + 1)));
        }
        assertTrue(t.lockedOut(ip("2001:db8:1:2:ffff::1")));
        assertFalse(t.lockedOut(ip("2001:db8:1:3::1")));
    }

    @Test
    void memoryStaysBoundedUnderAFloodOfSpoofedAddressesAndAnActiveAttackerStaysLocked() throws Exception {
        SourceThrottle t = throttle(10_000);
        InetAddress attacker = ip("198.51.100.1");
        for (int i = 0; i < 20; i++) {
            t.miss(attacker);
        }
        assertTrue(t.lockedOut(attacker));
        byte[] b = new byte[4];
        for (int i = 0; i < 100_000; i++) {
            b[0] = (byte) (100 + (i >>> 24 & 0x3f));
            b[1] = (byte) (i >>> 16);
            b[2] = (byte) (i >>> 8);
            b[3] = (byte) i;
            t.miss(InetAddress.getByAddress(b));
            if (i % 1000 == 0) {
                assertTrue(t.lockedOut(attacker), "an address that keeps hitting stays remembered");
            }
        }
        assertTrue(t.stats().tracked() <= 10_000, "tracked " + t.stats().tracked());
        assertTrue(t.stats().evictions() >= 90_000);
    }

    @Test
    void theShippedFail2banFilterMatchesTheRealLockOutLines() throws Exception {
        List<Pattern> filters = failRegexes(Path.of("..", "docs", "security-operations.md"));
        assertEquals(2, filters.size(), "both failregex lines are found");
        List<String> lines;
        try (LogCapture log = new LogCapture()) {
            SourceThrottle provision = throttle(100);
            SourceThrottle login = new SourceThrottle(new SourceThrottle.Limits("console-login", 3, Duration.ofSeconds(300),
                    Duration.ofSeconds(900), 100, Duration.ZERO), a -> false, clock);
            for (int i = 0; i < 20; i++) {
                provision.miss(ip("203.0.113.9"));
            }
            for (int i = 0; i < 3; i++) {
                login.miss(ip("2001:db8::7"));
            }
            lines = log.lines();
        }
        List<String> banned = new ArrayList<>();
        for (String message : lines) {
            // as the host's log file would show it: a timestamp, level and logger before the message
            String line = "2026-03-01 10:00:00.123 WARN  SourceThrottle - " + message;
            for (Pattern p : filters) {
                Matcher m = p.matcher(line);
                if (m.find()) {
                    banned.add(m.group("host"));
                }
            }
        }
        assertEquals(List.of("203.0.113.9", "2001:db8:0:0:0:0:0:7"), banned,
                "one ban per lock-out line, none for the throttle line: " + lines);
    }

    /** The failregex lines of the filter in the docs, with fail2ban's {@code <HOST>} as a Java group. */
    static List<Pattern> failRegexes(Path doc) throws Exception {
        String text = Files.readString(doc);
        int start = text.indexOf("failregex = ");
        int end = text.indexOf("ignoreregex", start);
        List<Pattern> out = new ArrayList<>();
        for (String raw : text.substring(start + "failregex = ".length(), end).split("\n")) {
            String regex = raw.strip();
            if (!regex.isEmpty()) {
                out.add(Pattern.compile(regex.replace("<HOST>", "(?<host>[0-9A-Fa-f:.]+)")));
            }
        }
        return out;
    }
}
