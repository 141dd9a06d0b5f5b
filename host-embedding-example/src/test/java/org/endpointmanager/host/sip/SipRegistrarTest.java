package org.endpointmanager.host.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.endpointmanager.api.Secret;
import org.endpointmanager.api.host.DialResult;
import org.endpointmanager.api.host.Extension;
import org.endpointmanager.api.host.Registration;
import org.endpointmanager.api.host.RegistrationListener;
import org.endpointmanager.host.users.ConfiguredUserDirectory;
import org.endpointmanager.testkit.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The registrar over real UDP on loopback, with a hand-moved clock for expiry and nonce age. */
class SipRegistrarTest {

    private static final String YEALINK = "Yealink SIP-T46S 66.86.0.15 80:5e:c0:12:34:56";

    /** Records feed events. */
    static final class Recorder implements RegistrationListener {
        final List<Registration> registered = new CopyOnWriteArrayList<>();
        final List<String> unregistered = new CopyOnWriteArrayList<>();
        final CountDownLatch gone = new CountDownLatch(1);

        @Override
        public void registered(Registration registration) {
            registered.add(registration);
        }

        @Override
        public void unregistered(String extension, String contact) {
            unregistered.add(extension + " " + contact);
            gone.countDown();
        }
    }

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-26T08:00:00Z"));
    private final ConfiguredUserDirectory users = new ConfiguredUserDirectory(List.of(
            new Extension("1001", "1001", Secret.of("pw-1001"), "Reception"),
            new Extension("1002", "1002", Secret.of("pw-1002"), "Sales")));
    private final DialHooks hooks = new DialHooks();
    private SipRegistrar registrar;

    private SipRegistrar start(Clock c, Duration sweep) throws Exception {
        registrar = SipRegistrar.start(new SipRegistrar.Options("127.0.0.1", 0, "test-realm", 1, 3600, sweep, c), users,
                hooks);
        return registrar;
    }

    @AfterEach
    void stop() {
        if (registrar != null) {
            registrar.close();
        }
    }

    @Test
    void registerWithDigestThenExpireOnTheTtl() throws Exception {
        start(clock, Duration.ofHours(1));
        Recorder feed = new Recorder();
        registrar.bindings().addListener(feed);
        try (SipTestPhone phone = new SipTestPhone(registrar.port())) {
            SipTestPhone.Message challenge = phone.register("1001", 60, YEALINK, null);
            assertEquals(401, challenge.status());
            String www = challenge.header("WWW-Authenticate");
            assertTrue(www.startsWith("Digest realm=\"test-realm\""), www);
            assertTrue(www.contains("algorithm=MD5") && www.contains("qop=\"auth\""), www);
            assertTrue(challenge.header("To").contains(";tag="), "a final response tags To");

            SipTestPhone.Message wrong = phone.register("1001", 60, YEALINK,
                    SipTestPhone.authorization(www, "1001", "not-the-password", "REGISTER", "sip:127.0.0.1"));
            assertEquals(403, wrong.status());
            assertTrue(registrar.bindings().current().isEmpty());

            SipTestPhone.Message ok = phone.register("1001", 60, YEALINK,
                    SipTestPhone.authorization(www, "1001", "pw-1001", "REGISTER", "sip:127.0.0.1"));
            assertEquals(200, ok.status(), ok.raw());
            assertEquals("<" + phone.contact("1001") + ">;expires=60", ok.header("Contact"));

            Registration r = registrar.bindings().current().get(0);
            assertEquals("1001", r.extension());
            assertEquals(phone.contact("1001"), r.contact());
            assertEquals("127.0.0.1", r.sourceAddress());
            assertEquals(phone.port(), r.sourcePort());
            assertEquals("udp", r.transport());
            assertEquals(Optional.of(YEALINK), r.userAgent());
            assertEquals(clock.instant().plusSeconds(60), r.expiresAt());
            assertEquals(List.of(r), feed.registered);

            clock.advance(Duration.ofSeconds(59));
            registrar.bindings().expire();
            assertEquals(1, registrar.bindings().current().size(), "still alive one second before its expiry");
            clock.advance(Duration.ofSeconds(1));
            registrar.bindings().expire();
            assertTrue(registrar.bindings().current().isEmpty());
            assertEquals(List.of("1001 " + phone.contact("1001")), feed.unregistered);
        }
    }

    @Test
    void expiresZeroUnregistersAndShortIntervalsAreRefused() throws Exception {
        registrar = SipRegistrar.start(new SipRegistrar.Options("127.0.0.1", 0, "test-realm", 60, 3600,
                Duration.ofHours(1), clock), users, hooks);
        Recorder feed = new Recorder();
        registrar.bindings().addListener(feed);
        try (SipTestPhone phone = new SipTestPhone(registrar.port())) {
            assertEquals(423, phone.registerWithAuth("1002", "pw-1002", 30, null).status());
            SipTestPhone.Message capped = phone.registerWithAuth("1002", "pw-1002", 999_999, null);
            assertEquals(200, capped.status());
            assertEquals(clock.instant().plusSeconds(3600), registrar.bindings().current().get(0).expiresAt());

            assertEquals(200, phone.registerWithAuth("1002", "pw-1002", 0, null).status());
            assertTrue(registrar.bindings().current().isEmpty());
            assertEquals(List.of("1002 " + phone.contact("1002")), feed.unregistered);
        }
    }

    @Test
    void staleForeignAndMismatchedCredentialsAreRefused() throws Exception {
        start(clock, Duration.ofHours(1));
        try (SipTestPhone phone = new SipTestPhone(registrar.port())) {
            String www = phone.register("1001", 60, null, null).header("WWW-Authenticate");
            clock.advance(DigestAuthenticator.NONCE_LIFETIME.plusSeconds(1));
            SipTestPhone.Message stale = phone.register("1001", 60, null,
                    SipTestPhone.authorization(www, "1001", "pw-1001", "REGISTER", "sip:127.0.0.1"));
            assertEquals(401, stale.status());
            assertTrue(stale.header("WWW-Authenticate").contains("stale=true"));

            String forged = www.replaceFirst("nonce=\"[^\"]*\"", "nonce=\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"");
            assertEquals(403, phone.register("1001", 60, null,
                    SipTestPhone.authorization(forged, "1001", "pw-1001", "REGISTER", "sip:127.0.0.1")).status());

            String fresh = phone.register("1001", 60, null, null).header("WWW-Authenticate");
            assertEquals(403, phone.register("1001", 60, null,
                    SipTestPhone.authorization(fresh, "1002", "pw-1002", "REGISTER", "sip:127.0.0.1")).status(),
                    "1002's credentials cannot register 1001");
            assertEquals(403, phone.register("9999", 60, null,
                    SipTestPhone.authorization(fresh, "9999", "x", "REGISTER", "sip:127.0.0.1")).status());
            assertTrue(registrar.bindings().current().isEmpty());
        }
    }

    @Test
    void theTimerExpiresBindingsWithoutAnUnregister() throws Exception {
        start(Clock.systemUTC(), Duration.ofMillis(50));
        Recorder feed = new Recorder();
        registrar.bindings().addListener(feed);
        try (SipTestPhone phone = new SipTestPhone(registrar.port())) {
            assertEquals(200, phone.registerWithAuth("1001", "pw-1001", 1, null).status());
            assertTrue(feed.gone.await(10, TimeUnit.SECONDS), "the expiry timer dropped the binding");
            assertTrue(registrar.bindings().current().isEmpty());
        }
    }

    @Test
    void garbageIsIgnoredAndInvitesGoToDialHooksOnly() throws Exception {
        start(clock, Duration.ofHours(1));
        List<String> dialled = new CopyOnWriteArrayList<>();
        hooks.register((digits, source, ua) -> {
            dialled.add(digits + " " + source + " " + ua.orElse("-"));
            return digits.startsWith("*77") ? Optional.of(DialResult.refused("wrong \"extension\" or PIN"))
                    : Optional.empty();
        });
        try (SipTestPhone phone = new SipTestPhone(registrar.port())) {
            phone.sendRaw("\u0000\u0001garbage\r\n\r\n");
            phone.sendRaw("REGISTER sip:x SIP/2.0\r\nVia: a\r\nX-Evil: \u0007\r\n\r\n");
            SipTestPhone.Message refused = phone.invite("*771001", "Test/1", "call-1");
            assertEquals(403, refused.status());
            assertEquals("399 endpoint-manager-host \"wrong \\\"extension\\\" or PIN\"", refused.header("Warning"));
            assertEquals(404, phone.invite("1002", null, "call-2").status(), "no hook claims plain digits");
            assertEquals(List.of("*771001 127.0.0.1 Test/1", "1002 127.0.0.1 -"), dialled);
            assertFalse(registrar.bindings().current().iterator().hasNext());
        }
    }
}
