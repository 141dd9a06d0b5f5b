package org.endpointmanager.core.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.endpointmanager.api.profile.DtmfMode;
import org.endpointmanager.api.profile.Key;
import org.endpointmanager.api.profile.KeyType;
import org.endpointmanager.api.profile.Profile;
import org.endpointmanager.api.profile.Transport;
import org.endpointmanager.api.profile.Vlan;
import org.endpointmanager.core.http.ApiException;

/**
 * One layer of structured settings (a template's or a device's), parsed strictly from JSON. Seed
 * 000's template shape ({@code sip_settings}, {@code network_settings}, {@code feature_settings},
 * {@code raw_pconfig}) and flat profile fields are both accepted. Absent fields leave the lower
 * layer's value in place.
 *
 * @param server default SIP server host for lines without their own
 * @param port default SIP port
 * @param transport SIP transport of every line
 * @param expirySeconds registration expiry
 * @param outboundProxy outbound proxy {@code host[:port]}
 * @param codecs codec order
 * @param dtmf DTMF mode
 * @param voicemailNumber voicemail number
 * @param ntpServers NTP servers
 * @param timeZone IANA zone
 * @param vlan voice VLAN
 * @param dnd do-not-disturb
 * @param language UI language
 * @param resyncInterval resync interval
 * @param keys programmable keys (replace the lower layer's keys as a whole)
 * @param rawPconfig seed 000's raw P-value map (Grandstream), merged last
 * @param adminPassword the phone's admin password (stored sealed, see {@link SettingsSecrets})
 */
public record ProfileLayer(Optional<String> server, Optional<Integer> port, Optional<Transport> transport,
        Optional<Integer> expirySeconds, Optional<String> outboundProxy, Optional<List<String>> codecs,
        Optional<DtmfMode> dtmf, Optional<String> voicemailNumber, Optional<List<String>> ntpServers,
        Optional<ZoneId> timeZone, Optional<Vlan> vlan, Optional<Boolean> dnd, Optional<String> language,
        Optional<Duration> resyncInterval, Optional<List<Key>> keys, Map<String, String> rawPconfig,
        Optional<org.endpointmanager.api.Secret> adminPassword) {

    /** Codec names accepted in settings (upper case RTP names). */
    public static final Set<String> CODECS = Set.of("PCMU", "PCMA", "G722", "G729", "OPUS", "ILBC", "G726-32", "G723");

    private static final Set<String> TOP = Set.of("sip_settings", "network_settings", "feature_settings",
            "raw_pconfig", "sip_server", "sip_port", "transport", "expiry_seconds", "outbound_proxy", "codecs",
            "codec_order", "dtmf", "voicemail_number", "ntp_servers", "ntp_server", "time_zone", "vlan", "dnd",
            "language", "resync_interval_minutes", "keys", SettingsSecrets.ADMIN_PASSWORD);

    /** No settings. */
    public static ProfileLayer empty() {
        return new ProfileLayer(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Map.of(), Optional.empty());
    }

    /**
     * Parses a settings object.
     *
     * @param node the JSON object
     * @param prefix the field name the object sits under, for error messages ({@code settings})
     * @throws ApiException 400 naming the first invalid field
     */
    public static ProfileLayer parse(JsonNode node, String prefix) {
        return parse(node, prefix, Optional.empty());
    }

    /**
     * Parses a settings object, opening a sealed admin password with the secret box.
     *
     * @throws ApiException 400 naming the first invalid field
     */
    public static ProfileLayer parse(JsonNode node, String prefix, Optional<org.endpointmanager.core.security.SecretBox> box) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return empty();
        }
        if (!node.isObject()) {
            throw ApiException.invalid(prefix, prefix + " must be a JSON object");
        }
        unknown(node, TOP, prefix);
        JsonNode sip = obj(node, "sip_settings", prefix);
        JsonNode net = obj(node, "network_settings", prefix);
        JsonNode feat = obj(node, "feature_settings", prefix);
        unknown(sip, Set.of("sip_server", "sip_port", "codec_order", "transport", "expiry_seconds", "outbound_proxy",
                "dtmf", "voicemail_number"), prefix + ".sip_settings");
        unknown(net, Set.of("ntp_server", "ntp_servers", "time_zone", "vlan_id", "vlan_priority"), prefix + ".network_settings");
        unknown(feat, Set.of("dnd_enabled", "language", "resync_interval_minutes"), prefix + ".feature_settings");

        Optional<String> server = host(first(node, "sip_server", sip, "sip_server"),
                where(prefix, node, "sip_server", "sip_settings", sip, "sip_server"));
        Optional<Integer> port = intIn(first(node, "sip_port", sip, "sip_port"),
                where(prefix, node, "sip_port", "sip_settings", sip, "sip_port"), 1, 65535);
        Optional<Transport> transport = text(first(node, "transport", sip, "transport"), prefix + ".transport", 8)
                .map(t -> wrap(prefix + ".transport", () -> Transport.parse(t)));
        Optional<Integer> expiry = intIn(first(node, "expiry_seconds", sip, "expiry_seconds"), prefix + ".expiry_seconds", 30, 86400);
        Optional<String> proxy = text(first(node, "outbound_proxy", sip, "outbound_proxy"), prefix + ".outbound_proxy", 255);
        JsonNode codecNode = first(node, "codecs", node, "codec_order");
        if (codecNode == null) {
            codecNode = sip.get("codec_order");
        }
        Optional<List<String>> codecs = stringList(codecNode, prefix + ".codecs", 8).map(list -> {
            List<String> out = new ArrayList<>();
            for (String c : list) {
                String n = c.strip().toUpperCase(Locale.ROOT).replace("G.", "G").replace("G726", "G726-32")
                        .replace("G726-32-32", "G726-32");
                if (!CODECS.contains(n)) {
                    throw ApiException.invalid(prefix + ".codecs", "unknown codec '" + c + "' (known: " + String.join(", ", new java.util.TreeSet<>(CODECS)) + ")");
                }
                if (!out.contains(n)) {
                    out.add(n);
                }
            }
            return List.copyOf(out);
        });
        Optional<DtmfMode> dtmf = text(first(node, "dtmf", sip, "dtmf"), prefix + ".dtmf", 16)
                .map(t -> wrap(prefix + ".dtmf", () -> DtmfMode.parse(t)));
        Optional<String> voicemail = dialString(first(node, "voicemail_number", sip, "voicemail_number"), prefix + ".voicemail_number");
        JsonNode ntpNode = first(node, "ntp_servers", net, "ntp_servers");
        Optional<List<String>> ntp = stringList(ntpNode, prefix + ".ntp_servers", 4);
        if (ntp.isEmpty()) {
            ntp = text(first(node, "ntp_server", net, "ntp_server"), prefix + ".ntp_server", 255).map(List::of);
        }
        ntp.ifPresent(list -> list.forEach(h -> host(Optional.of(h), prefix + ".ntp_servers")));
        String zoneField = where(prefix, node, "time_zone", "network_settings", net, "time_zone");
        Optional<ZoneId> zone = text(first(node, "time_zone", net, "time_zone"), zoneField, 64).map(z -> {
            try {
                return ZoneId.of(z);
            } catch (DateTimeException e) {
                throw ApiException.invalid(zoneField, "'" + z + "' is not an IANA time zone such as Europe/Berlin");
            }
        });
        Optional<Vlan> vlan = vlan(node.get("vlan"), net, prefix);
        Optional<Boolean> dnd = bool(first(node, "dnd", feat, "dnd_enabled"),
                where(prefix, node, "dnd", "feature_settings", feat, "dnd_enabled"));
        Optional<String> language = text(first(node, "language", feat, "language"), prefix + ".language", 8).map(l -> {
            if (!l.matches("[a-z]{2}")) {
                throw ApiException.invalid(prefix + ".language", "language must be a two-letter ISO 639-1 code such as en");
            }
            return l;
        });
        Optional<Duration> resync = intIn(first(node, "resync_interval_minutes", feat, "resync_interval_minutes"),
                prefix + ".resync_interval_minutes", 5, 43200).map(m -> Duration.ofMinutes(m));
        Optional<List<Key>> keys = keys(node.get("keys"), prefix + ".keys");
        Map<String, String> raw = rawPconfig(node.get("raw_pconfig"), prefix + ".raw_pconfig");
        String adminField = prefix + "." + SettingsSecrets.ADMIN_PASSWORD;
        JsonNode adminNode = node.get(SettingsSecrets.ADMIN_PASSWORD);
        if (adminNode != null && adminNode.isTextual() && adminNode.asText().length() > 128) {
            throw ApiException.invalid(adminField, adminField + " is longer than 128 characters");
        }
        Optional<org.endpointmanager.api.Secret> admin = SettingsSecrets.open(adminNode, box, adminField);
        return new ProfileLayer(server, port, transport, expiry, proxy, codecs, dtmf, voicemail, ntp, zone, vlan, dnd,
                language, resync, keys, raw, admin);
    }

    /** Applies this layer over a builder. */
    public void applyTo(Profile.Builder b) {
        codecs.ifPresent(b::codecs);
        dtmf.ifPresent(b::dtmf);
        voicemailNumber.ifPresent(b::voicemailNumber);
        ntpServers.ifPresent(b::ntpServers);
        timeZone.ifPresent(b::timeZone);
        vlan.ifPresent(b::vlan);
        dnd.ifPresent(b::dnd);
        language.ifPresent(b::language);
        resyncInterval.ifPresent(b::resyncInterval);
        keys.ifPresent(b::keys);
        adminPassword.ifPresent(b::adminPassword);
    }

    private interface Parse<T> {
        T get();
    }

    private static <T> T wrap(String field, Parse<T> p) {
        try {
            return p.get();
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(field, field + ": " + e.getMessage());
        }
    }

    private static void unknown(JsonNode node, Set<String> allowed, String prefix) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!allowed.contains(n)) {
                throw ApiException.invalid(prefix + "." + n, "unknown setting '" + prefix + "." + n + "'");
            }
        }
    }

    private static JsonNode obj(JsonNode node, String name, String prefix) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }
        if (!v.isObject()) {
            throw ApiException.invalid(prefix + "." + name, prefix + "." + name + " must be an object");
        }
        return v;
    }

    private static JsonNode first(JsonNode a, String an, JsonNode b, String bn) {
        JsonNode v = a.get(an);
        return v != null && !v.isNull() ? v : b.get(bn);
    }

    /** The field path an admin wrote: the flat name, or the seed 000 group's, whichever is set. */
    private static String where(String prefix, JsonNode a, String an, String group, JsonNode b, String bn) {
        JsonNode v = a.get(an);
        if ((v == null || v.isNull()) && b.get(bn) != null) {
            return prefix + "." + group + "." + bn;
        }
        return prefix + "." + an;
    }

    private static Optional<String> text(JsonNode v, String field, int max) {
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isValueNode()) {
            throw ApiException.invalid(field, field + " must be a string");
        }
        String t = v.asText().strip();
        if (t.length() > max) {
            throw ApiException.invalid(field, field + " is longer than " + max + " characters");
        }
        for (int i = 0; i < t.length(); i++) {
            if (Character.isISOControl(t.charAt(i))) {
                throw ApiException.invalid(field, field + " contains a control character");
            }
        }
        return t.isEmpty() ? Optional.empty() : Optional.of(t);
    }

    private static Optional<String> host(Optional<String> v, String field) {
        v.ifPresent(h -> {
            if (!h.matches("[A-Za-z0-9]([A-Za-z0-9.\\-]{0,252})|\\[[0-9a-fA-F:.]{2,45}]|[0-9a-fA-F:.]{2,45}")) {
                throw ApiException.invalid(field, field + " must be a host name or IP address");
            }
        });
        return v;
    }

    private static Optional<String> host(JsonNode v, String field) {
        return host(text(v, field, 255), field);
    }

    private static Optional<String> dialString(JsonNode v, String field) {
        Optional<String> t = text(v, field, 32);
        t.ifPresent(s -> {
            if (!s.matches("[0-9*#+A-Za-z@._\\-]{1,32}")) {
                throw ApiException.invalid(field, field + " may contain only digits, * # + letters and @ . _ -");
            }
        });
        return t;
    }

    private static Optional<Integer> intIn(JsonNode v, String field, int min, int max) {
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        int n;
        if (v.isInt()) {
            n = v.intValue();
        } else if (v.isTextual() && v.asText().strip().matches("\\d{1,9}")) {
            n = Integer.parseInt(v.asText().strip());
        } else {
            throw ApiException.invalid(field, field + " must be a whole number " + min + ".." + max);
        }
        if (n < min || n > max) {
            throw ApiException.invalid(field, field + " must be " + min + ".." + max);
        }
        return Optional.of(n);
    }

    private static Optional<Boolean> bool(JsonNode v, String field) {
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (v.isBoolean()) {
            return Optional.of(v.booleanValue());
        }
        String t = v.asText().strip().toLowerCase(Locale.ROOT);
        if (t.equals("true") || t.equals("1") || t.equals("on")) {
            return Optional.of(true);
        }
        if (t.equals("false") || t.equals("0") || t.equals("off")) {
            return Optional.of(false);
        }
        throw ApiException.invalid(field, field + " must be true or false");
    }

    private static Optional<List<String>> stringList(JsonNode v, String field, int max) {
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isArray()) {
            throw ApiException.invalid(field, field + " must be a list");
        }
        if (v.size() > max) {
            throw ApiException.invalid(field, field + " takes at most " + max + " entries");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            out.add(text(item, field, 255).orElseThrow(() -> ApiException.invalid(field, field + " has an empty entry")));
        }
        return Optional.of(List.copyOf(out));
    }

    private static Optional<Vlan> vlan(JsonNode v, JsonNode net, String prefix) {
        Optional<Integer> id;
        Optional<Integer> prio;
        if (v != null && !v.isNull()) {
            if (!v.isObject()) {
                throw ApiException.invalid(prefix + ".vlan", prefix + ".vlan must be an object {id, priority}");
            }
            id = intIn(v.get("id"), prefix + ".vlan.id", 1, 4094);
            prio = intIn(v.get("priority"), prefix + ".vlan.priority", 0, 7);
        } else {
            id = intIn(net.get("vlan_id"), prefix + ".network_settings.vlan_id", 1, 4094);
            prio = intIn(net.get("vlan_priority"), prefix + ".network_settings.vlan_priority", 0, 7);
        }
        return id.map(i -> new Vlan(i, prio.orElse(0)));
    }

    private static Optional<List<Key>> keys(JsonNode v, String field) {
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isArray() || v.size() > 240) {
            throw ApiException.invalid(field, field + " must be a list of at most 240 keys");
        }
        List<Key> out = new ArrayList<>();
        int position = 0;
        for (JsonNode k : v) {
            position++;
            String f = field + "[" + (position - 1) + "]";
            if (!k.isObject()) {
                throw ApiException.invalid(f, f + " must be an object");
            }
            unknown(k, Set.of("index", "module", "type", "value", "label", "line", "pickup_code"), f);
            int index = intIn(k.get("index"), f + ".index", 1, 200).orElse(position);
            int module = intIn(k.get("module"), f + ".module", 0, 6).orElse(0);
            KeyType type = text(k.get("type"), f + ".type", 16).map(t -> wrap(f + ".type", () -> KeyType.parse(t)))
                    .orElseThrow(() -> ApiException.invalid(f + ".type", f + ".type is required"));
            String value = text(k.get("value"), f + ".value", 128).orElse("");
            String label = text(k.get("label"), f + ".label", 64).orElse("");
            int line = intIn(k.get("line"), f + ".line", 1, 64).orElse(1);
            Optional<String> pickup = dialString(k.get("pickup_code"), f + ".pickup_code");
            out.add(new Key(module, index, type, value, label, line, pickup));
        }
        return Optional.of(List.copyOf(out));
    }

    private static Map<String, String> rawPconfig(JsonNode v, String field) {
        if (v == null || v.isNull()) {
            return Map.of();
        }
        if (!(v instanceof ObjectNode obj)) {
            throw ApiException.invalid(field, field + " must be an object of P-code to value");
        }
        Map<String, String> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().matches("P\\d{1,6}")) {
                throw ApiException.invalid(field, field + ": '" + e.getKey() + "' is not a P-code such as P271");
            }
            out.put(e.getKey(), text(e.getValue(), field + "." + e.getKey(), 1024).orElse(""));
        }
        return java.util.Collections.unmodifiableMap(out);
    }
}
