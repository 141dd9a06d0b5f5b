package org.endpointmanager.host.sip;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.endpointmanager.api.Secret;

/**
 * SIP digest authentication with MD5 (RFC 2617 / 3261, {@code qop=auth} or none).
 *
 * <p>Nonces are stateless: the issue time plus an HMAC of it under a key made at start, so any
 * nonce this registrar did not issue, or issued more than {@link #NONCE_LIFETIME} ago, is
 * refused without keeping a table. Responses are compared in constant time.
 */
final class DigestAuthenticator {

    /** How long a nonce is accepted; older ones get a new challenge with {@code stale=true}. */
    static final Duration NONCE_LIFETIME = Duration.ofMinutes(5);

    /** The result of checking an Authorization header. */
    enum Verdict {
        /** Right credentials, fresh nonce. */
        OK,
        /** Right form and our nonce, but too old: challenge again with stale=true. */
        STALE,
        /** Wrong response, wrong user, foreign nonce or malformed header. */
        WRONG
    }

    private final String realm;
    private final Clock clock;
    private final byte[] key = new byte[32];

    DigestAuthenticator(String realm, Clock clock) {
        this.realm = Objects.requireNonNull(realm, "realm is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
        new SecureRandom().nextBytes(key);
    }

    String realm() {
        return realm;
    }

    /** The WWW-Authenticate value of a new challenge. */
    String challenge(boolean stale) {
        return "Digest realm=\"" + realm + "\", nonce=\"" + nonce(clock.instant()) + "\", algorithm=MD5, qop=\"auth\""
                + (stale ? ", stale=true" : "");
    }

    String nonce(Instant at) {
        ByteBuffer b = ByteBuffer.allocate(8 + 16);
        b.putLong(at.toEpochMilli());
        b.put(hmac(at.toEpochMilli()), 0, 16);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    /**
     * Checks an Authorization value for a request.
     *
     * @param authorization the header value
     * @param method the request method
     * @param expectedUser the user the request is for (the To user of a REGISTER)
     * @param password that user's password
     */
    Verdict verify(String authorization, String method, String expectedUser, Secret password) {
        Optional<Map<String, String>> parsed = parse(authorization);
        if (parsed.isEmpty()) {
            return Verdict.WRONG;
        }
        Map<String, String> p = parsed.get();
        String username = p.get("username");
        String nonce = p.get("nonce");
        String uri = p.get("uri");
        String response = p.get("response");
        if (username == null || nonce == null || uri == null || response == null || !realm.equals(p.get("realm"))
                || !username.equals(expectedUser)) {
            return Verdict.WRONG;
        }
        String algorithm = p.getOrDefault("algorithm", "MD5");
        if (!algorithm.equalsIgnoreCase("MD5")) {
            return Verdict.WRONG;
        }
        Optional<Instant> issued = issuedAt(nonce);
        if (issued.isEmpty()) {
            return Verdict.WRONG;
        }
        String ha1 = md5(username + ":" + realm + ":" + password.reveal());
        String ha2 = md5(method + ":" + uri);
        String qop = p.get("qop");
        String expected;
        if (qop == null) {
            expected = md5(ha1 + ":" + nonce + ":" + ha2);
        } else if (qop.equalsIgnoreCase("auth") && p.containsKey("nc") && p.containsKey("cnonce")) {
            expected = md5(ha1 + ":" + nonce + ":" + p.get("nc") + ":" + p.get("cnonce") + ":" + qop + ":" + ha2);
        } else {
            return Verdict.WRONG;
        }
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                response.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            return Verdict.WRONG;
        }
        Instant now = clock.instant();
        if (issued.get().plus(NONCE_LIFETIME).isBefore(now) || issued.get().isAfter(now.plusSeconds(5))) {
            return Verdict.STALE;
        }
        return Verdict.OK;
    }

    private Optional<Instant> issuedAt(String nonce) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (raw.length != 24) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(raw);
        long millis = b.getLong();
        byte[] tag = new byte[16];
        b.get(tag);
        byte[] expected = new byte[16];
        System.arraycopy(hmac(millis), 0, expected, 0, 16);
        return MessageDigest.isEqual(tag, expected) ? Optional.of(Instant.ofEpochMilli(millis)) : Optional.empty();
    }

    private byte[] hmac(long millis) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(ByteBuffer.allocate(8).putLong(millis).array());
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    /** Parses {@code Digest k="v", k=v, ...}; empty when malformed or oversized. */
    static Optional<Map<String, String>> parse(String header) {
        if (header == null || header.length() > 2048 || !header.regionMatches(true, 0, "Digest ", 0, 7)) {
            return Optional.empty();
        }
        Map<String, String> out = new HashMap<>();
        String s = header.substring(7);
        int i = 0;
        while (i < s.length()) {
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == ',')) {
                i++;
            }
            if (i >= s.length()) {
                break;
            }
            int eq = s.indexOf('=', i);
            if (eq < 0) {
                return Optional.empty();
            }
            String name = s.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            i = eq + 1;
            String value;
            if (i < s.length() && s.charAt(i) == '"') {
                int close = s.indexOf('"', i + 1);
                if (close < 0) {
                    return Optional.empty();
                }
                value = s.substring(i + 1, close);
                i = close + 1;
            } else {
                int comma = s.indexOf(',', i);
                int stop = comma < 0 ? s.length() : comma;
                value = s.substring(i, stop).strip();
                i = stop;
            }
            if (name.isEmpty() || out.size() > 16 || out.putIfAbsent(name, value) != null) {
                return Optional.empty();
            }
        }
        return Optional.of(out);
    }

    static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JDK", e);
        }
    }
}
