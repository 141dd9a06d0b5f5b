package org.endpointmanager.vendor.fanvil;

import static org.endpointmanager.vendor.fanvil.FanvilItem.both;
import static org.endpointmanager.vendor.fanvil.FanvilItem.xmlOnly;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.endpointmanager.api.profile.Key;
import org.endpointmanager.api.profile.Line;
import org.endpointmanager.api.profile.Profile;
import org.endpointmanager.api.profile.ZoneSummary;
import org.endpointmanager.api.vendor.ModelInfo;

/**
 * Turns a profile into Fanvil settings named for both dialects. The SIP block opens with the
 * keys of seed 002's reference output in its order; names the reference gives for one dialect
 * only are written only there (see docs/vendors/fanvil.md for the unconfirmed ones).
 */
final class FanvilConfigGenerator {

    private static final Map<String, String> CODECS = new LinkedHashMap<>();

    static {
        CODECS.put("PCMU", "PCMU");
        CODECS.put("PCMA", "PCMA");
        CODECS.put("G722", "G722");
        CODECS.put("G729", "G729");
        CODECS.put("OPUS", "OPUS");
        CODECS.put("ILBC", "iLBC");
        CODECS.put("G726-32", "G726-32");
        CODECS.put("G723", "G723");
    }

    private static final int DEFAULT_LINES = 6;

    private FanvilConfigGenerator() {
    }

    /**
     * The settings of a file.
     *
     * @param device true for the MAC file (accounts, admin password), false for a common file
     */
    static List<FanvilItem> items(Profile p, Optional<ModelInfo> model, boolean device) {
        List<FanvilItem> items = new ArrayList<>();
        // Seed 002's reference output switches PnP off once the phone is provisioned.
        items.add(both(FanvilModule.TOP, "PNP Enable", "ap/pnp/PNPEnable", 0));
        int maxLines = model.map(ModelInfo::lines).orElse(DEFAULT_LINES);
        if (device) {
            for (Line line : p.lines()) {
                if (line.index() <= maxLines) {
                    line(line, p, items);
                }
            }
        }
        p.resyncInterval().ifPresent(d -> {
            // The phone counts in hours (unconfirmed); never less than one.
            long hours = Math.max(1, (d.toMinutes() + 59) / 60);
            items.add(both(FanvilModule.AUTOUPDATE, "Download Interval", "ap/FlashInterval", hours));
        });
        p.firmwareUrl().ifPresent(url -> {
            items.add(both(FanvilModule.AUTOUPDATE, "App URL", "fwCheck/UpgradeServer1", url));
            items.add(xmlOnly("fwCheck/EnableAutoUpgrade", 1));
        });
        if (!p.ntpServers().isEmpty()) {
            items.add(both(FanvilModule.PHONE, "Enable SNTP", "phone/date/EnableSNTP", 1));
            items.add(both(FanvilModule.PHONE, "SNTP Server", "phone/date/SNTPServer", p.ntpServers().get(0)));
            if (p.ntpServers().size() > 1) {
                items.add(both(FanvilModule.PHONE, "Second SNTP Server", "phone/date/SecondSNTPServer",
                        p.ntpServers().get(1)));
            }
        }
        p.timeZone().map(ZoneSummary::of).ifPresent(z -> {
            items.add(both(FanvilModule.PHONE, "Time Zone", "phone/date/TimeZone", z.standardOffsetSeconds() / 900));
            items.add(both(FanvilModule.PHONE, "Enable DST", "phone/date/EnableDST", z.hasDst() ? 1 : 0));
        });
        p.language().map(l -> l.strip().toLowerCase(Locale.ROOT)).filter(l -> l.matches("[a-z]{2}"))
                .ifPresent(l -> items.add(xmlOnly("phone/display/DefaultLanguage", l)));
        p.phonebookUrl().ifPresent(url -> {
            items.add(both(FanvilModule.PHONE, "XML-PBook1 Name", "phone/xmlContact[1]/Name", "Directory"));
            items.add(both(FanvilModule.PHONE, "XML-PBook1 Addr", "phone/xmlContact[1]/Addr", url));
        });
        keys(p.keys(), model, items);
        p.vlan().ifPresent(v -> {
            items.add(both(FanvilModule.QOS, "Enable VLAN", "qos/EnableVLAN", 1));
            items.add(both(FanvilModule.QOS, "VLAN ID", "qos/VLANID", v.id()));
            items.add(both(FanvilModule.QOS, "Signalling Priority", "qos/SignallingPriority", v.priority()));
            items.add(both(FanvilModule.QOS, "Voice Priority", "qos/VoicePriority", v.priority()));
        });
        if (device) {
            p.adminPassword().filter(pw -> !pw.isEmpty()).ifPresent(pw -> {
                items.add(both(FanvilModule.MMI, "Account1 Name", "web/account[1]/Name", "admin"));
                items.add(both(FanvilModule.MMI, "Account1 Password", "web/account[1]/Password", pw.reveal()));
            });
        }
        return items;
    }

    private static void line(Line line, Profile p, List<FanvilItem> items) {
        int n = line.index();
        String t = "SIP" + n + " ";
        String x = "sip/line[" + n + "]/";
        items.add(both(FanvilModule.SIP, t + "Enable Reg", x + "EnableReg", line.enabled() ? 1 : 0));
        items.add(both(FanvilModule.SIP, t + "Phone Number", x + "PhoneNumber", line.userName()));
        items.add(both(FanvilModule.SIP, t + "Display Name", x + "DisplayName", line.displayName()));
        items.add(both(FanvilModule.SIP, t + "Register Addr", x + "RegisterAddr", line.server()));
        items.add(both(FanvilModule.SIP, t + "Register Port", x + "RegisterPort", line.port()));
        items.add(both(FanvilModule.SIP, t + "Register User", x + "RegisterUser", line.authName()));
        items.add(both(FanvilModule.SIP, t + "Register Pswd", x + "RegisterPswd", line.password().reveal()));
        items.add(both(FanvilModule.SIP, t + "Sip Name", x + "SipName", line.userName()));
        items.add(both(FanvilModule.SIP, t + "Transport", x + "Transport", switch (line.transport()) {
            case UDP -> 0;
            case TCP -> 1;
            case TLS -> 3;
        }));
        line.expirySeconds().ifPresent(e -> items.add(both(FanvilModule.SIP, t + "Register TTL", x + "RegisterTTL", e)));
        line.outboundProxy().ifPresent(proxy -> items.add(both(FanvilModule.SIP, t + "Proxy Addr", x + "ProxyAddr", proxy)));
        List<String> codecs = new ArrayList<>();
        for (String c : p.codecs()) {
            String name = CODECS.get(c.strip().toUpperCase(Locale.ROOT));
            if (name != null && !codecs.contains(name)) {
                codecs.add(name);
            }
        }
        if (!codecs.isEmpty()) {
            items.add(both(FanvilModule.SIP, t + "VoiceCodecMap", x + "VoiceCodecMap", String.join(",", codecs)));
        }
        p.dtmf().ifPresent(d -> items.add(both(FanvilModule.SIP, t + "DTMF Mode", x + "DTMFMode", switch (d) {
            case INBAND -> 0;
            case RFC2833 -> 1;
            case SIP_INFO -> 2;
        })));
        line.voicemail().or(p::voicemailNumber).ifPresent(vm -> items.add(both(FanvilModule.SIP, t + "MWI Num", x + "MWINum", vm)));
        p.dnd().ifPresent(dnd -> items.add(both(FanvilModule.SIP, t + "Enable DND", x + "EnableDND", dnd ? 1 : 0)));
    }

    /**
     * DSS keys on the phone itself (expansion modules are not written: their sysConf layout is
     * unconfirmed). Key types the reference does not map (DTMF, DND, transfer) are left out.
     */
    private static void keys(List<Key> keys, Optional<ModelInfo> model, List<FanvilItem> items) {
        int maxKeys = model.map(ModelInfo::keys).filter(k -> k > 0).orElse(Integer.MAX_VALUE);
        for (Key k : keys) {
            if (k.module() != 0 || k.index() > maxKeys) {
                continue;
            }
            Optional<String[]> typeValue = switch (k.type()) {
                case NONE -> Optional.of(new String[] {"0", ""});
                case LINE -> Optional.of(new String[] {"2", "SIP" + k.line()});
                case BLF -> memory(k, "ba");
                case SPEED_DIAL -> memory(k, "f");
                case PARK -> memory(k, "c");
                case INTERCOM -> memory(k, "i");
                case VOICEMAIL -> memory(k, "m");
                case DTMF, DND, TRANSFER -> Optional.empty();
            };
            typeValue.ifPresent(tv -> {
                String t = "Fkey" + k.index() + " ";
                String x = "dsskey/dssSide[1]/Fkey[" + k.index() + "]/";
                items.add(both(FanvilModule.DSSKEY, t + "Type", x + "Type", tv[0]));
                items.add(both(FanvilModule.DSSKEY, t + "Value", x + "Value", tv[1]));
                items.add(both(FanvilModule.DSSKEY, t + "Title", x + "Title", k.label()));
            });
        }
    }

    private static Optional<String[]> memory(Key k, String flag) {
        return Optional.of(new String[] {"1", k.value() + "@" + k.line() + "/" + flag});
    }
}
