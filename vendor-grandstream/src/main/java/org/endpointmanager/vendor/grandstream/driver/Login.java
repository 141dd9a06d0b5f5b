package org.endpointmanager.vendor.grandstream.driver;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.endpointmanager.api.driver.DriverException;
import org.endpointmanager.api.driver.DriverFailure;
import org.endpointmanager.api.driver.DriverTarget;

/**
 * Logs in to a phone, exactly once per call: a wrong password is reported with the attempts the
 * phone says are left and never retried, because every retry brings the phone closer to locking
 * its admin login.
 *
 * <p>The variant is chosen by the phone's answer to {@code POST /cgi-bin/access}: a token means
 * challenge-response ({@code dologin} with {@code sha256hex(password + token)}); HTTP 404 means
 * older firmware without the challenge, which takes the plain password and is then read and
 * written through {@code api.values.get}/{@code api.values.post}.
 */
final class Login {

    private static final Pattern WRONG = Pattern.compile("wrong(\\d{1,3})?");

    private Login() {
    }

    static Session login(CgiClient cgi, DriverTarget target) {
        String user = target.username();
        CgiAnswer access = cgi.postForm("access", Map.of("access", sha256Hex(user)));
        if (access.status() == 404) {
            return dologin(cgi, user, target.password().reveal(), true);
        }
        if (!access.success()) {
            throw new DriverException(DriverFailure.PROTOCOL, "login challenge failed: " + access.describe());
        }
        String token = access.bodyText().filter(t -> !t.isEmpty() && t.length() <= 256)
                .orElseThrow(() -> new DriverException(DriverFailure.PROTOCOL, "login challenge answer carries no token"));
        return dologin(cgi, user, sha256Hex(target.password().reveal() + token), false);
    }

    private static Session dologin(CgiClient cgi, String user, String password, boolean legacy) {
        CgiAnswer answer = cgi.postForm("dologin", CgiClient.form("username", user, "password", password));
        if (answer.success()) {
            Optional<Object> body = answer.body();
            Optional<String> sid = body.filter(Map.class::isInstance).map(m -> ((Map<?, ?>) m).get("sid"))
                    .filter(String.class::isInstance).map(String.class::cast)
                    .filter(s -> !s.isEmpty() && s.length() <= 256);
            if (sid.isEmpty()) {
                throw new DriverException(DriverFailure.PROTOCOL, "login answer carries no session id");
            }
            return new Session(sid.get(), legacy, false);
        }
        if (answer.error()) {
            String why = answer.bodyText().orElse("").strip();
            if (why.equalsIgnoreCase("locked")) {
                throw new DriverException(DriverFailure.LOCKED,
                        "the phone has locked its admin login after too many wrong passwords; not retried");
            }
            Matcher m = WRONG.matcher(why.toLowerCase(java.util.Locale.ROOT));
            if (m.matches()) {
                OptionalInt left = m.group(1) == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(m.group(1)));
                throw DriverException.wrongCredentials(left);
            }
            throw new DriverException(DriverFailure.REJECTED, "login refused: " + answer.describe());
        }
        throw new DriverException(DriverFailure.PROTOCOL, "login failed: " + answer.describe());
    }

    static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
