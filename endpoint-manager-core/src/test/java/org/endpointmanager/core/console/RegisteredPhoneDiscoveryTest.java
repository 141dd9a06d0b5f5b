package org.endpointmanager.core.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.endpointmanager.api.host.Registration;
import org.endpointmanager.testkit.TestingHostContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hardware phone that registers but is not provisioned shows up in Discovery. */
class RegisteredPhoneDiscoveryTest {

    @TempDir
    Path root;

    @Test
    void unknownRegisteredPhoneIsDiscovered() throws Exception {
        try (EngineFixture f = new EngineFixture(root)) {
            f.host.register(new Registration("1001", "sip:1001@127.0.0.1:5062", "127.0.0.1", 5062, "udp",
                    Optional.of("ExamplePhone EP200 1.2.3 02e3a1777777"), Instant.now(), Instant.now().plusSeconds(300)));
            String list = "";
            for (int i = 0; i < 50 && !list.contains("02:e3:a1:77:77:77"); i++) {
                list = f.get("/console/endpoint-manager/discovery", TestingHostContext.VIEWER_TOKEN).body();
                Thread.sleep(50);
            }
            assertTrue(list.contains("02:e3:a1:77:77:77"), list);
            assertTrue(list.contains("registration"), list);
            assertEquals(200, f.get("/console/endpoint-manager/registrations/stats", TestingHostContext.VIEWER_TOKEN).statusCode());
        }
    }
}
