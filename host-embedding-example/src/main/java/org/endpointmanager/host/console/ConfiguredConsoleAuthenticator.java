package org.endpointmanager.host.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import org.endpointmanager.api.host.ConsoleAuthenticator;
import org.endpointmanager.api.host.Principal;
import org.endpointmanager.host.config.ConsoleToken;
import org.endpointmanager.host.config.ConsoleUser;

/**
 * Console authentication over the tokens and users of {@code proxy.toml}.
 *
 * <p>Both sides are hashed with SHA-256 and compared with {@link MessageDigest#isEqual}, and every
 * entry is compared even after a match: neither the length nor the content of a guess, nor which
 * entry matched, changes how long a check takes.
 */
public final class ConfiguredConsoleAuthenticator implements ConsoleAuthenticator {

    private final List<TokenEntry> tokens;
    private final List<UserEntry> users;

    /** Hashes the configured credentials once. */
    public ConfiguredConsoleAuthenticator(List<ConsoleToken> tokens, List<ConsoleUser> users) {
        this.tokens = tokens.stream()
                .map(t -> new TokenEntry(sha256(t.token().reveal()), new Principal(t.name(), t.role())))
                .toList();
        this.users = users.stream()
                .map(u -> new UserEntry(sha256(u.username()), sha256(u.password().reveal()),
                        new Principal(u.username(), u.role())))
                .toList();
    }

    @Override
    public Optional<Principal> authenticateToken(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        byte[] given = sha256(token);
        Principal match = null;
        for (TokenEntry entry : tokens) {
            if (MessageDigest.isEqual(entry.hash(), given) && match == null) {
                match = entry.principal();
            }
        }
        return Optional.ofNullable(match);
    }

    @Override
    public Optional<Principal> authenticatePassword(String username, String password) {
        if (username == null || password == null || username.isEmpty() || password.isEmpty()) {
            return Optional.empty();
        }
        byte[] givenUser = sha256(username);
        byte[] givenPassword = sha256(password);
        Principal match = null;
        for (UserEntry entry : users) {
            // Non-short-circuit '&': a right user name with a wrong password costs the same time.
            boolean equal = MessageDigest.isEqual(entry.username(), givenUser)
                    & MessageDigest.isEqual(entry.password(), givenPassword);
            if (equal && match == null) {
                match = entry.principal();
            }
        }
        return Optional.ofNullable(match);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private record TokenEntry(byte[] hash, Principal principal) {
    }

    private record UserEntry(byte[] username, byte[] password, Principal principal) {
    }
}
