package org.endpointmanager.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.endpointmanager.api.Secret;
import org.endpointmanager.api.host.Principal;
import org.endpointmanager.api.host.Role;
import org.endpointmanager.host.config.ConsoleToken;
import org.endpointmanager.host.config.ConsoleUser;
import org.endpointmanager.host.console.ConfiguredConsoleAuthenticator;
import org.junit.jupiter.api.Test;

class HostConsoleAuthenticatorTest {

    private final ConfiguredConsoleAuthenticator authenticator = new ConfiguredConsoleAuthenticator(
            List.of(new ConsoleToken("viewer-token", Secret.of("viewer-0123456789abcdef"), Role.VIEWER),
                    new ConsoleToken("ops", Secret.of("operator-0123456789abcdef"), Role.OPERATOR),
                    new ConsoleToken("admin", Secret.of("admin-0123456789abcdef"), Role.SITE_ADMIN)),
            List.of(new ConsoleUser("alice", Secret.of("alice-password"), Role.SITE_ADMIN),
                    new ConsoleUser("bob", Secret.of("bob-password"), Role.VIEWER)));

    @Test
    void aRightTokenGivesItsRole() {
        assertEquals(Optional.of(new Principal("viewer-token", Role.VIEWER)),
                authenticator.authenticateToken("viewer-0123456789abcdef"));
        assertEquals(Optional.of(new Principal("ops", Role.OPERATOR)),
                authenticator.authenticateToken("operator-0123456789abcdef"));
        assertEquals(Optional.of(new Principal("admin", Role.SITE_ADMIN)),
                authenticator.authenticateToken("admin-0123456789abcdef"));
    }

    @Test
    void wrongOrEmptyTokensGiveNothing() {
        assertEquals(Optional.empty(), authenticator.authenticateToken("admin-0123456789abcde"));
        assertEquals(Optional.empty(), authenticator.authenticateToken("admin-0123456789abcdef "));
        assertEquals(Optional.empty(), authenticator.authenticateToken("ADMIN-0123456789ABCDEF"));
        assertEquals(Optional.empty(), authenticator.authenticateToken(""));
        assertEquals(Optional.empty(), authenticator.authenticateToken(null));
    }

    @Test
    void passwordLoginsNeedTheRightPairing() {
        assertEquals(Optional.of(new Principal("alice", Role.SITE_ADMIN)),
                authenticator.authenticatePassword("alice", "alice-password"));
        assertEquals(Optional.of(new Principal("bob", Role.VIEWER)),
                authenticator.authenticatePassword("bob", "bob-password"));
        assertEquals(Optional.empty(), authenticator.authenticatePassword("bob", "alice-password"));
        assertEquals(Optional.empty(), authenticator.authenticatePassword("carol", "alice-password"));
        assertEquals(Optional.empty(), authenticator.authenticatePassword("alice", ""));
        assertEquals(Optional.empty(), authenticator.authenticatePassword(null, null));
    }

    @Test
    void tokensAreNotPasswords() {
        assertEquals(Optional.empty(), authenticator.authenticatePassword("admin", "admin-0123456789abcdef"));
    }
}
