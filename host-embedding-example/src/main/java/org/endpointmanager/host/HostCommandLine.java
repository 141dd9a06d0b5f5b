package org.endpointmanager.host;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The host's arguments: {@code --config <dir>} (default {@code ./config}) or {@code --help}.
 *
 * @param configDirectory the config directory
 * @param help whether usage was asked for
 */
record HostCommandLine(Path configDirectory, boolean help) {

    static final String USAGE = String.join(System.lineSeparator(),
            "usage: java -jar endpoint-manager-host.jar [--config <dir>]",
            "",
            "  --config <dir>   directory holding proxy.toml, the add-ons' files (endpoint_manager.toml)",
            "                   and the plugins/ folder; default ./config",
            "  --help           print this help",
            "",
            "Set -Dhost.log.level=DEBUG for stack traces of start-up failures.");

    HostCommandLine {
        Objects.requireNonNull(configDirectory, "configDirectory is null");
    }

    /** Parses the arguments; an unknown or incomplete one throws with a message for the user. */
    static HostCommandLine parse(List<String> args) {
        Path config = Path.of("config");
        boolean configSeen = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String value;
            if (arg.equals("--help") || arg.equals("-h")) {
                return new HostCommandLine(config, true);
            } else if (arg.equals("--config")) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("--config needs a directory");
                }
                value = args.get(++i);
            } else if (arg.startsWith("--config=")) {
                value = arg.substring("--config=".length());
            } else {
                throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
            if (configSeen) {
                throw new IllegalArgumentException("--config is given twice");
            }
            if (value.isBlank()) {
                throw new IllegalArgumentException("--config needs a directory");
            }
            try {
                config = Path.of(value);
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("--config '" + value + "' is not a valid path");
            }
            configSeen = true;
        }
        return new HostCommandLine(config, false);
    }
}
