package org.endpointmanager.core.tools;

import java.nio.file.Path;
import org.endpointmanager.core.config.ConfigLoader;
import org.endpointmanager.core.config.EndpointManagerConfig;
import org.endpointmanager.core.security.KeyRotation;

/**
 * {@code java -cp <jar> org.endpointmanager.core.tools.RotateKey --config <dir> [--data <dir>]}:
 * replaces the secret key of a stopped engine and re-encrypts every stored secret
 * ({@link KeyRotation}). The data directory defaults to {@code <config>/data/endpoint-manager}, where
 * the example host puts it.
 */
public final class RotateKey {

    private RotateKey() {
    }

    /** Entry point; exits 0 on success, 2 on bad arguments, 1 on failure. */
    public static void main(String[] args) {
        Path config = null;
        Path data = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                config = Path.of(args[++i]);
            } else if (args[i].equals("--data") && i + 1 < args.length) {
                data = Path.of(args[++i]);
            } else {
                System.err.println("usage: RotateKey --config <dir> [--data <dir>]");
                System.exit(2);
            }
        }
        if (config == null) {
            System.err.println("usage: RotateKey --config <dir> [--data <dir>]");
            System.exit(2);
        }
        try {
            KeyRotation.Result r = run(config, data == null ? config.resolve("data").resolve("endpoint-manager") : data);
            System.out.println("key " + r.oldKeyId() + " replaced by " + r.newKeyId() + "; " + r.values()
                    + " secrets re-encrypted; old key kept in " + r.backup().map(Path::toString).orElse("-"));
        } catch (RuntimeException e) {
            System.err.println("key rotation failed, nothing changed unless said otherwise: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Rotates the key of the engine configured in {@code configDir}. */
    public static KeyRotation.Result run(Path configDir, Path dataDir) {
        EndpointManagerConfig config = ConfigLoader.load(configDir.resolve(ConfigLoader.FILE_NAME));
        return KeyRotation.rotate(config, dataDir);
    }
}
