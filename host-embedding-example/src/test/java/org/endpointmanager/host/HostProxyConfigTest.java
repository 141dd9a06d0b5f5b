package org.endpointmanager.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.endpointmanager.api.Secret;
import org.endpointmanager.api.host.Extension;
import org.endpointmanager.api.host.Role;
import org.endpointmanager.host.config.ConsoleToken;
import org.endpointmanager.host.config.ConsoleUser;
import org.endpointmanager.host.config.HostConfigException;
import org.endpointmanager.host.config.ProxyConfig;
import org.endpointmanager.host.config.ProxyConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostProxyConfigTest {

    private static final String FILE = "proxy.toml";
    private static final Path DIR = Path.of("/etc/pbx");
    private static final String ADDONS = "[proxy]\naddons = [\"endpoint-manager\"]\n";

    private static ProxyConfig parse(String toml) {
        return ProxyConfigLoader.parse(toml, FILE, DIR);
    }

    private static String failure(String toml) {
        return assertThrows(HostConfigException.class, () -> parse(toml)).getMessage();
    }

    @Test
    void readsEverySection() {
        ProxyConfig c = parse("""
                [proxy]
                addons = ["endpoint-manager", "other"]
                [host]
                data_dir = "/var/lib/pbx"
                [sip]
                port = 5070
                [[extensions]]
                number = "1001"
                name = "Front desk"
                password = "ext-pass-1001"
                [[extensions]]
                number = "sales2"
                password = "ext-pass-2"
                [[console.tokens]]
                token = "0123456789abcdef-admin"
                role = "site_admin"
                name = "ops"
                [[console.tokens]]
                token = "0123456789abcdef-view"
                role = "viewer"
                [[console.users]]
                username = "alice"
                password = "alice-password"
                role = "operator"
                """);

        assertEquals(List.of("endpoint-manager", "other"), c.addons());
        assertEquals(Path.of("/var/lib/pbx"), c.dataDirectory());
        assertEquals(5070, c.sipPort());
        assertEquals(List.of(new Extension("1001", "1001", Secret.of("ext-pass-1001"), "Front desk"),
                new Extension("sales2", "sales2", Secret.of("ext-pass-2"), "sales2")), c.extensions());
        assertEquals(List.of(new ConsoleToken("ops", Secret.of("0123456789abcdef-admin"), Role.SITE_ADMIN),
                new ConsoleToken("token-2", Secret.of("0123456789abcdef-view"), Role.VIEWER)), c.tokens());
        assertEquals(List.of(new ConsoleUser("alice", Secret.of("alice-password"), Role.OPERATOR)), c.users());
    }

    @Test
    void defaultsApplyAndDataDirIsRelativeToTheConfigDirectory() {
        ProxyConfig c = parse(ADDONS);
        assertEquals(DIR.toAbsolutePath().resolve("data"), c.dataDirectory());
        assertEquals(5060, c.sipPort());
        assertEquals(List.of(), c.extensions());
        assertEquals(List.of(), c.tokens());
        assertEquals(List.of(), c.users());
        assertEquals(DIR.toAbsolutePath().resolve("state"), parse(ADDONS + "[host]\ndata_dir = \"state\"\n").dataDirectory());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[proxy];addons = ['endpoint-manager'];prot = 1|unknown key 'proxy.prot'",
        "[proxy];addons = ['endpoint-manager'];[hots];data_dir = 'x'|unknown section 'hots'",
        "[proxy];addons = ['endpoint-manager'];[sip];prot = 5060|unknown key 'sip.prot'",
        "[proxy];addons = ['endpoint-manager'];[[extensions]];number = '1';password = 'p';pasword = 'q'|unknown key 'extensions[0].pasword'",
        "[proxy];addons = ['endpoint-manager'];[[console.tokens]];token = '0123456789abcdef';role = 'viewer';rol = 'x'|unknown key 'console.tokens[0].rol'",
        "[proxy];addons = ['endpoint-manager'];[console];timeout = 5|unknown key 'console.timeout'",
        "[sip];port = 5060|proxy.addons is required",
        "[proxy];addons = 'endpoint-manager'|proxy.addons must be a list of strings",
        "[proxy];addons = ['Endpoint Manager']|proxy.addons[0] is not an add-on id (lower-case letters, digits, -)",
        "[proxy];addons = ['a', 'a']|proxy.addons lists 'a' twice",
        "[proxy];addons = ['a'];[sip];port = 65536|sip.port must be an integer 0..65535",
        "[proxy];addons = ['a'];[host];data_dir = ''|host.data_dir must not be empty",
        "extensions = 5;[proxy];addons = ['a']|extensions must be an array of tables ([[extensions]])",
    })
    void rejectsBadFilesNamingTheKey(String body, String expected) {
        assertEquals(FILE + ": " + expected, failure(body.replace(";", "\n") + "\n"));
    }

    @Test
    void rolesMustBeKnown() {
        assertEquals(FILE + ": console.tokens[0].role must be one of viewer, operator, site_admin",
                failure(ADDONS + "[[console.tokens]]\ntoken = \"0123456789abcdef\"\nrole = \"admin\"\n"));
        assertEquals(FILE + ": console.users[0].role must be one of viewer, operator, site_admin",
                failure(ADDONS + "[[console.users]]\nusername = \"bob\"\npassword = \"bob-password\"\nrole = \"Viewer\"\n"));
    }

    @Test
    void tokensMustBeLongAndDistinctAndStayOutOfMessages() {
        String shortToken = failure(ADDONS + "[[console.tokens]]\ntoken = \"Zq9-too-short\"\nrole = \"viewer\"\n");
        assertEquals(FILE + ": console.tokens[0].token must be at least 16 characters", shortToken);

        String duplicate = failure(ADDONS + "[[console.tokens]]\ntoken = \"Zq9-0123456789abcdef\"\nrole = \"viewer\"\n"
                + "[[console.tokens]]\ntoken = \"Zq9-0123456789abcdef\"\nrole = \"site_admin\"\n");
        assertEquals(FILE + ": console.tokens[1].token is the same as console.tokens[0].token", duplicate);
        assertFalse(duplicate.contains("Zq9"));
    }

    @Test
    void extensionNumbersAreUniqueLettersAndDigits() {
        assertEquals(FILE + ": extensions[1].number duplicates extensions[0].number ('1001')",
                failure(ADDONS + "[[extensions]]\nnumber = \"1001\"\npassword = \"a\"\n"
                        + "[[extensions]]\nnumber = \"1001\"\npassword = \"b\"\n"));
        assertEquals(FILE + ": extensions[0].number must be 1 to 32 letters or digits",
                failure(ADDONS + "[[extensions]]\nnumber = \"10-01\"\npassword = \"a\"\n"));
        assertEquals(FILE + ": extensions[0].number must be a string",
                failure(ADDONS + "[[extensions]]\nnumber = 1001\npassword = \"a\"\n"));
        assertEquals(FILE + ": extensions[0].password is required",
                failure(ADDONS + "[[extensions]]\nnumber = \"1001\"\n"));
        assertEquals(FILE + ": extensions[0].name must be 1 to 64 characters without control characters",
                failure(ADDONS + "[[extensions]]\nnumber = \"1001\"\nname = \"a\\nb\"\npassword = \"a\"\n"));
    }

    @Test
    void consoleUsersAreCheckedAndPasswordsStayOutOfMessages() {
        String shortPassword = failure(ADDONS + "[[console.users]]\nusername = \"bob\"\npassword = \"Zq9\"\nrole = \"viewer\"\n");
        assertEquals(FILE + ": console.users[0].password must be at least 8 characters", shortPassword);
        assertEquals(FILE + ": console.users[1].username duplicates console.users[0].username ('bob')",
                failure(ADDONS + "[[console.users]]\nusername = \"bob\"\npassword = \"password1\"\nrole = \"viewer\"\n"
                        + "[[console.users]]\nusername = \"bob\"\npassword = \"password2\"\nrole = \"viewer\"\n"));
    }

    @Test
    void syntaxErrorsGiveTheLineWithoutTheValue() {
        String message = failure(ADDONS + "[[extensions]]\nnumber = \"1001\"\npassword = Zq9secret\n");
        assertTrue(message.startsWith(FILE + ": line 5, column "), message);
        assertFalse(message.contains("Zq9"), message);
    }

    @Test
    void loadNamesAMissingFile(@TempDir Path dir) throws Exception {
        String message = assertThrows(HostConfigException.class, () -> ProxyConfigLoader.load(dir)).getMessage();
        assertTrue(message.startsWith(FILE + ": not found at "), message);

        Files.writeString(dir.resolve(FILE), ADDONS);
        assertEquals(dir.toAbsolutePath().resolve("data"), ProxyConfigLoader.load(dir).dataDirectory());
    }
}
