package org.endpointmanager.core.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.core.http.ApiException;
import org.endpointmanager.core.http.Json;
import org.endpointmanager.core.render.RawParametersParser;
import org.endpointmanager.core.store.SettingsStore;

/**
 * Reads, validates and changes the admin settings. The database is the one source of truth; the
 * TOML only seeds it on first start. Every change is validated as a whole before anything is
 * written, so a refused change leaves the settings as they were.
 */
public final class SettingsService {

    /** JSON / database keys. */
    static final String PROVISION_URL_BASE = "provision_url_base";
    static final String PBX_HOST = "pbx_host";
    static final String PBX_PORT = "pbx_port";
    static final String MAC_WHITELIST = "mac_whitelist";
    static final String MAC_BLACKLIST = "mac_blacklist";
    static final String ADDITIONAL_PARAMETERS = "additional_parameters";
    static final String STAR_CODE = "star_code";
    static final String TFTP_ENABLED = "tftp_enabled";
    static final String PNP_ENABLED = "pnp_enabled";
    static final String ENABLED = "enabled";
    static final String AUTO_BIND = "auto_bind";
    static final String DEBUG = "debug_logging";

    private static final List<String> KEYS = List.of(PROVISION_URL_BASE, PBX_HOST, PBX_PORT, MAC_WHITELIST,
            MAC_BLACKLIST, ADDITIONAL_PARAMETERS, STAR_CODE, TFTP_ENABLED, PNP_ENABLED, ENABLED, AUTO_BIND, DEBUG);
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.\\-]{0,252})|\\[[0-9a-fA-F:.]{2,45}]");
    private static final Pattern STAR = Pattern.compile("[*#0-9]{2,16}");

    private final SettingsStore store;
    private final Supplier<Set<String>> rawSections;
    private final List<Consumer<Settings>> listeners = new CopyOnWriteArrayList<>();
    private volatile Settings current;

    /**
     * Creates the service and seeds missing keys.
     *
     * @param store the settings table
     * @param seed values from the TOML, written only where the table has none
     * @param rawSections the raw-parameter sections installed vendors accept
     */
    public SettingsService(SettingsStore store, Map<String, String> seed, Supplier<Set<String>> rawSections) {
        this.store = Objects.requireNonNull(store, "store is null");
        this.rawSections = Objects.requireNonNull(rawSections, "rawSections is null");
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put(PBX_PORT, "5060");
        defaults.put(MAC_WHITELIST, "");
        defaults.put(MAC_BLACKLIST, "");
        defaults.put(ADDITIONAL_PARAMETERS, "");
        defaults.put(STAR_CODE, "*123*");
        defaults.put(ENABLED, "true");
        defaults.put(AUTO_BIND, "false");
        defaults.put(DEBUG, "false");
        defaults.putAll(seed);
        store.putIfAbsent(defaults);
        reload();
    }

    /** Seed values for a provisioning URL from the TOML. */
    public static Map<String, String> seedFrom(String provisionUrlBase, boolean tftpEnabled, boolean pnpEnabled) {
        Map<String, String> seed = new LinkedHashMap<>();
        String base = stripSlash(provisionUrlBase);
        seed.put(PROVISION_URL_BASE, base);
        seed.put(PBX_HOST, URI.create(base).getHost());
        seed.put(TFTP_ENABLED, Boolean.toString(tftpEnabled));
        seed.put(PNP_ENABLED, Boolean.toString(pnpEnabled));
        return seed;
    }

    /** The settings in force. */
    public Settings current() {
        return current;
    }

    /** Called after every change (also from other nodes' changes once reloaded). */
    public void addListener(Consumer<Settings> listener) {
        listeners.add(listener);
    }

    /** Re-reads the table (after a change, or when another node changed it). */
    public Settings reload() {
        Map<String, String> raw = store.all();
        Map<String, String> errors = new LinkedHashMap<>();
        Settings s = build(raw, errors);
        if (!errors.isEmpty()) {
            Map.Entry<String, String> first = errors.entrySet().iterator().next();
            throw new IllegalStateException("stored setting " + first.getKey() + " is invalid: " + first.getValue());
        }
        current = s;
        listeners.forEach(l -> l.accept(s));
        return s;
    }

    /**
     * Applies a change: a JSON object with some of the keys of {@link #toJson(Settings)}.
     *
     * @return the settings now in force
     * @throws ApiException 400 naming the first invalid or unknown field; nothing is written then
     */
    public synchronized Settings update(ObjectNode changes) {
        Map<String, String> merged = new LinkedHashMap<>(store.all());
        Map<String, String> written = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = changes.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (!KEYS.contains(key)) {
                throw ApiException.invalid(key, "unknown setting '" + key + "'");
            }
            String text = asText(key, e.getValue());
            merged.put(key, text);
            written.put(key, text);
        }
        Map<String, String> errors = new LinkedHashMap<>();
        build(merged, errors);
        if (!errors.isEmpty()) {
            Map.Entry<String, String> first = errors.entrySet().iterator().next();
            throw ApiException.invalid(first.getKey(), first.getValue());
        }
        store.putAll(written);
        return reload();
    }

    private static String asText(String key, JsonNode value) {
        if (value == null || value.isNull()) {
            return "";
        }
        if (value instanceof ArrayNode array) {
            List<String> items = new ArrayList<>();
            array.forEach(v -> items.add(v.asText()));
            return String.join("\n", items);
        }
        if (value.isContainerNode()) {
            throw ApiException.invalid(key, key + " must be a string, number, boolean or list");
        }
        return value.asText();
    }

    private Settings build(Map<String, String> raw, Map<String, String> errors) {
        String base = stripSlash(raw.getOrDefault(PROVISION_URL_BASE, ""));
        validateUrl(base, errors);
        String host = raw.getOrDefault(PBX_HOST, "").strip();
        if (host.isEmpty()) {
            errors.put(PBX_HOST, "pbx_host is empty: set the address phones register to");
        } else if (!HOST.matcher(host).matches()) {
            errors.put(PBX_HOST, "pbx_host must be a host name or IP address");
        }
        int port = intValue(raw.getOrDefault(PBX_PORT, "5060"), PBX_PORT, 1, 65535, errors);
        List<MacAddress> white = macs(raw.getOrDefault(MAC_WHITELIST, ""), MAC_WHITELIST, errors);
        List<MacAddress> black = macs(raw.getOrDefault(MAC_BLACKLIST, ""), MAC_BLACKLIST, errors);
        String additional = raw.getOrDefault(ADDITIONAL_PARAMETERS, "");
        try {
            RawParametersParser.parse(additional, rawSections.get());
        } catch (IllegalArgumentException e) {
            errors.put(ADDITIONAL_PARAMETERS, "additional_parameters " + e.getMessage());
        }
        String star = raw.getOrDefault(STAR_CODE, "*123*").strip();
        if (!STAR.matcher(star).matches()) {
            errors.put(STAR_CODE, "star_code must be 2-16 of the characters * # 0-9");
        }
        return new Settings(base, host, port, white, black, additional, star,
                bool(raw.getOrDefault(TFTP_ENABLED, "false"), TFTP_ENABLED, errors),
                bool(raw.getOrDefault(PNP_ENABLED, "false"), PNP_ENABLED, errors),
                bool(raw.getOrDefault(ENABLED, "true"), ENABLED, errors),
                bool(raw.getOrDefault(AUTO_BIND, "false"), AUTO_BIND, errors),
                bool(raw.getOrDefault(DEBUG, "false"), DEBUG, errors));
    }

    private static void validateUrl(String base, Map<String, String> errors) {
        try {
            URI uri = new URI(base);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                errors.put(PROVISION_URL_BASE, "provision_url_base must start with http:// or https://");
            } else if (uri.getHost() == null || uri.getHost().isEmpty()) {
                errors.put(PROVISION_URL_BASE, "provision_url_base has no host (for example http://203.0.113.10:8080/provision)");
            } else if (uri.getQuery() != null || uri.getFragment() != null || uri.getUserInfo() != null) {
                errors.put(PROVISION_URL_BASE, "provision_url_base must not carry credentials, a query or a fragment");
            }
        } catch (URISyntaxException e) {
            errors.put(PROVISION_URL_BASE, "provision_url_base is not a valid URL");
        }
    }

    private static int intValue(String text, String key, int min, int max, Map<String, String> errors) {
        try {
            int v = Integer.parseInt(text.strip());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        errors.put(key, key + " must be a whole number " + min + ".." + max);
        return min;
    }

    private static boolean bool(String text, String key, Map<String, String> errors) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "true", "1", "on", "yes" -> true;
            case "false", "0", "off", "no", "" -> false;
            default -> {
                errors.put(key, key + " must be true or false");
                yield false;
            }
        };
    }

    private static List<MacAddress> macs(String text, String key, Map<String, String> errors) {
        List<MacAddress> out = new ArrayList<>();
        for (String item : text.split("[\\s,;]+")) {
            if (item.isBlank()) {
                continue;
            }
            var mac = MacAddress.tryParse(item);
            if (mac.isEmpty()) {
                errors.put(key, key + ": '" + (item.length() > 20 ? item.substring(0, 20) + "..." : item)
                        + "' is not a MAC address");
                return out;
            }
            if (!out.contains(mac.get())) {
                out.add(mac.get());
            }
        }
        return out;
    }

    private static String stripSlash(String s) {
        String t = s.strip();
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }

    /** The JSON view served by {@code GET /console/endpoint-manager/settings}. */
    public static ObjectNode toJson(Settings s) {
        ObjectNode o = Json.object();
        o.put(PROVISION_URL_BASE, s.provisionUrlBase());
        o.put(PBX_HOST, s.pbxHost());
        o.put(PBX_PORT, s.pbxPort());
        ArrayNode white = o.putArray(MAC_WHITELIST);
        s.macWhitelist().forEach(m -> white.add(m.colons()));
        ArrayNode black = o.putArray(MAC_BLACKLIST);
        s.macBlacklist().forEach(m -> black.add(m.colons()));
        o.put(ADDITIONAL_PARAMETERS, s.additionalParameters());
        o.put(STAR_CODE, s.starCode());
        o.put(TFTP_ENABLED, s.tftpEnabled());
        o.put(PNP_ENABLED, s.pnpEnabled());
        o.put(ENABLED, s.enabled());
        o.put(AUTO_BIND, s.autoBind());
        o.put(DEBUG, s.debugLogging());
        return o;
    }
}
