package org.endpointmanager.host;

import java.io.PrintStream;
import java.util.Arrays;
import org.endpointmanager.host.config.HostConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar endpoint-manager-host.jar --config <dir>}: starts the add-ons named in
 * {@code <dir>/proxy.toml} and runs until the process is stopped.
 *
 * <p>Exit codes: 0 after {@code --help}, 1 when start-up fails (bad config, missing or failing
 * add-on), 2 for bad arguments.
 */
public final class HostMain {

    private static final Logger LOG = LoggerFactory.getLogger(HostMain.class);

    private HostMain() {
    }

    /** Entry point. */
    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Starts the host and blocks until it is shut down; returns the exit code on failure or help. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        HostCommandLine commandLine;
        try {
            commandLine = HostCommandLine.parse(Arrays.asList(args));
        } catch (IllegalArgumentException e) {
            err.println("endpoint-manager-host: " + e.getMessage());
            err.println(HostCommandLine.USAGE);
            return 2;
        }
        if (commandLine.help()) {
            out.println(HostCommandLine.USAGE);
            return 0;
        }
        AddonHost host;
        try {
            LOG.info("starting with config directory {}", commandLine.configDirectory().toAbsolutePath().normalize());
            host = AddonHost.start(commandLine.configDirectory());
        } catch (HostConfigException | HostStartException e) {
            // The message names the file, key or add-on; a stack trace would only bury it.
            LOG.error("start-up failed: {}", e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("shutting down");
            host.close();
        }, "host-shutdown"));
        LOG.info("host running with {} add-on(s); stop with Ctrl+C or SIGTERM", host.addons().size());
        try {
            host.awaitClose();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            host.close();
        }
        return 0;
    }
}
