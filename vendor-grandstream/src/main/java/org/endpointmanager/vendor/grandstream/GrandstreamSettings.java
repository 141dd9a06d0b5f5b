package org.endpointmanager.vendor.grandstream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.endpointmanager.api.profile.DtmfMode;
import org.endpointmanager.api.profile.Key;
import org.endpointmanager.api.profile.KeyType;
import org.endpointmanager.api.profile.Line;
import org.endpointmanager.api.profile.Profile;
import org.endpointmanager.api.profile.ZoneSummary;
import org.endpointmanager.api.vendor.ModelInfo;
import org.endpointmanager.api.vendor.RenderContext;

/**
 * Turns a profile into Grandstream config-v1 P-codes, in a stable order (see
 * {@code docs/vendors/grandstream.md} for every code and the choices made).
 */
final class GrandstreamSettings {

    /** Codec payload numbers as P57.. take them. */
    private static final Map<String, String> CODECS = Map.of(
            "PCMU", "0", "PCMA", "8", "G722", "9", "G729", "18", "G723", "4", "G726-32", "2", "ILBC", "98");
    /** Codec choices 1..7 in order. */
    private static final List<String> CODEC_SLOTS = List.of("P57", "P58", "P59", "P60", "P61", "P62", "P46");
    /** Keys 1..7 have the classic MPK codes; later keys use the extended MPK block. */
    static final int CLASSIC_KEYS = 7;
    private static final int MIN_RESYNC_MINUTES = 60;
    private static final int MAX_RESYNC_MINUTES = 5_256_000;
    private static final int MAX_PHONEBOOK_INTERVAL = 720;

    private final List<PValue> out = new ArrayList<>();
    private final RenderContext context;
    private final Profile profile;

    private GrandstreamSettings(RenderContext context) {
        this.context = context;
        this.profile = context.profile();
    }

    /** The P-codes the profile of a context stands for, before raw parameters. */
    static List<PValue> of(RenderContext context) {
        GrandstreamSettings s = new GrandstreamSettings(context);
        s.accounts();
        s.codecs();
        s.dtmf();
        s.time();
        s.vlan();
        s.keys();
        s.language();
        s.admin();
        s.provisioning();
        s.firmware();
        s.phonebook();
        s.notifyAcceptance();
        return List.copyOf(s.out);
    }

    private void put(String code, String value) {
        out.add(new PValue(code, Values.flat(value)));
    }

    private int accountLimit() {
        // Only accounts 1 and 2 have P-codes this generator knows; a smaller model caps it further.
        return Math.min(2, context.model().map(ModelInfo::lines).orElse(2));
    }

    private void accounts() {
        for (Line line : profile.lines()) {
            if (line.index() > accountLimit()) {
                continue;
            }
            String server = line.server() + ":" + line.port();
            String voicemail = line.voicemail().or(profile::voicemailNumber).orElse("");
            if (line.index() == 1) {
                put("P271", line.enabled() ? "1" : "0");
                put("P270", line.label());
                put("P3", line.displayName());
                put("P35", line.userName());
                put("P36", line.authName());
                put("P34", line.password().reveal());
                put("P47", server);
                put("P48", line.outboundProxy().orElse(""));
                put("P130", transport(line));
                line.expirySeconds().ifPresent(s -> put("P32", Integer.toString(Math.max(1, (s + 59) / 60))));
                put("P33", voicemail);
            } else {
                put("P401", line.enabled() ? "1" : "0");
                put("P417", line.label());
                put("P407", line.displayName());
                put("P404", line.userName());
                put("P405", line.authName());
                put("P406", line.password().reveal());
                put("P402", server);
                put("P403", line.outboundProxy().orElse(""));
                put("P426", voicemail);
            }
        }
    }

    private static String transport(Line line) {
        return switch (line.transport()) {
            case UDP -> "0";
            case TCP -> "1";
            case TLS -> "2";
        };
    }

    private void codecs() {
        int slot = 0;
        for (String codec : profile.codecs()) {
            String payload = CODECS.get(codec.strip().toUpperCase(Locale.ROOT));
            if (payload == null || slot >= CODEC_SLOTS.size()) {
                continue;
            }
            put(CODEC_SLOTS.get(slot++), payload);
        }
    }

    private void dtmf() {
        profile.dtmf().ifPresent(mode -> {
            put("P2301", mode == DtmfMode.INBAND ? "1" : "0");
            put("P2302", mode == DtmfMode.RFC2833 ? "1" : "0");
            put("P2303", mode == DtmfMode.SIP_INFO ? "1" : "0");
        });
    }

    private void time() {
        if (!profile.ntpServers().isEmpty()) {
            put("P30", profile.ntpServers().get(0));
        }
        profile.timeZone().ifPresent(zone -> {
            String posix = ZoneSummary.of(zone).posix();
            put("P64", posix);
            // P246 is read only when P64 is "customize"; carrying the same rule lets an admin
            // switch a firmware that lacks this string in its P64 list with one raw parameter.
            put("P246", posix);
        });
    }

    private void vlan() {
        profile.vlan().ifPresent(v -> {
            put("P51", Integer.toString(v.id()));
            put("P87", Integer.toString(v.priority()));
        });
    }

    private void keys() {
        int limit = context.model().map(ModelInfo::keys).orElse(Integer.MAX_VALUE);
        for (Key key : profile.keys()) {
            int k = key.index();
            Optional<String> type = keyType(key.type());
            if (key.module() != 0 || k > limit || type.isEmpty()) {
                continue;
            }
            String account = Integer.toString(key.line() - 1);
            if (k <= CLASSIC_KEYS) {
                put("P" + (323 + k - 1), type.get());
                put("P" + (300 + 3 * k - 2), account);
                put("P" + (300 + 3 * k - 1), key.label());
                put("P" + (300 + 3 * k), key.value());
            } else {
                int base = 23000 + (k - 1) * 5;
                put("P" + base, type.get());
                put("P" + (base + 1), account);
                put("P" + (base + 2), key.label());
                put("P" + (base + 3), key.value());
            }
        }
    }

    /** MPK modes; LINE, DND and NONE have no MPK mode here and are left to the phone. */
    private static Optional<String> keyType(KeyType type) {
        return switch (type) {
            case SPEED_DIAL -> Optional.of("0");
            case BLF -> Optional.of("1");
            case DTMF -> Optional.of("5");
            case VOICEMAIL -> Optional.of("6");
            case TRANSFER -> Optional.of("8");
            case PARK -> Optional.of("9");
            case INTERCOM -> Optional.of("10");
            case LINE, DND, NONE -> Optional.empty();
        };
    }

    private void language() {
        profile.language().map(l -> l.strip().toLowerCase(Locale.ROOT))
                .map(l -> l.length() > 2 && (l.charAt(2) == '-' || l.charAt(2) == '_') ? l.substring(0, 2) : l)
                .filter(l -> l.matches("[a-z]{2}"))
                .ifPresent(l -> put("P1362", l));
    }

    private void admin() {
        profile.adminPassword().filter(s -> !s.isEmpty()).ifPresent(s -> put("P2", s.reveal()));
    }

    private void provisioning() {
        String base = context.provisioningBaseUrl();
        Values.protocolCode(base).ifPresent(p -> put("P212", p));
        Values.serverPath(base).ifPresent(p -> put("P237", p));
        profile.resyncInterval().ifPresent(d -> {
            put("P194", "1");
            put("P193", Long.toString(clamp(minutes(d), MIN_RESYNC_MINUTES, MAX_RESYNC_MINUTES)));
        });
    }

    private void firmware() {
        profile.firmwareUrl().flatMap(Values::directoryPath).ifPresent(dir -> {
            put("P192", dir);
            put("P238", "0");
        });
    }

    private void phonebook() {
        profile.phonebookUrl().ifPresent(url -> {
            Optional<String> dir = Values.directoryPath(url);
            Optional<String> scheme = Values.scheme(url);
            if (dir.isEmpty() || scheme.isEmpty()) {
                return;
            }
            String mode = switch (scheme.get()) {
                case "https" -> "3";
                case "tftp" -> "2";
                default -> "1";
            };
            put("P330", mode);
            put("P331", dir.get());
            long interval = profile.resyncInterval().map(GrandstreamSettings::minutes).orElse((long) MAX_PHONEBOOK_INTERVAL);
            put("P332", Long.toString(clamp(interval, 1, MAX_PHONEBOOK_INTERVAL)));
        });
    }

    private void notifyAcceptance() {
        if (profile.lines().stream().anyMatch(l -> l.index() == 1)) {
            put("P26015", "1");
        }
        put("P4428", "0");
    }

    private static long minutes(Duration d) {
        return Math.max(0, d.toMinutes());
    }

    private static long clamp(long v, long min, long max) {
        return Math.max(min, Math.min(max, v));
    }
}
