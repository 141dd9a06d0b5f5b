package org.endpointmanager.core.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.endpointmanager.api.Secret;

/**
 * Seed 000's {@code ?sig=}: {@code ?exp=<epoch seconds>&sig=<hex HMAC-SHA256>} over the file name
 * and the expiry, keyed with {@code [provisioning] signing_key}. For full-file and one-off links;
 * a phone's base URL carries a token instead, since it is kept for months.
 */
public final class UrlSigner {

    private static final Pattern EXP = Pattern.compile("[0-9]{1,12}");
    private static final Pattern SIG = Pattern.compile("[0-9a-fA-F]{64}");

    private final SecretKeySpec key;

    /** Creates a signer over the signing key. */
    public UrlSigner(Secret signingKey) {
        Objects.requireNonNull(signingKey, "signingKey is null");
        this.key = new SecretKeySpec(signingKey.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The query string ({@code exp=...&sig=...}) that lets anyone fetch this file until {@code expires}. */
    public String query(String fileName, Instant expires) {
        long exp = expires.getEpochSecond();
        return "exp=" + exp + "&sig=" + HexFormat.of().formatHex(mac(fileName, exp));
    }

    /** Whether the signature is valid for this file and has not expired; malformed input is just invalid. */
    public boolean verify(String fileName, String exp, String sig, Instant now) {
        if (fileName == null || exp == null || sig == null || !EXP.matcher(exp).matches() || !SIG.matcher(sig).matches()) {
            return false;
        }
        long expires = Long.parseLong(exp);
        boolean matches = MessageDigest.isEqual(mac(fileName, expires), HexFormat.of().parseHex(sig.toLowerCase(java.util.Locale.ROOT)));
        return matches && now.getEpochSecond() <= expires;
    }

    private byte[] mac(String fileName, long exp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(("provision\n" + fileName + "\n" + exp).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
