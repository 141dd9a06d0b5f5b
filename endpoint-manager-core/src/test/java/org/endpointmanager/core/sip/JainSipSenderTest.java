package org.endpointmanager.core.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.endpointmanager.api.Secret;
import org.endpointmanager.api.host.SipSender;
import org.endpointmanager.core.config.EndpointManagerConfig;
import org.endpointmanager.testkit.sip.ScriptedPhone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The own JAIN-SIP stack against scripted phones over real UDP on loopback, with T1 = 50 ms. */
class JainSipSenderTest {

    private static final long T1 = 50;
    private static JainSipSender sender;

    @BeforeAll
    static void start() {
        sender = JainSipSender.start(new EndpointManagerConfig.Sip("127.0.0.1", 0, T1, 64 * T1));
    }

    @AfterAll
    static void stop() {
        sender.close();
    }

    private static SipSender.Outcome notify(ScriptedPhone phone, Optional<String> user, Optional<Secret> password)
            throws Exception {
        return sender.send(new SipSender.OutOfDialogRequest("NOTIFY", phone.contact("1001"),
                Map.of("Event", "check-sync;reboot=true", "Subscription-State", "terminated"), user, password))
                .toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @Test
    void answeredNotifyCarriesEventNoBodyAndReports200() throws Exception {
        try (ScriptedPhone phone = ScriptedPhone.start(ScriptedPhone.ok())) {
            SipSender.Outcome o = notify(phone, Optional.empty(), Optional.empty());
            assertEquals(200, o.status());
            assertEquals("OK", o.reason());
            ScriptedPhone.Received r = phone.received().get(0);
            assertEquals("NOTIFY", r.request().method());
            assertEquals(phone.contact("1001"), r.request().requestUri());
            assertEquals("check-sync;reboot=true", r.event());
            assertEquals(Optional.of("terminated"), r.request().header("subscription-state"));
            assertEquals(Optional.of("0"), r.request().header("content-length"));
            assertEquals("", r.request().body());
            assertEquals(0, phone.malformed());
        }
    }

    @Test
    void challengeIsAnsweredOnceWithDigestCredentials() throws Exception {
        try (ScriptedPhone phone = ScriptedPhone.start(new ScriptedPhone.Challenge("1001", "pw-1001-secret"))) {
            SipSender.Outcome o = notify(phone, Optional.of("1001"), Optional.of(Secret.of("pw-1001-secret")));
            assertEquals(200, o.status());
            List<ScriptedPhone.Received> got = phone.received();
            assertEquals(2, got.size());
            assertEquals(401, got.get(0).answeredWith());
            assertTrue(got.get(1).authorized());
            assertEquals(200, got.get(1).answeredWith());
            String auth = got.get(1).request().header("authorization").orElseThrow();
            assertTrue(auth.contains("nc=00000001"), auth);
            assertTrue(auth.contains("cnonce="), auth);
        }
    }

    @Test
    void wrongPasswordIsTheFinalAnswer() throws Exception {
        try (ScriptedPhone phone = ScriptedPhone.start(new ScriptedPhone.Challenge("1001", "right"))) {
            SipSender.Outcome o = notify(phone, Optional.of("1001"), Optional.of(Secret.of("wrong")));
            assertEquals(403, o.status());
        }
    }

    @Test
    void secondChallengeIsAFailureWithItsCode() throws Exception {
        try (ScriptedPhone phone = ScriptedPhone.start(new ScriptedPhone.AlwaysChallenge())) {
            SipSender.Outcome o = notify(phone, Optional.of("1001"), Optional.of(Secret.of("pw")));
            assertEquals(401, o.status());
            assertEquals(2, phone.received().size());
        }
    }

    @Test
    void challengeWithoutCredentialsIsReportedAsIs() throws Exception {
        try (ScriptedPhone phone = ScriptedPhone.start(new ScriptedPhone.AlwaysChallenge())) {
            assertEquals(401, notify(phone, Optional.empty(), Optional.empty()).status());
            assertEquals(1, phone.received().size());
        }
    }

    @Test
    void errorStatusIsReported() throws Exception {
        try (ScriptedPhone phone = ScriptedPhone.start(ScriptedPhone.status(486, "Busy Here"))) {
            SipSender.Outcome o = notify(phone, Optional.empty(), Optional.empty());
            assertEquals(486, o.status());
            assertEquals("Busy Here", o.reason());
        }
    }

    @Test
    void silentPhoneTimesOutAfterRetransmissions() throws Exception {
        try (ScriptedPhone phone = ScriptedPhone.start(new ScriptedPhone.Silent())) {
            SipSender.Outcome o = notify(phone, Optional.empty(), Optional.empty());
            assertEquals(0, o.status());
            assertEquals("timeout", o.reason());
            assertFalse(o.elapsed().compareTo(Duration.ofMillis(64 * T1 - T1)) < 0, "ended before Timer F: " + o.elapsed());
            assertEquals(1, phone.received().size());
            assertTrue(phone.received().get(0).retransmissions() >= 3,
                    "Timer E retransmits: " + phone.received().get(0).retransmissions());
        }
    }
}
