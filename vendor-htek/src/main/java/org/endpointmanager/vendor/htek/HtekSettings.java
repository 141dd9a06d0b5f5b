package org.endpointmanager.vendor.htek;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.endpointmanager.api.profile.Key;
import org.endpointmanager.api.profile.KeyType;
import org.endpointmanager.api.profile.Line;
import org.endpointmanager.api.profile.Profile;
import org.endpointmanager.api.profile.ZoneSummary;
import org.endpointmanager.api.vendor.ModelInfo;
import org.endpointmanager.api.vendor.RenderContext;

/**
 * Turns a profile into Htek P-codes with descriptive {@code para} names, in a stable order (see
 * {@code docs/vendors/htek.md} for every code, name and choice).
 */
final class HtekSettings {

    private static final Map<String, String> CODECS = Map.of(
            "PCMU", "0", "PCMA", "8", "G722", "9", "G729", "18", "G726-32", "2", "G723", "4");
    private static final int CODEC_SLOTS = 6;
    private static final int MAX_KEY = 36;
    private static final int MIN_RESYNC_MINUTES = 60;
    private static final int MAX_RESYNC_MINUTES = 5_256_000;

    private final List<PSetting> out = new ArrayList<>();
    private final RenderContext context;
    private final Profile profile;
    private final HtekTables tables;

    private HtekSettings(RenderContext context, HtekTables tables) {
        this.context = context;
        this.profile = context.profile();
        this.tables = tables;
    }

    static List<PSetting> of(RenderContext context, HtekTables tables) {
        HtekSettings s = new HtekSettings(context, tables);
        s.accounts();
        s.codecs();
        s.dtmf();
        s.time();
        s.vlan();
        s.keys();
        s.language();
        s.admin();
        s.provisioning();
        s.phonebook();
        s.put("P24012", "RemoteControl.SipNotify", "1");
        return List.copyOf(s.out);
    }

    private void put(String code, String para, String value) {
        out.add(new PSetting(code, para, Values.flat(value)));
    }

    private void accounts() {
        int limit = Math.min(2, context.model().map(ModelInfo::lines).orElse(2));
        for (Line line : profile.lines()) {
            if (line.index() > limit) {
                continue;
            }
            String server = line.server() + ":" + line.port();
            String voicemail = line.voicemail().or(profile::voicemailNumber).orElse("");
            if (line.index() == 1) {
                put("P271", "Account1.Active", line.enabled() ? "1" : "0");
                put("P20000", "Account1.Label", line.label());
                put("P3", "Account1.DisplayName", line.displayName());
                put("P35", "Account1.SipUserId", line.userName());
                put("P36", "Account1.AuthId", line.authName());
                put("P34", "Account1.Password", line.password().reveal());
                put("P47", "Account1.SipServer", server);
                put("P48", "Account1.OutboundProxy", line.outboundProxy().orElse(""));
                put("P130", "Account1.Transport", transport(line));
                line.expirySeconds().ifPresent(s -> put("P32", "Account1.RegisterExpiration",
                        Integer.toString(Math.max(1, (s + 59) / 60))));
                put("P33", "Account1.VoicemailNumber", voicemail);
            } else {
                put("P401", "Account2.Active", line.enabled() ? "1" : "0");
                put("P20001", "Account2.Label", line.label());
                put("P703", "Account2.DisplayName", line.displayName());
                put("P735", "Account2.SipUserId", line.userName());
                put("P736", "Account2.AuthId", line.authName());
                put("P734", "Account2.Password", line.password().reveal());
                put("P747", "Account2.SipServer", server);
                put("P830", "Account2.Transport", transport(line));
                put("P426", "Account2.VoicemailNumber", voicemail);
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
            if (payload == null || slot >= CODEC_SLOTS) {
                continue;
            }
            put("P" + (57 + slot), "Account1.CodecChoice" + (slot + 1), payload);
            slot++;
        }
    }

    private void dtmf() {
        profile.dtmf().ifPresent(mode -> put("P20166", "Account1.DtmfMode", switch (mode) {
            case RFC2833 -> "0";
            case INBAND -> "1";
            case SIP_INFO -> "2";
        }));
    }

    private void time() {
        List<String> ntp = profile.ntpServers();
        if (!ntp.isEmpty()) {
            put("P30", "Time.NtpServer", ntp.get(0));
        }
        if (ntp.size() > 1) {
            put("P8622", "Time.NtpServerBackup", ntp.get(1));
        }
        profile.timeZone().map(ZoneSummary::of).ifPresent(zone -> {
            tables.timeZoneIndex(zone).ifPresent(index -> put("P64", "Time.ZoneIndex", index));
            put("P75", "Time.DaylightSaving", zone.hasDst() ? "1" : "0");
        });
    }

    private void vlan() {
        profile.vlan().ifPresent(v -> {
            put("P24053", "Network.VlanEnable", "1");
            put("P51", "Network.VlanTag", Integer.toString(v.id()));
            put("P87", "Network.VlanPriority", Integer.toString(v.priority()));
        });
    }

    private void keys() {
        int limit = Math.min(MAX_KEY, context.model().map(ModelInfo::keys).orElse(MAX_KEY));
        for (Key key : profile.keys()) {
            int k = key.index();
            Optional<String> type = keyType(key.type());
            if (key.module() != 0 || k > limit || type.isEmpty()) {
                continue;
            }
            String account = Integer.toString(key.line() - 1);
            String name = "LineKey" + k;
            if (k <= 4) {
                int i = k - 1;
                put("P" + (41200 + i), name + ".Type", type.get());
                put("P" + (41300 + i), name + ".Value", key.value());
                put("P" + (41400 + i), name + ".Label", key.label());
                put("P" + (41500 + i), name + ".Account", account);
            } else {
                int base = 20200 + 5 * (k - 5);
                put("P" + base, name + ".Type", type.get());
                put("P" + (base + 1), name + ".Value", key.value());
                put("P" + (base + 2), name + ".Label", key.label());
                put("P" + (base + 3), name + ".Account", account);
                put("P" + (base + 4), name + ".PickupCode", key.pickupCode().orElse(""));
            }
        }
    }

    /** Htek key types; TRANSFER has no type in the reference and is left to the phone. */
    private static Optional<String> keyType(KeyType type) {
        return switch (type) {
            case NONE -> Optional.of("0");
            case LINE -> Optional.of("1");
            case SPEED_DIAL -> Optional.of("2");
            case BLF -> Optional.of("3");
            case VOICEMAIL -> Optional.of("5");
            case PARK -> Optional.of("8");
            case INTERCOM -> Optional.of("9");
            case DTMF -> Optional.of("10");
            case DND -> Optional.of("21");
            case TRANSFER -> Optional.empty();
        };
    }

    private void language() {
        profile.language().map(l -> l.strip().toLowerCase(Locale.ROOT))
                .map(l -> l.length() > 2 && (l.charAt(2) == '-' || l.charAt(2) == '_') ? l.substring(0, 2) : l)
                .filter(l -> l.matches("[a-z]{2}"))
                .flatMap(tables::languageIndex)
                .ifPresent(index -> {
                    put("P8621", "Preference.LcdLanguage", index);
                    put("P2525", "Preference.WebLanguage", index);
                });
    }

    private void admin() {
        profile.adminPassword().filter(s -> !s.isEmpty())
                .ifPresent(s -> put("P2", "Management.AdminPassword", s.reveal()));
    }

    private void provisioning() {
        String base = context.provisioningBaseUrl();
        Values.protocolCode(base).ifPresent(p -> put("P212", "AutoProvision.UpgradeMode", p));
        directoryUrl(base).ifPresent(u -> put("P237", "AutoProvision.ConfigServerPath", u));
        profile.firmwareUrl().flatMap(HtekSettings::directoryUrl)
                .ifPresent(u -> put("P192", "AutoProvision.FirmwareServerPath", u));
        profile.resyncInterval().ifPresent(d -> {
            put("P194", "AutoProvision.AutoCheck", "1");
            put("P193", "AutoProvision.CheckIntervalMinutes",
                    Long.toString(clamp(minutes(d), MIN_RESYNC_MINUTES, MAX_RESYNC_MINUTES)));
        });
    }

    private void phonebook() {
        profile.phonebookUrl().filter(u -> Values.serverPath(u).isPresent()).ifPresent(url -> {
            put("P4401", "RemotePhonebook1.Url", url.strip());
            put("P3316", "RemotePhonebook1.Name", "Phonebook");
        });
    }

    /** A URL's directory, keeping the scheme: Htek's server paths take full URLs. */
    private static Optional<String> directoryUrl(String url) {
        return Values.scheme(url).flatMap(s -> Values.directoryPath(url).map(p -> s + "://" + p));
    }

    private static long minutes(Duration d) {
        return Math.max(0, d.toMinutes());
    }

    private static long clamp(long v, long min, long max) {
        return Math.max(min, Math.min(max, v));
    }
}
