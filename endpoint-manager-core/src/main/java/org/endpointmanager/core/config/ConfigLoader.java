package org.endpointmanager.core.config;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.endpointmanager.api.Secret;
import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;

/**
 * Reads {@code endpoint_manager.toml} into an {@link EndpointManagerConfig}. Every key is checked
 * for type and range; unknown sections and keys are errors, so a typo never falls back to a
 * default silently. Messages name the file and the key, never a secret's value.
 */
public final class ConfigLoader {

    /** The add-on's file name inside the host's config directory. */
    public static final String FILE_NAME = "endpoint_manager.toml";

    private static final long MAX_FILE_BYTES = 1024 * 1024;
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Pattern INTERFACE_NAME = Pattern.compile("[A-Za-z0-9._:@-]{1,64}");
    private static final List<String> JDBC_PREFIXES = List.of("jdbc:sqlite:", "jdbc:mysql:", "jdbc:postgresql:");

    private ConfigLoader() {
    }

    /** Reads and validates the file. */
    public static EndpointManagerConfig load(Path file) {
        Objects.requireNonNull(file, "file is null");
        String name = String.valueOf(file.getFileName());
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new ConfigException(name + ": file is larger than 1 MiB");
            }
            return parse(Files.readString(file), name);
        } catch (NoSuchFileException e) {
            throw new ConfigException(name + ": not found at " + file.toAbsolutePath(), e);
        } catch (CharacterCodingException e) {
            throw new ConfigException(name + ": not valid UTF-8", e);
        } catch (IOException e) {
            throw new ConfigException(name + ": cannot read " + file.toAbsolutePath() + " (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Parses and validates TOML text.
     *
     * @param toml the file's content
     * @param sourceName the file name to put in messages
     */
    public static EndpointManagerConfig parse(String toml, String sourceName) {
        Objects.requireNonNull(toml, "toml is null");
        Objects.requireNonNull(sourceName, "sourceName is null");
        TomlParseResult result;
        try {
            result = Toml.parse(toml);
        } catch (RuntimeException | AssertionError e) {
            // tomlj trips over some malformed escapes (a short \U...) instead of reporting them (found by fuzzing)
            throw new ConfigException(sourceName + ": not valid TOML (a malformed escape or value)", e);
        } catch (StackOverflowError e) {
            // tomlj parses nested arrays and inline tables recursively (found by fuzzing: "a = [[[[...")
            throw new ConfigException(sourceName + ": not valid TOML (arrays or tables nested too deeply)");
        }
        if (result.hasErrors()) {
            TomlParseError first = result.errors().get(0);
            throw new ConfigException(sourceName + ": line " + first.position().line() + ", column "
                    + first.position().column() + ": " + withoutInput(first.getMessage()));
        }
        TomlSection root = TomlSection.root(sourceName, result);
        EndpointManagerConfig config = new EndpointManagerConfig(
                provisionUrlBase(root),
                http(root.section("http")),
                database(root.section("database")),
                secrets(root.section("secrets")),
                sip(root.section("sip")),
                pnp(root.section("pnp")),
                tftp(root.section("tftp")),
                provisioning(root.section("provisioning")),
                control(root.section("control")),
                firmware(root.section("firmware")),
                tls(root.section("tls")));
        root.rejectUnknownKeys();
        checkPorts(root, config);
        return config;
    }

    /** Every default, with the given provisioning URL; for tests and embedders. */
    public static EndpointManagerConfig defaults(String provisionUrlBase) {
        return parse("provision_url_base = \"" + Toml.tomlEscape(provisionUrlBase) + "\"\n", "defaults");
    }

    private static String provisionUrlBase(TomlSection root) {
        String key = "provision_url_base";
        String text = root.requiredString(key);
        String problem = " must be an http or https URL with a host and no query or fragment";
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw root.error(key + problem);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getHost().isEmpty()
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw root.error(key + problem);
        }
        // Stored without the trailing slash so consumers append "/{mac}" the same way either way.
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    private static EndpointManagerConfig.Http http(TomlSection s) {
        var http = new EndpointManagerConfig.Http(s.bool("enabled", true), bind(s, "bind"), s.port("port", 8080));
        s.rejectUnknownKeys();
        return http;
    }

    private static EndpointManagerConfig.Database database(TomlSection s) {
        String url = s.string("url", "jdbc:sqlite:endpoint-manager.db");
        if (JDBC_PREFIXES.stream().noneMatch(url::startsWith) || url.length() > 2048) {
            throw s.error(s.name("url") + " must be a JDBC URL starting with " + String.join(", ", JDBC_PREFIXES));
        }
        var database = new EndpointManagerConfig.Database(url, s.optionalString("username"),
                s.optionalSecret("password"), (int) s.integer("max_pool_size", 10, 1, 1000));
        s.rejectUnknownKeys();
        return database;
    }

    private static EndpointManagerConfig.Secrets secrets(TomlSection s) {
        String keyFile = s.string("key_file", "secret.key");
        Path path;
        try {
            path = Path.of(keyFile);
        } catch (InvalidPathException e) {
            throw s.error(s.name("key_file") + " is not a valid path");
        }
        if (keyFile.isBlank()) {
            throw s.error(s.name("key_file") + " must not be empty");
        }
        String keyEnv = s.string("key_env", "EM_SECRET_KEY");
        if (!ENV_NAME.matcher(keyEnv).matches()) {
            throw s.error(s.name("key_env") + " must be an environment variable name (letters, digits, _)");
        }
        s.rejectUnknownKeys();
        return new EndpointManagerConfig.Secrets(path, keyEnv);
    }

    private static EndpointManagerConfig.Sip sip(TomlSection s) {
        String bind = bind(s, "bind");
        int port = s.port("port", 5090);
        long t1 = s.integer("t1_ms", 500, 1, 60_000);
        long timeout = s.integer("transaction_timeout_ms", 64 * t1, 1, 600_000);
        if (timeout < t1) {
            throw s.error(s.name("transaction_timeout_ms") + " must be at least sip.t1_ms");
        }
        s.rejectUnknownKeys();
        return new EndpointManagerConfig.Sip(bind, port, t1, timeout);
    }

    private static EndpointManagerConfig.Pnp pnp(TomlSection s) {
        boolean enabled = s.bool("enabled", false);
        String group = s.string("group", "224.0.1.75");
        if (!AddressRules.isIpv4Multicast(group)) {
            throw s.error(s.name("group") + " must be an IPv4 multicast address (224.0.0.0/4)");
        }
        int port = s.port("port", 5060);
        List<String> interfaces = s.strings("interfaces");
        for (int i = 0; i < interfaces.size(); i++) {
            if (!INTERFACE_NAME.matcher(interfaces.get(i)).matches()) {
                throw s.error(s.name("interfaces") + "[" + i + "] is not a network interface name");
            }
        }
        s.rejectUnknownKeys();
        return new EndpointManagerConfig.Pnp(enabled, group, port, interfaces);
    }

    private static EndpointManagerConfig.Tftp tftp(TomlSection s) {
        var tftp = new EndpointManagerConfig.Tftp(s.bool("enabled", false), bind(s, "bind"), s.port("port", 69));
        s.rejectUnknownKeys();
        return tftp;
    }

    private static EndpointManagerConfig.Provisioning provisioning(TomlSection s) {
        List<String> subnets = cidrs(s, "allowed_subnets");
        Optional<Secret> signingKey = s.optionalSecret("signing_key");
        if (signingKey.isPresent() && signingKey.get().reveal().length() < 16) {
            throw s.error(s.name("signing_key") + " must be at least 16 characters");
        }
        boolean requireSignature = s.bool("require_signature", false);
        if (requireSignature && signingKey.isEmpty()) {
            throw s.error(s.name("require_signature") + " needs provisioning.signing_key");
        }
        var provisioning = new EndpointManagerConfig.Provisioning(subnets, signingKey, requireSignature,
                (int) s.integer("lockout_misses", 20, 1, 100_000),
                (int) s.integer("lockout_window_seconds", 60, 1, 86_400),
                (int) s.integer("lockout_seconds", 600, 1, 7 * 86_400));
        s.rejectUnknownKeys();
        return provisioning;
    }

    private static EndpointManagerConfig.Control control(TomlSection s) {
        var control = new EndpointManagerConfig.Control(cidrs(s, "allowed_subnets"), s.bool("allow_loopback", false));
        s.rejectUnknownKeys();
        return control;
    }

    private static EndpointManagerConfig.Firmware firmware(TomlSection s) {
        int maxFile = (int) s.integer("max_file_mb", 80, 1, 4096);
        int maxTotal = (int) s.integer("max_total_mb", 300, 1, 1_048_576);
        if (maxFile > maxTotal) {
            throw s.error(s.name("max_file_mb") + " must not exceed firmware.max_total_mb");
        }
        s.rejectUnknownKeys();
        return new EndpointManagerConfig.Firmware(maxFile, maxTotal);
    }

    private static EndpointManagerConfig.Tls tls(TomlSection s) {
        Optional<String> keystoreText = s.optionalString("keystore");
        Optional<Path> keystore;
        try {
            keystore = keystoreText.filter(t -> !t.isBlank()).map(Path::of);
        } catch (InvalidPathException e) {
            throw s.error(s.name("keystore") + " is not a valid path");
        }
        if (keystoreText.isPresent() && keystore.isEmpty()) {
            throw s.error(s.name("keystore") + " must not be empty");
        }
        Optional<Secret> password = s.optionalSecret("keystore_password");
        if (password.isPresent() && keystore.isEmpty()) {
            throw s.error(s.name("keystore_password") + " is set but tls.keystore is not");
        }
        var tls = new EndpointManagerConfig.Tls(keystore, password, s.port("https_port", 8443),
                s.bool("http_enabled", true));
        s.rejectUnknownKeys();
        return tls;
    }

    private static void checkPorts(TomlSection root, EndpointManagerConfig config) {
        var http = config.http();
        var tls = config.tls();
        if (tls.keystore().isPresent() && http.enabled() && tls.httpEnabled() && http.port() != 0
                && http.port() == tls.httpsPort()) {
            throw root.error("tls.https_port must differ from http.port");
        }
    }

    private static String bind(TomlSection s, String key) {
        String text = s.string(key, "0.0.0.0");
        if (AddressRules.ipLiteral(text).isEmpty()) {
            throw s.error(s.name(key) + " must be an IP address literal such as 0.0.0.0 or ::");
        }
        return text;
    }

    private static List<String> cidrs(TomlSection s, String key) {
        List<String> values = s.strings(key);
        for (int i = 0; i < values.size(); i++) {
            Optional<String> problem = AddressRules.cidrProblem(values.get(i));
            if (problem.isPresent()) {
                throw s.error(s.name(key) + "[" + i + "] '" + values.get(i) + "' " + problem.get());
            }
        }
        return values;
    }

    // tomlj quotes the offending character; a syntax error on a password line must not leak it.
    private static String withoutInput(String message) {
        return message.replaceFirst("^Unexpected '.*?', expected", "Unexpected character, expected");
    }
}
