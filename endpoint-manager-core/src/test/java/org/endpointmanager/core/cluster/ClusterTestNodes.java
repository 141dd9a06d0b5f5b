package org.endpointmanager.core.cluster;

import java.nio.file.Path;
import java.time.Clock;
import org.endpointmanager.core.EndpointManager;
import org.endpointmanager.core.config.ConfigLoader;
import org.endpointmanager.core.vendor.VendorRegistry;
import org.endpointmanager.testkit.TestingHostContext;
import org.endpointmanager.testkit.fixture.ExampleVendorPlugin;

/**
 * Engines for the several-nodes tests: each node has its own host directory under {@code root} and
 * its own loopback port, and they share one database URL and one secret key file.
 */
public final class ClusterTestNodes {

    private ClusterTestNodes() {
    }

    /** A started node with the key file {@code shared.key}, the system clock and nothing extra. */
    public static EndpointManager start(Path root, String name, String url) {
        return start(root, name, url, "shared.key", Clock.systemUTC(), "");
    }

    /**
     * A started node.
     *
     * @param keyFile the secret key's file name under {@code root} (another name: another key)
     * @param extraToml sections appended to the configuration
     */
    public static EndpointManager start(Path root, String name, String url, String keyFile, Clock clock,
            String extraToml) {
        TestingHostContext host = new TestingHostContext(root.resolve(name));
        String toml = """
                provision_url_base = "http://127.0.0.1:8080/provision"
                [http]
                bind = "127.0.0.1"
                port = 0
                [database]
                url = "%s"
                [secrets]
                key_file = "%s"
                """.formatted(url, root.resolve(keyFile).toString().replace("\\", "/")) + extraToml;
        VendorRegistry vendors = new VendorRegistry();
        vendors.install(new ExampleVendorPlugin());
        EndpointManager engine = EndpointManager.create(ConfigLoader.parse(toml, name + ".toml"), host, vendors, clock);
        engine.start();
        return engine;
    }
}
