package org.endpointmanager.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.endpointmanager.api.host.Addon;
import org.endpointmanager.api.host.HostContext;
import org.endpointmanager.api.host.Principal;
import org.endpointmanager.api.host.Role;
import org.endpointmanager.host.config.HostConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostAddonLoadingTest {

    private static final String EXTENSIONS_AND_TOKENS = """
            [[extensions]]
            number = "1001"
            name = "Front desk"
            password = "ext-pass-1001"
            [[console.tokens]]
            token = "operator-0123456789abcdef"
            role = "operator"
            [sip]
            bind = "127.0.0.1"
            port = 0
            """;

    @TempDir
    Path config;

    private void writeProxyToml(String addons) throws IOException {
        Files.writeString(config.resolve("proxy.toml"), "[proxy]\naddons = " + addons + "\n" + EXTENSIONS_AND_TOKENS);
    }

    @Test
    void aClassPathAddonIsStartedWithTheHostContext() throws Exception {
        writeProxyToml("[\"recording\"]");

        try (AddonHost host = AddonHost.start(config)) {
            assertEquals(1, host.addons().size());
            RecordingAddon addon = (RecordingAddon) host.addons().get(0);
            HostContext context = addon.context();

            assertEquals(config.toAbsolutePath().normalize(), context.configDirectory());
            assertEquals(config.toAbsolutePath().normalize().resolve("data").resolve("recording"),
                    context.dataDirectory());
            assertTrue(Files.isDirectory(context.dataDirectory()));
            assertEquals("Front desk", context.userDirectory().find("1001").orElseThrow().displayName());
            assertEquals("ext-pass-1001", context.userDirectory().find("1001").orElseThrow().password().reveal());
            assertEquals(Optional.empty(), context.userDirectory().find("1002"));
            assertEquals(Optional.of(new Principal("token-1", Role.OPERATOR)),
                    context.consoleAuthenticator().authenticateToken("operator-0123456789abcdef"));
            assertEquals(List.of(), context.registrationFeed().current());
            assertSame(host.pluginClassLoader(), context.pluginClassLoader());
            assertSame(host.pluginClassLoader(), addon.contextClassLoader());
        }
    }

    @Test
    void closingTheHostClosesItsAddons() throws Exception {
        writeProxyToml("[\"recording\"]");
        AddonHost host = AddonHost.start(config);
        RecordingAddon addon = (RecordingAddon) host.addons().get(0);

        host.close();
        host.awaitClose();

        assertTrue(addon.closed());
    }

    @Test
    void anAddonJarDroppedIntoPluginsIsStarted() throws Exception {
        Path plugins = Files.createDirectories(config.resolve("plugins"));
        buildAddonJar(plugins.resolve("dropped-addon.jar"));
        writeProxyToml("[\"dropped\"]");

        try (AddonHost host = AddonHost.start(config)) {
            Addon addon = host.addons().get(0);
            assertEquals("dropped", addon.id());
            assertSame(host.pluginClassLoader(), addon.getClass().getClassLoader());
            assertThrows(ClassNotFoundException.class, () -> Class.forName("sample.plugin.DroppedAddon"));
            Path marker = config.resolve("data").resolve("dropped").resolve("started.txt");
            assertEquals("Front desk", Files.readString(marker));
        }
    }

    @Test
    void anUnknownAddonIdStopsStartUpNamingItAndWhatWasFound() throws Exception {
        writeProxyToml("[\"recording\", \"endpoint-mangaer\"]");

        String message = assertThrows(HostStartException.class, () -> AddonHost.start(config)).getMessage();

        assertTrue(message.startsWith("no add-on with id 'endpoint-mangaer' (found: "), message);
        assertTrue(message.contains("failing, recording"), message);
    }

    @Test
    void aFailingAddonStopsStartUpAndClosesThoseAlreadyStarted() throws Exception {
        writeProxyToml("[\"recording\", \"failing\"]");

        String message = assertThrows(HostStartException.class, () -> AddonHost.start(config)).getMessage();

        assertEquals("add-on 'failing' failed to start: failing.toml: unknown key 'x'", message);
        assertTrue(Files.exists(config.resolve("data/recording/closed.txt")), "recording was closed again");
    }

    @Test
    void anInvalidProxyTomlStopsStartUp() throws Exception {
        Files.writeString(config.resolve("proxy.toml"), "[proxy]\naddons = [\"recording\"]\nadons = []\n");

        String message = assertThrows(HostConfigException.class, () -> AddonHost.start(config)).getMessage();

        assertEquals("proxy.toml: unknown key 'proxy.adons'", message);
    }

    @Test
    void mainReportsFailureWithExitCodeOne() throws Exception {
        writeProxyToml("[\"no-such-addon\"]");
        assertEquals(1, HostMain.run(new String[] {"--config", config.toString()}, System.out, System.err));
    }

    /** Compiles a tiny add-on against the api and jars it with its service entry. */
    private static void buildAddonJar(Path jar) throws Exception {
        Path work = Files.createTempDirectory("dropped-addon");
        Path source = work.resolve("src/sample/plugin/DroppedAddon.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, """
                package sample.plugin;

                import java.nio.file.Files;
                import org.endpointmanager.api.host.Addon;
                import org.endpointmanager.api.host.HostContext;

                public final class DroppedAddon implements Addon {
                    @Override
                    public String id() {
                        return "dropped";
                    }

                    @Override
                    public void start(HostContext context) throws Exception {
                        String name = context.userDirectory().find("1001").orElseThrow().displayName();
                        Files.writeString(context.dataDirectory().resolve("started.txt"), name);
                    }

                    @Override
                    public void close() {
                    }
                }
                """);
        Path classes = Files.createDirectories(work.resolve("classes"));
        String apiLocation = Path.of(Addon.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int result = compiler.run(null, null, null, "--release", "17", "-classpath", apiLocation,
                "-d", classes.toString(), source.toString());
        assertEquals(0, result, "compiling the test add-on");

        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                    Files.copy(file, out);
                    out.closeEntry();
                }
            }
            out.putNextEntry(new JarEntry("META-INF/services/org.endpointmanager.api.host.Addon"));
            write(out, "sample.plugin.DroppedAddon\n");
            out.closeEntry();
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }
}
