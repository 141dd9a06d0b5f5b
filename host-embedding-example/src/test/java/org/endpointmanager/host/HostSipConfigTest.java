package org.endpointmanager.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.endpointmanager.api.Secret;
import org.endpointmanager.host.config.HostConfigException;
import org.endpointmanager.host.config.ProxyConfig;
import org.endpointmanager.host.config.ProxyConfigLoader;
import org.endpointmanager.host.users.ConfiguredUserDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code [sip] bind}, {@code [[extensions]] pin} and the registrar's start-up failure. */
class HostSipConfigTest {

    private static final Path DIR = Path.of("cfg");

    private static ProxyConfig parse(String toml) {
        return ProxyConfigLoader.parse("[proxy]\naddons = []\n" + toml, "proxy.toml", DIR);
    }

    @Test
    void bindDefaultsToAllAddressesAndPinsReachTheDirectory() {
        ProxyConfig c = parse("""
                [[extensions]]
                number = "1001"
                password = "pw"
                pin = "4711"
                [[extensions]]
                number = "1002"
                password = "pw"
                """);
        assertEquals("0.0.0.0", c.sipBind());
        ConfiguredUserDirectory users = new ConfiguredUserDirectory(c.extensions(), c.bindingPins());
        assertEquals(Optional.of("4711"), users.bindingPin("1001").map(Secret::reveal));
        assertEquals(Optional.empty(), users.bindingPin("1002"));
        assertFalse(c.toString().contains("4711"), "PINs are secrets: never in a toString");
        assertEquals("127.0.0.1", parse("[sip]\nbind = \"127.0.0.1\"\n").sipBind());
    }

    @Test
    void badPinsAndBindsAreRefusedNamingTheKey() {
        String tooShort = assertThrows(HostConfigException.class, () -> parse("""
                [[extensions]]
                number = "1001"
                password = "pw"
                pin = "12"
                """)).getMessage();
        assertEquals("proxy.toml: extensions[0].pin must be 4 to 16 digits (it is dialled after the star code)", tooShort);
        assertTrue(assertThrows(HostConfigException.class, () -> parse("[[extensions]]\nnumber = \"1\"\npassword = \"p\"\n"
                + "pin = \"12ab\"\n")).getMessage().contains("extensions[0].pin"));
        assertEquals("proxy.toml: sip.bind must be an IP address or host name",
                assertThrows(HostConfigException.class, () -> parse("[sip]\nbind = \"0.0.0.0; rm -rf\"\n")).getMessage());
    }

    @Test
    void aTakenSipPortStopsStartUpNamingTheKeys(@TempDir Path config) throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Files.writeString(config.resolve("proxy.toml"), "[proxy]\naddons = []\n[sip]\nbind = \"127.0.0.1\"\nport = "
                    + taken.getLocalPort() + "\n");
            String message = assertThrows(HostStartException.class, () -> AddonHost.start(config)).getMessage();
            assertTrue(message.startsWith("cannot listen for SIP on udp 127.0.0.1:" + taken.getLocalPort()
                    + " ([sip] bind and port in proxy.toml)"), message);
        }
    }
}
