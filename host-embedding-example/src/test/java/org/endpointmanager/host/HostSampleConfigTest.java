package org.endpointmanager.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.endpointmanager.api.host.Principal;
import org.endpointmanager.api.host.Role;
import org.endpointmanager.core.config.ConfigLoader;
import org.endpointmanager.core.config.EndpointManagerConfig;
import org.endpointmanager.host.config.ProxyConfig;
import org.endpointmanager.host.config.ProxyConfigLoader;
import org.endpointmanager.host.console.ConfiguredConsoleAuthenticator;
import org.junit.jupiter.api.Test;

/** The sample in {@code host-embedding-example/config/} must stay valid: it is what a newcomer runs. */
class HostSampleConfigTest {

    private static final Path SAMPLE = Path.of("config");

    @Test
    void sampleProxyTomlIsValid() {
        ProxyConfig config = ProxyConfigLoader.load(SAMPLE);

        assertEquals(List.of("endpoint-manager"), config.addons());
        assertEquals(SAMPLE.toAbsolutePath().normalize().resolve("data"), config.dataDirectory());
        assertEquals(5060, config.sipPort());
        assertEquals(List.of("1001", "1002", "1003"), config.extensions().stream().map(e -> e.number()).toList());
        var authenticator = new ConfiguredConsoleAuthenticator(config.tokens(), config.users());
        assertEquals(Optional.of(Role.SITE_ADMIN), authenticator
                .authenticateToken("sample-site-admin-token-change-me").map(Principal::role));
        assertEquals(Optional.of(Role.OPERATOR), authenticator
                .authenticateToken("sample-operator-token-change-me").map(Principal::role));
        assertEquals(Optional.of(Role.VIEWER), authenticator
                .authenticateToken("sample-viewer-token-change-me").map(Principal::role));
        assertTrue(authenticator.authenticatePassword("admin", "sample-admin-password-change-me").isPresent());
    }

    @Test
    void sampleEndpointManagerTomlIsValidAndMostlyDefaults() {
        EndpointManagerConfig config = ConfigLoader.load(SAMPLE.resolve(ConfigLoader.FILE_NAME));

        assertEquals("http://127.0.0.1:8080/provision", config.provisionUrlBase());
        assertEquals(ConfigLoader.defaults("http://127.0.0.1:8080/provision"), config);
    }
}
