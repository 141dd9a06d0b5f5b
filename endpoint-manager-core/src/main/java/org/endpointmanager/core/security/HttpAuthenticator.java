package org.endpointmanager.core.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.endpointmanager.api.Secret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-device HTTP credentials on provisioning requests: Basic (accepted over TLS only) and Digest
 * (RFC 7616, MD5, {@code qop=auth}) with nonces tracked on the server. A nonce is issued in a
 * challenge, lives {@code nonceLifetime}, and each use must carry a higher {@code nc} than the last
 * one accepted: a replayed or stale nonce is refused. Where nonces are tracked is a
 * {@link DigestNonces}: this node's memory (bounded, oldest dropped) until {@link #share} hands it
 * the table all nodes use, so a challenge from one node can be answered on another.
 */
public final class HttpAuthenticator {

    /** The realm phones are challenged with. */
    public static final String REALM = "endpoint-manager";
    private static final int MAX_HEADER = 2048;
    private static final Logger LOG = LoggerFactory.getLogger(HttpAuthenticator.class);
    /** The form of the nonces issued here: anything else is refused before any store is asked. */
    private static final Pattern NONCE = Pattern.compile("[0-9a-f]{32}");
    /** Expired nonces are purged on the first challenge after this long (only a challenge adds one). */
    private static final long PURGE_EVERY_MILLIS = Duration.ofMinutes(1).toMillis();
    private static final Pattern PARAM = Pattern.compile("\\s*([A-Za-z]+)\\s*=\\s*(\"([^\"\\\\]*)\"|([^\\s,\"]+))\\s*(,|$)");

    /**
     * Credentials a client sent.
     *
     * @param username the user name
     * @param digest Digest parameters, absent for Basic
     * @param basicPassword the Basic password, absent for Digest
     */
    public record Presented(String username, Optional<Map<String, String>> digest, Optional<Secret> basicPassword) {
        /** Rejects nulls and copies the map. */
        public Presented {
            Objects.requireNonNull(username, "username is null");
            digest = Objects.requireNonNull(digest, "digest is null").map(Map::copyOf);
            Objects.requireNonNull(basicPassword, "basicPassword is null");
        }
    }

    private final Clock clock;
    private final Duration nonceLifetime;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong lastPurge = new AtomicLong(Long.MIN_VALUE);
    private volatile DigestNonces nonces;

    /** Creates the authenticator with at most {@code maxNonces} nonces in this node's memory. */
    public HttpAuthenticator(Clock clock, Duration nonceLifetime, int maxNonces) {
        this(clock, nonceLifetime, DigestNonces.inMemory(maxNonces));
    }

    /** Creates the authenticator over a nonce store. */
    public HttpAuthenticator(Clock clock, Duration nonceLifetime, DigestNonces nonces) {
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.nonceLifetime = Objects.requireNonNull(nonceLifetime, "nonceLifetime is null");
        this.nonces = Objects.requireNonNull(nonces, "nonces is null");
    }

    /**
     * Tracks nonces in {@code shared} from now on (the database, so every node knows them). Nonces
     * issued before are forgotten: call it at start, before the first challenge.
     */
    public void share(DigestNonces shared) {
        this.nonces = Objects.requireNonNull(shared, "shared is null");
    }

    /**
     * The {@code WWW-Authenticate} values for a 401: Digest always, Basic too over TLS. Issuing the
     * nonce is the one store write a request without credentials costs.
     */
    public java.util.List<String> challenges(boolean tls) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String nonce = HexFormat.of().formatHex(bytes);
        long now = clock.millis();
        DigestNonces store = nonces;
        try {
            store.issue(nonce, now);
        } catch (RuntimeException e) {
            // the challenge still goes out; its answer will be refused until the store is back
            LOG.warn("digest nonce not stored: {}", e.toString());
        }
        purgeNow(store, now);
        String digest = "Digest realm=\"" + REALM + "\", qop=\"auth\", algorithm=MD5, nonce=\"" + nonce + "\"";
        return tls ? java.util.List.of(digest, "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"") : java.util.List.of(digest);
    }

    private void purgeNow(DigestNonces store, long now) {
        long last = lastPurge.get();
        boolean due = last == Long.MIN_VALUE || now - last >= PURGE_EVERY_MILLIS;
        if (!due || !lastPurge.compareAndSet(last, now)) {
            return; // too soon, or another request is purging
        }
        try {
            int purged = store.purge(freshFloor(now));
            if (purged > 0) {
                LOG.debug("digest nonces purged: {} expired", purged);
            }
        } catch (RuntimeException e) {
            LOG.warn("digest nonce purge failed: {}", e.toString());
        }
    }

    private long freshFloor(long now) {
        return now - nonceLifetime.toMillis();
    }

    /**
     * Parses an {@code Authorization} header; empty when absent, malformed, or Basic over plain HTTP.
     */
    public static Optional<Presented> parse(String header, boolean tls) {
        if (header == null || header.length() > MAX_HEADER) {
            return Optional.empty();
        }
        if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            if (!tls) {
                return Optional.empty();
            }
            try {
                String text = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
                int colon = text.indexOf(':');
                if (colon <= 0) {
                    return Optional.empty();
                }
                return Optional.of(new Presented(text.substring(0, colon), Optional.empty(),
                        Optional.of(Secret.of(text.substring(colon + 1)))));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        if (!header.regionMatches(true, 0, "Digest ", 0, 7)) {
            return Optional.empty();
        }
        Map<String, String> params = new HashMap<>();
        Matcher m = PARAM.matcher(header.substring(7));
        int at = 0;
        while (at < header.length() - 7 && m.find(at) && m.start() == at) {
            String value = m.group(3) != null ? m.group(3) : m.group(4);
            params.put(m.group(1).toLowerCase(Locale.ROOT), value);
            at = m.end();
        }
        for (String required : new String[] {"username", "realm", "nonce", "uri", "response"}) {
            if (!params.containsKey(required)) {
                return Optional.empty();
            }
        }
        return Optional.of(new Presented(params.get("username"), Optional.of(params), Optional.empty()));
    }

    /**
     * Whether a Digest nonce was issued (by any node sharing the store), is still fresh and not used
     * up; Basic needs none: true. False also when the store cannot be asked: the caller challenges.
     */
    public boolean nonceUsable(Presented presented) {
        if (presented.digest().isEmpty()) {
            return true;
        }
        String nonce = presented.digest().get().get("nonce");
        if (!NONCE.matcher(nonce).matches()) {
            return false;
        }
        try {
            return nonces.usable(nonce, freshFloor(clock.millis()));
        } catch (RuntimeException e) {
            LOG.warn("digest nonce lookup failed: {}", e.toString());
            return false;
        }
    }

    /**
     * Checks the credentials against the device's; a Digest nonce that is unknown, stale or replayed
     * (an {@code nc} not above the last accepted one) fails. Secrets are compared in constant time.
     *
     * @param method the request method
     * @param requestUri the request target as sent (path and query)
     */
    public boolean verify(Presented presented, String username, Secret password, String method, String requestUri) {
        boolean userOk = MessageDigest.isEqual(presented.username().getBytes(StandardCharsets.UTF_8),
                username.getBytes(StandardCharsets.UTF_8));
        if (presented.basicPassword().isPresent()) {
            boolean passOk = MessageDigest.isEqual(presented.basicPassword().get().reveal().getBytes(StandardCharsets.UTF_8),
                    password.reveal().getBytes(StandardCharsets.UTF_8));
            return userOk & passOk;
        }
        Map<String, String> p = presented.digest().orElseThrow();
        if (!REALM.equals(p.get("realm")) || !requestUri.equals(p.get("uri"))
                || !"MD5".equalsIgnoreCase(p.getOrDefault("algorithm", "MD5"))) {
            return false;
        }
        String ha1 = md5(username + ":" + REALM + ":" + password.reveal());
        String ha2 = md5(method + ":" + p.get("uri"));
        String qop = p.get("qop");
        long nc;
        String expected;
        if (qop == null) {
            nc = Long.MAX_VALUE; // RFC 2069 style: no counter, so the nonce is good for one request
            expected = md5(ha1 + ":" + p.get("nonce") + ":" + ha2);
        } else {
            String ncText = p.get("nc");
            String cnonce = p.get("cnonce");
            if (!"auth".equals(qop) || ncText == null || cnonce == null || !ncText.matches("[0-9a-fA-F]{8}")) {
                return false;
            }
            nc = Long.parseLong(ncText, 16);
            expected = md5(ha1 + ":" + p.get("nonce") + ":" + ncText + ":" + cnonce + ":" + qop + ":" + ha2);
        }
        boolean responseOk = MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                p.get("response").toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        String nonce = p.get("nonce");
        if (!(userOk & responseOk) || !NONCE.matcher(nonce).matches()) {
            return false;
        }
        // only a right answer reaches the store: a wrong password cannot use up someone's nonce
        long floor = freshFloor(clock.millis());
        try {
            return nc == Long.MAX_VALUE ? nonces.consume(nonce, floor) : nonces.advance(nonce, nc, floor);
        } catch (RuntimeException e) {
            LOG.warn("digest nonce check failed, request refused: {}", e.toString());
            return false;
        }
    }

    /** MD5 hex, as RFC 7616's MD5 algorithm defines the digests. */
    public static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
