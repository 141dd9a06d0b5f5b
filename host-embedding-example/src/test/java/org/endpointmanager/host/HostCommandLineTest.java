package org.endpointmanager.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostCommandLineTest {

    @Test
    void defaultsToTheConfigFolder() {
        assertEquals(new HostCommandLine(Path.of("config"), false), HostCommandLine.parse(List.of()));
    }

    @Test
    void takesConfigInBothSpellings() {
        assertEquals(Path.of("/etc/pbx"), HostCommandLine.parse(List.of("--config", "/etc/pbx")).configDirectory());
        assertEquals(Path.of("/etc/pbx"), HostCommandLine.parse(List.of("--config=/etc/pbx")).configDirectory());
    }

    @Test
    void rejectsUnknownAndIncompleteArguments() {
        assertEquals("unknown argument '--conf'",
                assertThrows(IllegalArgumentException.class, () -> HostCommandLine.parse(List.of("--conf", "x"))).getMessage());
        assertEquals("--config needs a directory",
                assertThrows(IllegalArgumentException.class, () -> HostCommandLine.parse(List.of("--config"))).getMessage());
        assertEquals("--config is given twice",
                assertThrows(IllegalArgumentException.class,
                        () -> HostCommandLine.parse(List.of("--config", "a", "--config", "b"))).getMessage());
    }

    @Test
    void helpPrintsUsageAndExitsZero() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = HostMain.run(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertEquals(0, code);
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("usage: java -jar endpoint-manager-host.jar"));
    }

    @Test
    void badArgumentsExitTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = HostMain.run(new String[] {"--bogus"}, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("endpoint-manager-host: unknown argument '--bogus'"));
    }
}
