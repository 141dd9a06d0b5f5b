package org.endpointmanager.core.console;

import static org.endpointmanager.testkit.TestingHostContext.ADMIN_TOKEN;
import static org.endpointmanager.testkit.TestingHostContext.VIEWER_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.endpointmanager.api.host.Registration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code auto_bind}: off, a phone that registers unprovisioned only appears in Discovery; on, it is
 * adopted bound to the extension it registered as and gets its file; an extension the host's
 * directory does not have is refused and the phone stays in Discovery.
 */
class AutoBindTest {

    @TempDir
    Path root;

    private static Registration registration(String extension, String mac) {
        return new Registration(extension, "sip:" + extension + "@127.0.0.1:5062", "127.0.0.1", 5062, "udp",
                Optional.of("ExamplePhone EP200 1.2.3 " + mac), Instant.now(), Instant.now().plusSeconds(300));
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not within 5 s: " + what);
    }

    private static boolean inDiscovery(EngineFixture f, String colons) {
        try {
            return f.get("/console/endpoint-manager/discovery", VIEWER_TOKEN).body().contains(colons);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int device(EngineFixture f, String mac) {
        try {
            return f.get("/console/endpoint-manager/devices/" + mac, VIEWER_TOKEN).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aRegisteredPhoneIsAdoptedOnlyWithAutoBindOn() throws Exception {
        try (EngineFixture f = new EngineFixture(root)) {
            f.host.register(registration("1001", "02e3a1777701"));
            await(() -> inDiscovery(f, "02:e3:a1:77:77:01"), "the phone in Discovery");
            assertEquals(404, device(f, "02e3a1777701"), "auto_bind is off by default: no device");

            HttpResponse<String> on = f.post("/console/endpoint-manager/settings", ADMIN_TOKEN, "{\"auto_bind\":true}");
            assertEquals(200, on.statusCode(), on.body());

            f.host.register(registration("1002", "02e3a1777702"));
            await(() -> device(f, "02e3a1777702") == 200, "the phone adopted");
            String body = f.get("/console/endpoint-manager/devices/02e3a1777702", VIEWER_TOKEN).body();
            assertTrue(body.contains("\"1002\""), "bound to the extension it registered as: " + body);
            assertFalse(inDiscovery(f, "02:e3:a1:77:77:02"), "no longer waiting in Discovery");
            HttpResponse<String> file = f.fetch("/provision/02e3a1777702", "ExamplePhone EP200 1.2.3 02e3a1777702");
            assertEquals(200, file.statusCode());
            assertTrue(file.body().contains("line.1.user=1002"), file.body());
            String audit = f.get("/console/endpoint-manager/audit", ADMIN_TOKEN).body();
            assertTrue(audit.contains("system:auto_bind"), "the adoption is audited as the system's");

            f.host.register(registration("4444", "02e3a1777703"));
            await(() -> inDiscovery(f, "02:e3:a1:77:77:03"), "the phone in Discovery");
            Thread.sleep(200);
            assertEquals(404, device(f, "02e3a1777703"), "an extension the directory lacks is not bound");
            assertEquals(404, device(f, "02e3a1777701"), "a phone seen before the switch stays until it registers again");
        }
    }
}
