package org.endpointmanager.core.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.endpointmanager.api.Secret;
import org.junit.jupiter.api.Test;

class DigestAnswerTest {

    @Test
    void rfc2617ExampleWithQopAuth() {
        var challenge = new DigestAnswer.Challenge("testrealm@host.com", "dcd98b7102dd2f0e8b11d0f600bfb0c093",
                DigestAnswer.Challenge.qopList("auth,auth-int"), Optional.of("5ccc069c403ebaf9f0171e9517f40e41"),
                Optional.empty());
        DigestAnswer a = DigestAnswer.answer(challenge, "GET", "/dir/index.html", "Mufasa", Secret.of("Circle Of Life"),
                "0a4f113b");
        assertEquals("6629fae49393a05397450978507c4ef1", a.response());
        assertEquals(Optional.of("00000001"), a.nc());
        assertEquals(Optional.of("auth"), a.qop());
    }

    @Test
    void withoutQopUsesTheRfc2069Form() {
        var challenge = new DigestAnswer.Challenge("r", "n", List.of(), Optional.empty(), Optional.empty());
        DigestAnswer a = DigestAnswer.answer(challenge, "NOTIFY", "sip:1001@10.0.0.5", "1001", Secret.of("pw"), "c");
        String expected = DigestAnswer.md5(DigestAnswer.md5("1001:r:pw") + ":n:" + DigestAnswer.md5("NOTIFY:sip:1001@10.0.0.5"));
        assertEquals(expected, a.response());
        assertEquals(Optional.empty(), a.cnonce());
    }

    @Test
    void otherAlgorithmsAndAuthIntOnlyAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> DigestAnswer.answer(new DigestAnswer.Challenge("r", "n",
                List.of(), Optional.empty(), Optional.of("SHA-256")), "NOTIFY", "sip:a@b", "u", Secret.of("p"), "c"));
        assertThrows(IllegalArgumentException.class, () -> DigestAnswer.answer(new DigestAnswer.Challenge("r", "n",
                List.of("auth-int"), Optional.empty(), Optional.empty()), "NOTIFY", "sip:a@b", "u", Secret.of("p"), "c"));
    }

    @Test
    void hostileChallengeValuesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new DigestAnswer.Challenge("r\"x", "n", List.of(),
                Optional.empty(), Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new DigestAnswer.Challenge("r", "x".repeat(300), List.of(),
                Optional.empty(), Optional.empty()));
    }
}
