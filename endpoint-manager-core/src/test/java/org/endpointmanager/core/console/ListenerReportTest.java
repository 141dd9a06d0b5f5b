package org.endpointmanager.core.console;

import static org.endpointmanager.testkit.TestingHostContext.ADMIN_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.endpointmanager.api.host.HostContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host is told every port the add-on listens on, and again when a setting switches one. */
class ListenerReportTest {

    @TempDir
    Path root;

    private static boolean has(List<HostContext.Listener> listeners, String name) {
        return listeners.stream().anyMatch(l -> l.name().equals(name));
    }

    @Test
    void tftpSwitchedAtRuntimeIsReportedToTheHost() throws Exception {
        try (EngineFixture f = new EngineFixture(root, "[tftp]\nenabled = true\nbind = \"127.0.0.1\"\nport = 0\n")) {
            List<List<HostContext.Listener>> reports = f.host.reportedListeners();
            assertFalse(reports.isEmpty());
            List<HostContext.Listener> first = reports.get(reports.size() - 1);
            assertTrue(has(first, "http"), first.toString());
            assertEquals(f.engine.port(), first.stream().filter(l -> l.name().equals("http")).findFirst().orElseThrow().port());
            boolean tftpOn = has(first, "tftp");

            assertEquals(200, f.post("/console/endpoint-manager/settings", ADMIN_TOKEN,
                    "{\"tftp_enabled\": " + !tftpOn + "}").statusCode());
            List<HostContext.Listener> after = f.host.reportedListeners().get(f.host.reportedListeners().size() - 1);
            assertEquals(!tftpOn, has(after, "tftp"), after.toString());
            assertTrue(has(after, "http"));
            assertEquals(!tftpOn, f.engine.tftp().port().isPresent());

            int count = f.host.reportedListeners().size();
            assertEquals(200, f.post("/console/endpoint-manager/settings", ADMIN_TOKEN, "{\"pbx_host\": \"pbx.example.com\"}")
                    .statusCode());
            assertEquals(count, f.host.reportedListeners().size(), "an unrelated change reports nothing");
        }
    }
}
