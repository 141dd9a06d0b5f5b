package org.endpointmanager.core.cluster;

import org.endpointmanager.core.security.HttpAuthenticator;

/** Digest {@code Authorization} values a phone would send, computed as RFC 7616 (MD5) says. */
final class DigestAnswer {

    private DigestAnswer() {
    }

    /** An answer with {@code qop=auth} and the given nonce count. */
    static String withQop(String user, String pass, String nonce, int nc, String uri) {
        String ncText = String.format("%08x", nc);
        String ha1 = HttpAuthenticator.md5(user + ":" + HttpAuthenticator.REALM + ":" + pass);
        String ha2 = HttpAuthenticator.md5("GET:" + uri);
        String response = HttpAuthenticator.md5(ha1 + ":" + nonce + ":" + ncText + ":0a1b2c3d:auth:" + ha2);
        return "Digest username=\"" + user + "\", realm=\"" + HttpAuthenticator.REALM + "\", nonce=\"" + nonce
                + "\", uri=\"" + uri + "\", qop=auth, nc=" + ncText + ", cnonce=\"0a1b2c3d\", response=\"" + response
                + "\", algorithm=MD5";
    }

    /** An RFC 2069 answer (no {@code qop}): good for one request. */
    static String withoutQop(String user, String pass, String nonce, String uri) {
        String ha1 = HttpAuthenticator.md5(user + ":" + HttpAuthenticator.REALM + ":" + pass);
        String ha2 = HttpAuthenticator.md5("GET:" + uri);
        String response = HttpAuthenticator.md5(ha1 + ":" + nonce + ":" + ha2);
        return "Digest username=\"" + user + "\", realm=\"" + HttpAuthenticator.REALM + "\", nonce=\"" + nonce
                + "\", uri=\"" + uri + "\", response=\"" + response + "\"";
    }

    /** The nonce of a {@code WWW-Authenticate: Digest ...} value. */
    static String nonceOf(String challenge) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("nonce=\"([0-9a-f]+)\"").matcher(challenge);
        if (!m.find()) {
            throw new AssertionError("no nonce in " + challenge);
        }
        return m.group(1);
    }
}
