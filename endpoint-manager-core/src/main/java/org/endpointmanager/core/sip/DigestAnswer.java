package org.endpointmanager.core.sip;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.endpointmanager.api.Secret;

/**
 * The answer to one digest challenge (RFC 2617, the MD5 part of RFC 7616): {@code qop=auth} when
 * the challenge offers it, with a client nonce and {@code nc=00000001} (each challenge is
 * answered once, so the count never goes higher).
 *
 * @param username digest user
 * @param realm realm from the challenge
 * @param nonce nonce from the challenge
 * @param uri the request-URI, as sent
 * @param response the computed response
 * @param qop {@code auth}, or empty for the RFC 2069 form
 * @param cnonce client nonce (with qop only)
 * @param nc nonce count (with qop only)
 * @param opaque opaque value echoed from the challenge
 * @param algorithm {@code MD5} when the challenge named it
 */
public record DigestAnswer(String username, String realm, String nonce, String uri, String response,
        Optional<String> qop, Optional<String> cnonce, Optional<String> nc, Optional<String> opaque,
        Optional<String> algorithm) {

    /** The nonce count of the first (and only) answer to a challenge. */
    public static final String FIRST_NC = "00000001";

    /** Rejects nulls. */
    public DigestAnswer {
        Objects.requireNonNull(username, "username is null");
        Objects.requireNonNull(realm, "realm is null");
        Objects.requireNonNull(nonce, "nonce is null");
        Objects.requireNonNull(uri, "uri is null");
        Objects.requireNonNull(response, "response is null");
        Objects.requireNonNull(qop, "qop is null");
        Objects.requireNonNull(cnonce, "cnonce is null");
        Objects.requireNonNull(nc, "nc is null");
        Objects.requireNonNull(opaque, "opaque is null");
        Objects.requireNonNull(algorithm, "algorithm is null");
    }

    /**
     * Answers a challenge.
     *
     * @param challenge the parsed WWW-Authenticate or Proxy-Authenticate values
     * @param method the request method
     * @param uri the request-URI as sent
     * @param username digest user
     * @param password digest password
     * @param cnonce a fresh client nonce (used only when qop=auth)
     * @throws IllegalArgumentException when the challenge asks for something other than MD5 or
     *     offers only {@code auth-int}
     */
    public static DigestAnswer answer(Challenge challenge, String method, String uri, String username, Secret password,
            String cnonce) {
        String algorithm = challenge.algorithm().orElse("MD5");
        if (!algorithm.equalsIgnoreCase("MD5")) {
            throw new IllegalArgumentException("digest algorithm " + algorithm + " is not supported (only MD5)");
        }
        boolean auth = challenge.qopOptions().stream().anyMatch(q -> q.equalsIgnoreCase("auth"));
        if (!challenge.qopOptions().isEmpty() && !auth) {
            throw new IllegalArgumentException("digest qop " + challenge.qopOptions() + " is not supported (only auth)");
        }
        String ha1 = md5(username + ":" + challenge.realm() + ":" + password.reveal());
        String ha2 = md5(method + ":" + uri);
        String response = auth
                ? md5(ha1 + ":" + challenge.nonce() + ":" + FIRST_NC + ":" + cnonce + ":auth:" + ha2)
                : md5(ha1 + ":" + challenge.nonce() + ":" + ha2);
        return new DigestAnswer(username, challenge.realm(), challenge.nonce(), uri, response,
                auth ? Optional.of("auth") : Optional.empty(), auth ? Optional.of(cnonce) : Optional.empty(),
                auth ? Optional.of(FIRST_NC) : Optional.empty(), challenge.opaque(), challenge.algorithm());
    }

    /** Lowercase hex MD5 of the UTF-8 bytes. */
    public static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JVM", e);
        }
    }

    /**
     * What a challenge asks for.
     *
     * @param realm the realm
     * @param nonce the server nonce
     * @param qopOptions the offered qop values (empty for RFC 2069 servers)
     * @param opaque the opaque value, if any
     * @param algorithm the algorithm, if named
     */
    public record Challenge(String realm, String nonce, List<String> qopOptions, Optional<String> opaque,
            Optional<String> algorithm) {
        /** Validates: values are bounded and single-line, since they come from the phone. */
        public Challenge {
            realm = bounded(realm, "realm");
            nonce = bounded(nonce, "nonce");
            qopOptions = List.copyOf(Objects.requireNonNull(qopOptions, "qopOptions is null"));
            Objects.requireNonNull(opaque, "opaque is null");
            Objects.requireNonNull(algorithm, "algorithm is null");
            opaque.ifPresent(o -> bounded(o, "opaque"));
        }

        /** Parses the comma-separated {@code qop} parameter. */
        public static List<String> qopList(String qop) {
            if (qop == null || qop.isBlank()) {
                return List.of();
            }
            return List.of(qop.toLowerCase(Locale.ROOT).split("\\s*,\\s*")).stream().map(String::strip)
                    .filter(s -> !s.isEmpty()).toList();
        }

        private static String bounded(String value, String name) {
            Objects.requireNonNull(value, name + " is null");
            if (value.length() > 256 || value.chars().anyMatch(c -> c < 0x20 || c == '"' || c == '\\')) {
                throw new IllegalArgumentException("challenge " + name + " is too long or holds forbidden characters");
            }
            return value;
        }
    }
}
