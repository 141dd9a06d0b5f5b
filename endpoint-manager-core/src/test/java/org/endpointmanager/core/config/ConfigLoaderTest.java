package org.endpointmanager.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.endpointmanager.api.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigLoaderTest {

    private static final String BASE = "provision_url_base = \"http://203.0.113.10:8080/provision\"\n";
    private static final String FILE = "endpoint_manager.toml";

    private static EndpointManagerConfig parse(String toml) {
        return ConfigLoader.parse(toml, FILE);
    }

    private static String failure(String toml) {
        return assertThrows(ConfigException.class, () -> parse(toml)).getMessage();
    }

    @Test
    void theMinimalFileTakesEveryDefault() {
        EndpointManagerConfig c = parse(BASE);

        assertEquals("http://203.0.113.10:8080/provision", c.provisionUrlBase());
        assertEquals(new EndpointManagerConfig.Http(true, "0.0.0.0", 8080), c.http());
        assertEquals("jdbc:sqlite:endpoint-manager.db", c.database().url());
        assertEquals(Optional.empty(), c.database().username());
        assertEquals(Optional.empty(), c.database().password());
        assertEquals(10, c.database().maxPoolSize());
        assertEquals(new EndpointManagerConfig.Secrets(Path.of("secret.key"), "EM_SECRET_KEY"), c.secrets());
        assertEquals(new EndpointManagerConfig.Sip("0.0.0.0", 5090, 500, 32_000), c.sip());
        assertEquals(new EndpointManagerConfig.Pnp(false, "224.0.1.75", 5060, List.of()), c.pnp());
        assertEquals(new EndpointManagerConfig.Tftp(false, "0.0.0.0", 69), c.tftp());
        assertEquals(new EndpointManagerConfig.Provisioning(List.of(), Optional.empty(), false, 20, 60, 600),
                c.provisioning());
        assertEquals(new EndpointManagerConfig.Control(List.of(), false), c.control());
        assertEquals(new EndpointManagerConfig.Firmware(80, 300), c.firmware());
        assertEquals(new EndpointManagerConfig.Tls(Optional.empty(), Optional.empty(), 8443, true), c.tls());
    }

    @Test
    void defaultsEqualsTheMinimalFile() {
        assertEquals(parse(BASE), ConfigLoader.defaults("http://203.0.113.10:8080/provision"));
    }

    @Test
    void everyKeyIsRead() {
        EndpointManagerConfig c = parse(BASE + """
                [http]
                enabled = false
                bind = "127.0.0.1"
                port = 0
                [database]
                url = "jdbc:postgresql://db.example/em"
                username = "em"
                password = "db-pass"
                max_pool_size = 4
                [secrets]
                key_file = "keys/em.key"
                key_env = "MY_KEY"
                [sip]
                bind = "::"
                port = 5091
                t1_ms = 50
                transaction_timeout_ms = 3200
                [pnp]
                enabled = true
                group = "239.1.2.3"
                port = 5062
                interfaces = ["eth0", "lan.10"]
                [tftp]
                enabled = true
                bind = "10.0.0.1"
                port = 6969
                [provisioning]
                allowed_subnets = ["10.0.0.0/8", "2001:db8::/32"]
                signing_key = "0123456789abcdef-sign"
                require_signature = true
                lockout_misses = 5
                lockout_window_seconds = 30
                lockout_seconds = 120
                [control]
                allowed_subnets = ["192.168.1.0/24"]
                allow_loopback = true
                [firmware]
                max_file_mb = 10
                max_total_mb = 20
                [tls]
                keystore = "tls/em.p12"
                keystore_password = "store-pass"
                https_port = 9443
                http_enabled = false
                """);

        assertEquals(new EndpointManagerConfig.Http(false, "127.0.0.1", 0), c.http());
        assertEquals(new EndpointManagerConfig.Database("jdbc:postgresql://db.example/em", Optional.of("em"),
                Optional.of(Secret.of("db-pass")), 4), c.database());
        assertEquals(new EndpointManagerConfig.Secrets(Path.of("keys/em.key"), "MY_KEY"), c.secrets());
        assertEquals(new EndpointManagerConfig.Sip("::", 5091, 50, 3200), c.sip());
        assertEquals(new EndpointManagerConfig.Pnp(true, "239.1.2.3", 5062, List.of("eth0", "lan.10")), c.pnp());
        assertEquals(new EndpointManagerConfig.Tftp(true, "10.0.0.1", 6969), c.tftp());
        assertEquals(new EndpointManagerConfig.Provisioning(List.of("10.0.0.0/8", "2001:db8::/32"),
                Optional.of(Secret.of("0123456789abcdef-sign")), true, 5, 30, 120), c.provisioning());
        assertEquals(new EndpointManagerConfig.Control(List.of("192.168.1.0/24"), true), c.control());
        assertEquals(new EndpointManagerConfig.Firmware(10, 20), c.firmware());
        assertEquals(new EndpointManagerConfig.Tls(Optional.of(Path.of("tls/em.p12")),
                Optional.of(Secret.of("store-pass")), 9443, false), c.tls());
    }

    @Test
    void transactionTimeoutDefaultsToSixtyFourT1() {
        assertEquals(3200, parse(BASE + "[sip]\nt1_ms = 50\n").sip().transactionTimeoutMillis());
    }

    @Test
    void inlineAndDottedTablesAreTheSameAsSections() {
        assertEquals(9000, parse(BASE + "http.port = 9000\n").http().port());
        assertEquals(9001, parse(BASE + "http = { port = 9001 }\n").http().port());
    }

    @Test
    void provisionUrlBaseIsRequired() {
        assertEquals(FILE + ": provision_url_base is required", failure("[http]\nport = 8080\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://host:8080/provision", "https://pbx.example/p/", "HTTP://[2001:db8::1]:8080/p"})
    void acceptsHttpAndHttpsUrls(String url) {
        String stored = parse("provision_url_base = \"" + url + "\"\n").provisionUrlBase();
        assertFalse(stored.endsWith("/"));
        assertTrue(url.startsWith(stored));
    }

    @Test
    void aTrailingSlashIsOptional() {
        assertEquals(parse("provision_url_base = \"http://h/p\"\n"), parse("provision_url_base = \"http://h/p/\"\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://host/p", "http:///p", "http://host/p?x=1", "http://host/p#frag", "host/p",
            "http://user:pw@host/p", "http://ho st/p", ""})
    void rejectsOtherUrls(String url) {
        String message = failure("provision_url_base = \"" + url + "\"\n");
        assertTrue(message.startsWith(FILE + ": provision_url_base must be an http or https URL"), message);
    }

    @Test
    void unknownKeysAreErrorsNamingTheKey() {
        assertEquals(FILE + ": unknown key 'http.prot'", failure(BASE + "[http]\nprot = 8080\n"));
        assertEquals(FILE + ": unknown key 'provision_url'", failure(BASE + "provision_url = \"x\"\n"));
        assertEquals(FILE + ": unknown key 'tls.keystore_pass'", failure(BASE + "[tls]\nkeystore_pass = \"x\"\n"));
    }

    @Test
    void unknownSectionsAreErrors() {
        assertEquals(FILE + ": unknown section 'htp'", failure(BASE + "[htp]\nport = 8080\n"));
    }

    @Test
    void aSectionMustBeATable() {
        assertEquals(FILE + ": http must be a table ([http])", failure(BASE + "http = 8080\n"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[http];port = 65536|http.port must be an integer 0..65535",
        "[http];port = -1|http.port must be an integer 0..65535",
        "[http];port = \"8080\"|http.port must be an integer 0..65535",
        "[http];port = 80.5|http.port must be an integer 0..65535",
        "[sip];port = 70000|sip.port must be an integer 0..65535",
        "[pnp];port = 99999|pnp.port must be an integer 0..65535",
        "[tftp];port = 65536|tftp.port must be an integer 0..65535",
        "[tls];https_port = 65536|tls.https_port must be an integer 0..65535",
        "[http];enabled = \"yes\"|http.enabled must be true or false",
        "[database];max_pool_size = 0|database.max_pool_size must be an integer 1..1000",
        "[sip];t1_ms = 0|sip.t1_ms must be an integer 1..60000",
        "[provisioning];lockout_misses = 0|provisioning.lockout_misses must be an integer 1..100000",
        "[provisioning];lockout_window_seconds = 0|provisioning.lockout_window_seconds must be an integer 1..86400",
        "[provisioning];lockout_seconds = 0|provisioning.lockout_seconds must be an integer 1..604800",
        "[firmware];max_file_mb = 0|firmware.max_file_mb must be an integer 1..4096",
        "[firmware];max_file_mb = 400|firmware.max_file_mb must not exceed firmware.max_total_mb",
        "[sip];t1_ms = 500;transaction_timeout_ms = 100|sip.transaction_timeout_ms must be at least sip.t1_ms",
        "[database];url = 'jdbc:oracle:thin:@x'|database.url must be a JDBC URL starting with jdbc:sqlite:, jdbc:mysql:, jdbc:postgresql:",
        "[database];username = 5|database.username must be a string",
        "[secrets];key_env = 'MY-KEY'|secrets.key_env must be an environment variable name (letters, digits, _)",
        "[secrets];key_file = ''|secrets.key_file must not be empty",
        "[pnp];interfaces = 'eth0'|pnp.interfaces must be a list of strings",
        "[pnp];interfaces = [1]|pnp.interfaces must be a list of strings",
        "[pnp];interfaces = ['eth 0']|pnp.interfaces[0] is not a network interface name",
        "[provisioning];require_signature = true|provisioning.require_signature needs provisioning.signing_key",
        "[tls];keystore_password = 'x'|tls.keystore_password is set but tls.keystore is not",
        "[tls];keystore = 'k.p12';https_port = 8080|tls.https_port must differ from http.port",
    })
    void rejectsBadValuesNamingTheKey(String body, String expected) {
        assertEquals(FILE + ": " + expected, failure(BASE + body.replace(";", "\n") + "\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "0.0.0", "256.0.0.1", "01.2.3.4", "::1%eth0", "pbx.example", " 0.0.0.0"})
    void bindAddressesMustBeIpLiterals(String bind) {
        assertEquals(FILE + ": http.bind must be an IP address literal such as 0.0.0.0 or ::",
                failure(BASE + "[http]\nbind = \"" + bind + "\"\n"));
        assertTrue(failure(BASE + "[sip]\nbind = \"" + bind + "\"\n").contains("sip.bind must be"));
        assertTrue(failure(BASE + "[tftp]\nbind = \"" + bind + "\"\n").contains("tftp.bind must be"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "127.0.0.1", "::", "::1", "fe80::1", "2001:db8::10"})
    void acceptsIpv4AndIpv6Binds(String bind) {
        assertEquals(bind, parse(BASE + "[http]\nbind = \"" + bind + "\"\n").http().bind());
    }

    @ParameterizedTest
    @ValueSource(strings = {"224.0.0.0", "239.255.255.255", "224.0.1.75"})
    void acceptsMulticastGroups(String group) {
        assertEquals(group, parse(BASE + "[pnp]\ngroup = \"" + group + "\"\n").pnp().group());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "223.255.255.255", "240.0.0.1", "ff02::1", "pnp.example"})
    void pnpGroupMustBeIpv4Multicast(String group) {
        assertEquals(FILE + ": pnp.group must be an IPv4 multicast address (224.0.0.0/4)",
                failure(BASE + "[pnp]\ngroup = \"" + group + "\"\n"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "10.0.0.0|is not a CIDR block (address/prefix)",
        "10.0.0.0/33|has a prefix length that is not 0..32",
        "10.0.0.0/x|has a prefix length that is not 0..32",
        "2001:db8::/129|has a prefix length that is not 0..128",
        "10.1.0.0/8|has host bits set after the prefix",
        "lan.example/24|does not start with an IP address",
    })
    void subnetsMustBeCidrBlocks(String cidr, String problem) {
        assertEquals(FILE + ": provisioning.allowed_subnets[1] '" + cidr + "' " + problem,
                failure(BASE + "[provisioning]\nallowed_subnets = [\"10.0.0.0/8\", \"" + cidr + "\"]\n"));
        assertEquals(FILE + ": control.allowed_subnets[0] '" + cidr + "' " + problem,
                failure(BASE + "[control]\nallowed_subnets = [\"" + cidr + "\"]\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0/0", "192.168.1.128/25", "10.0.0.1/32", "::/0", "fd00::/8"})
    void acceptsCidrBlocks(String cidr) {
        assertEquals(List.of(cidr), parse(BASE + "[control]\nallowed_subnets = [\"" + cidr + "\"]\n")
                .control().allowedSubnets());
    }

    @Test
    void syntaxErrorsGiveTheLine() {
        String message = failure(BASE + "[http]\nport = = 8080\n");
        assertTrue(message.startsWith(FILE + ": line 3, column "), message);
    }

    @Test
    void duplicateKeysAreSyntaxErrors() {
        String message = failure(BASE + "[http]\nport = 1\nport = 2\n");
        assertTrue(message.startsWith(FILE + ": line 4, column 1: "), message);
    }

    @Test
    void secretsNeverAppearInMessages() {
        String secret = "Zq9-very-secret-value";
        List<String> files = List.of(
                BASE + "[database]\npassword = " + secret + "\n",
                BASE + "[database]\npassword = \"" + secret + "\"\nbogus = 1\n",
                BASE + "[tls]\nkeystore_password = \"" + secret + "\"\n",
                BASE + "[provisioning]\nsigning_key = \"" + secret + "\"\nlockout_misses = -1\n",
                BASE + "[provisioning]\nsigning_key = 'Zq9-short'\n");
        for (String toml : files) {
            String message = failure(toml);
            assertFalse(message.contains("Zq9"), message);
        }
        assertEquals(Secret.MASK, parse(BASE + "[database]\npassword = \"" + secret + "\"\n")
                .database().password().orElseThrow().toString());
    }

    @Test
    void loadReadsAFileAndNamesIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(FILE);
        Files.writeString(file, BASE + "[http]\nport = 9090\n");
        assertEquals(9090, ConfigLoader.load(file).http().port());

        Files.writeString(file, BASE + "[http]\nprot = 9090\n");
        assertEquals(FILE + ": unknown key 'http.prot'",
                assertThrows(ConfigException.class, () -> ConfigLoader.load(file)).getMessage());
    }

    @Test
    void loadFailsClearlyOnAMissingOrBinaryFile(@TempDir Path dir) throws Exception {
        String missing = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir.resolve(FILE))).getMessage();
        assertTrue(missing.startsWith(FILE + ": not found at "), missing);

        Path binary = dir.resolve("binary.toml");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0});
        assertEquals("binary.toml: not valid UTF-8",
                assertThrows(ConfigException.class, () -> ConfigLoader.load(binary)).getMessage());
    }
}
