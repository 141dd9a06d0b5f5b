package org.endpointmanager.core.pnp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The one test that really joins 224.0.1.75: in a child JVM inside a network namespace this test
 * creates ({@code unshare -n}, {@code lo} up, 224.0.0.0/4 routed to {@code lo}), so nothing is ever
 * multicast on the machine's interfaces. Skipped only when creating a namespace is not permitted.
 */
class PnpMulticastNamespaceTest {

    @Test
    void joinsTheGroupAndAnswersAMulticastSubscribe() throws Exception {
        boolean required = "true".equals(System.getenv("CI")) || "1".equals(System.getenv("EM_REQUIRE_DBS"));
        if (required && !unshareWorks()) {
            throw new AssertionError("unshare -n is required in CI (run as root with util-linux and iproute2 installed)");
        }
        assumeTrue(unshareWorks(), "unshare -n is not permitted here (CI runs as root with util-linux and iproute2)");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder("unshare", "-n", "sh", "-c",
                "ip link set lo up && ip route add 224.0.0.0/4 dev lo && exec \"$EM_JAVA\" -cp \"$EM_CP\" "
                        + PnpMulticastProbe.class.getName());
        pb.environment().put("EM_JAVA", java);
        pb.environment().put("EM_CP", System.getProperty("java.class.path"));
        pb.redirectErrorStream(true);
        Process child = pb.start();
        // A hung child must not hang the build; the probe itself gives up after 15 s.
        boolean finished = child.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            child.destroyForcibly();
        }
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(finished, "the probe did not finish: " + output);
        assertEquals(0, child.exitValue(), output);
        assertTrue(output.contains("PNP-RESULT ok http://192.0.2.1/provision/"), output);
    }

    private static boolean unshareWorks() {
        try {
            Process p = new ProcessBuilder("unshare", "-n", "sh", "-c", "ip link set lo up").redirectErrorStream(true).start();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
