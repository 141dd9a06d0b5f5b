package org.endpointmanager.host.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.endpointmanager.api.Secret;
import org.endpointmanager.api.host.Extension;
import org.endpointmanager.api.host.Role;
import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;

/**
 * Reads the host's {@code proxy.toml}. Unknown sections and keys stop start-up naming the key;
 * messages never contain a password or token.
 */
public final class ProxyConfigLoader {

    /** The host's file name inside the config directory. */
    public static final String FILE_NAME = "proxy.toml";

    /** Tokens shorter than this are guessable. */
    public static final int MIN_TOKEN_LENGTH = 16;

    /** Console passwords shorter than this are refused. */
    public static final int MIN_PASSWORD_LENGTH = 8;

    private static final long MAX_FILE_BYTES = 1024 * 1024;
    private static final Pattern ADDON_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern EXTENSION_NUMBER = Pattern.compile("[A-Za-z0-9]{1,32}");
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final int MAX_NAME_LENGTH = 64;
    private static final Pattern PIN = Pattern.compile("[0-9]{4,16}");
    private static final Pattern SIP_BIND = Pattern.compile("[A-Za-z0-9.:\\-]{1,253}");

    private ProxyConfigLoader() {
    }

    /** Reads {@code <configDirectory>/proxy.toml}. */
    public static ProxyConfig load(Path configDirectory) {
        Objects.requireNonNull(configDirectory, "configDirectory is null");
        Path file = configDirectory.resolve(FILE_NAME);
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new HostConfigException(FILE_NAME + ": file is larger than 1 MiB");
            }
            return parse(Files.readString(file), FILE_NAME, configDirectory);
        } catch (NoSuchFileException e) {
            throw new HostConfigException(FILE_NAME + ": not found at " + file.toAbsolutePath()
                    + " (start with --config <dir>)", e);
        } catch (CharacterCodingException e) {
            throw new HostConfigException(FILE_NAME + ": not valid UTF-8", e);
        } catch (IOException e) {
            throw new HostConfigException(FILE_NAME + ": cannot read " + file.toAbsolutePath()
                    + " (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Parses and validates TOML text.
     *
     * @param toml the file's content
     * @param sourceName the file name for messages
     * @param configDirectory the directory relative paths are resolved against
     */
    public static ProxyConfig parse(String toml, String sourceName, Path configDirectory) {
        Objects.requireNonNull(toml, "toml is null");
        Objects.requireNonNull(sourceName, "sourceName is null");
        Objects.requireNonNull(configDirectory, "configDirectory is null");
        TomlParseResult result = Toml.parse(toml);
        if (result.hasErrors()) {
            TomlParseError first = result.errors().get(0);
            // tomlj quotes the offending character; on a password line that is part of a secret.
            String message = first.getMessage().replaceFirst("^Unexpected '.*?', expected", "Unexpected character, expected");
            throw new HostConfigException(sourceName + ": line " + first.position().line() + ", column "
                    + first.position().column() + ": " + message);
        }
        TomlSection root = TomlSection.root(sourceName, result);
        Path configDir = configDirectory.toAbsolutePath().normalize();

        TomlSection proxy = root.section("proxy");
        List<String> addons = addons(proxy);
        proxy.rejectUnknownKeys();

        TomlSection host = root.section("host");
        Path dataDirectory = dataDirectory(host, configDir);
        host.rejectUnknownKeys();

        TomlSection sip = root.section("sip");
        int sipPort = (int) sip.integer("port", 5060, 0, 65535);
        String sipBind = sip.optionalString("bind").orElse("0.0.0.0");
        if (!SIP_BIND.matcher(sipBind).matches()) {
            throw sip.error(sip.name("bind") + " must be an IP address or host name");
        }
        sip.rejectUnknownKeys();

        Map<String, Secret> pins = new HashMap<>();
        List<Extension> extensions = extensions(root.tables("extensions"), pins);

        TomlSection console = root.section("console");
        List<ConsoleToken> tokens = tokens(console.tables("tokens"));
        List<ConsoleUser> users = users(console.tables("users"));
        console.rejectUnknownKeys();

        root.rejectUnknownKeys();
        return new ProxyConfig(configDir, addons, dataDirectory, sipPort, extensions, tokens, users, sipBind, pins);
    }

    private static List<String> addons(TomlSection proxy) {
        List<String> addons = proxy.requiredStrings("addons");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < addons.size(); i++) {
            String id = addons.get(i);
            if (!ADDON_ID.matcher(id).matches()) {
                throw proxy.error(proxy.name("addons") + "[" + i + "] is not an add-on id (lower-case letters, digits, -)");
            }
            if (!seen.add(id)) {
                throw proxy.error(proxy.name("addons") + " lists '" + id + "' twice");
            }
        }
        return addons;
    }

    private static Path dataDirectory(TomlSection host, Path configDir) {
        String text = host.optionalString("data_dir").orElse("data");
        if (text.isBlank()) {
            throw host.error(host.name("data_dir") + " must not be empty");
        }
        try {
            return configDir.resolve(text).normalize();
        } catch (InvalidPathException e) {
            throw host.error(host.name("data_dir") + " is not a valid path");
        }
    }

    private static List<Extension> extensions(List<TomlSection> entries, Map<String, Secret> pins) {
        List<Extension> extensions = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (TomlSection e : entries) {
            String number = e.requiredString("number");
            if (!EXTENSION_NUMBER.matcher(number).matches()) {
                throw e.error(e.name("number") + " must be 1 to 32 letters or digits");
            }
            String previous = seen.putIfAbsent(number, e.name("number"));
            if (previous != null) {
                throw e.error(e.name("number") + " duplicates " + previous + " ('" + number + "')");
            }
            String name = e.optionalString("name").orElse(number);
            checkDisplayText(e, "name", name);
            String password = e.requiredString("password");
            if (password.isEmpty()) {
                throw e.error(e.name("password") + " must not be empty");
            }
            Optional<String> pin = e.optionalString("pin");
            if (pin.isPresent()) {
                if (!PIN.matcher(pin.get()).matches()) {
                    throw e.error(e.name("pin") + " must be 4 to 16 digits (it is dialled after the star code)");
                }
                pins.put(number, Secret.of(pin.get()));
            }
            e.rejectUnknownKeys();
            extensions.add(new Extension(number, number, Secret.of(password), name));
        }
        return extensions;
    }

    private static List<ConsoleToken> tokens(List<TomlSection> entries) {
        List<ConsoleToken> tokens = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            TomlSection t = entries.get(i);
            String token = t.requiredString("token");
            if (token.length() < MIN_TOKEN_LENGTH || token.isBlank()) {
                throw t.error(t.name("token") + " must be at least " + MIN_TOKEN_LENGTH + " characters");
            }
            String previous = seen.putIfAbsent(token, t.name("token"));
            if (previous != null) {
                throw t.error(t.name("token") + " is the same as " + previous);
            }
            Role role = role(t);
            String name = t.optionalString("name").orElse("token-" + (i + 1));
            checkDisplayText(t, "name", name);
            t.rejectUnknownKeys();
            tokens.add(new ConsoleToken(name, Secret.of(token), role));
        }
        return tokens;
    }

    private static List<ConsoleUser> users(List<TomlSection> entries) {
        List<ConsoleUser> users = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (TomlSection u : entries) {
            String username = u.requiredString("username");
            if (!USERNAME.matcher(username).matches()) {
                throw u.error(u.name("username") + " must be 1 to 64 letters, digits or . _ @ -");
            }
            String previous = seen.putIfAbsent(username, u.name("username"));
            if (previous != null) {
                throw u.error(u.name("username") + " duplicates " + previous + " ('" + username + "')");
            }
            String password = u.requiredString("password");
            if (password.length() < MIN_PASSWORD_LENGTH) {
                throw u.error(u.name("password") + " must be at least " + MIN_PASSWORD_LENGTH + " characters");
            }
            Role role = role(u);
            u.rejectUnknownKeys();
            users.add(new ConsoleUser(username, Secret.of(password), role));
        }
        return users;
    }

    private static Role role(TomlSection s) {
        String text = s.requiredString("role");
        try {
            return Role.parse(text);
        } catch (IllegalArgumentException e) {
            throw s.error(s.name("role") + " must be one of viewer, operator, site_admin");
        }
    }

    private static void checkDisplayText(TomlSection s, String key, String value) {
        if (value.isBlank() || value.length() > MAX_NAME_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
            throw s.error(s.name(key) + " must be 1 to " + MAX_NAME_LENGTH + " characters without control characters");
        }
    }
}
