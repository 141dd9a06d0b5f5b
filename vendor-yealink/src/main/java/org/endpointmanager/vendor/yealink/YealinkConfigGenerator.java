package org.endpointmanager.vendor.yealink;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.endpointmanager.api.profile.DtmfMode;
import org.endpointmanager.api.profile.Key;
import org.endpointmanager.api.profile.KeyType;
import org.endpointmanager.api.profile.Line;
import org.endpointmanager.api.profile.Profile;
import org.endpointmanager.api.profile.Transport;
import org.endpointmanager.api.vendor.ModelInfo;

/**
 * Turns a profile into Yealink settings, in file order. The account block opens with the keys of
 * seed 001's example and seed 002's reference defaults (older {@code sip_server_host} form) so a
 * reader comparing with those documents finds them first; the current {@code sip_server.1.*} form
 * follows for every account, because newer firmware reads that one.
 */
final class YealinkConfigGenerator {

    /** Yealink's name for each profile codec; the order is the profile's. */
    private static final Map<String, String> CODECS = Map.of(
            "PCMU", "pcmu", "PCMA", "pcma", "G722", "g722", "G729", "g729", "OPUS", "opus",
            "ILBC", "ilbc_13_33kbps", "G726-32", "g726_32", "G723", "g723_53");

    private static final Map<String, String> LANGUAGES = Map.ofEntries(
            Map.entry("en", "English"), Map.entry("fr", "French"), Map.entry("de", "German"),
            Map.entry("it", "Italian"), Map.entry("es", "Spanish"), Map.entry("pt", "Portuguese"),
            Map.entry("ru", "Russian"), Map.entry("pl", "Polish"), Map.entry("tr", "Turkish"),
            Map.entry("nl", "Dutch"), Map.entry("he", "Hebrew"), Map.entry("zh", "Chinese_S"));

    /** Accounts written when the model is unknown: the most any current desk model has. */
    private static final int DEFAULT_LINES = 16;

    private YealinkConfigGenerator() {
    }

    /**
     * The settings of a file.
     *
     * @param device true for the MAC file (accounts, admin password), false for a shared file
     */
    static OrderedSettings settings(Profile p, Optional<ModelInfo> model, boolean device, String provisioningBaseUrl) {
        OrderedSettings s = new OrderedSettings();
        int maxLines = model.map(ModelInfo::lines).orElse(DEFAULT_LINES);
        if (device) {
            for (Line line : p.lines()) {
                if (line.index() <= maxLines) {
                    account(line, p, s);
                }
            }
        }
        // Seed 002's fixed defaults: the reference MikoPBX output carries them for every phone.
        s.put("phone_setting.lcd_logo.mode", 0);
        s.put("auto_provision.dhcp_option.enable", 0);
        s.put("features.intercom.allow", 1);
        s.put("features.intercom.mute", 0);
        s.put("features.intercom.tone", 1);
        s.put("features.intercom.barge", 1);
        s.put("features.dtmf.transfer", "##");
        s.put("features.dtmf.replace_tran", 1);
        s.put("features.headset_prior", 1);
        // 0: a plain check-sync re-fetches, only check-sync;reboot=true reboots.
        s.put("sip.notify_reboot_enable", 0);
        s.put("static.auto_provision.server.url", provisioningBaseUrl);
        if (!p.ntpServers().isEmpty()) {
            s.put("local_time.ntp_server1", p.ntpServers().get(0));
            if (p.ntpServers().size() > 1) {
                s.put("local_time.ntp_server2", p.ntpServers().get(1));
            }
        }
        p.timeZone().ifPresent(z -> YealinkTimeZone.write(z, s));
        p.vlan().ifPresent(v -> {
            s.put("static.network.vlan.internet_port_enable", 1);
            s.put("static.network.vlan.internet_port_vid", v.id());
            s.put("static.network.vlan.internet_port_priority", v.priority());
        });
        p.dnd().ifPresent(dnd -> {
            s.put("features.dnd.allow", 1);
            s.put("features.dnd.enable", dnd);
        });
        keys(p.keys(), model, s);
        p.language().map(l -> LANGUAGES.get(l.strip().toLowerCase(Locale.ROOT))).ifPresent(lang -> {
            s.put("lang.gui", lang);
            s.put("lang.wui", lang);
        });
        if (device) {
            p.adminPassword().filter(pw -> !pw.isEmpty())
                    .ifPresent(pw -> s.put("static.security.user_password", "admin:" + pw.reveal()));
        }
        p.resyncInterval().ifPresent(d -> {
            s.put("static.auto_provision.repeat.enable", 1);
            s.put("static.auto_provision.repeat.minutes", (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMinutes())));
        });
        p.phonebookUrl().ifPresent(url -> {
            s.put("features.remote_phonebook.enable", 1);
            s.put("remote_phonebook.data.1.url", url);
            s.put("remote_phonebook.data.1.name", "Directory");
        });
        p.firmwareUrl().ifPresent(url -> s.put("static.firmware.url", url));
        return s;
    }

    private static void account(Line line, Profile p, OrderedSettings s) {
        String a = "account." + line.index() + ".";
        s.put(a + "enable", line.enabled());
        s.put(a + "label", line.label());
        s.put(a + "display_name", line.displayName());
        s.put(a + "auth_name", line.authName());
        s.put(a + "user_name", line.userName());
        s.put(a + "password", line.password().reveal());
        s.put(a + "sip_server_host", line.server());
        s.put(a + "sip_server_port", line.port());
        s.put(a + "transport", transport(line.transport()));
        if (p.codecs().isEmpty()) {
            // Seed 002's default when nothing is chosen: PCMU in the older slot form.
            s.put(a + "codec.1.enable", 1);
            s.put(a + "codec.1.payload_type", "PCMU");
            s.put(a + "codec.1.priority", 1);
            s.put(a + "codec.1.rtpmap", 0);
        }
        s.put(a + "cid_source", 4);
        line.voicemail().or(p::voicemailNumber).ifPresent(vm -> s.put("voice_mail.number." + line.index(), vm));

        s.put(a + "sip_server.1.address", line.server());
        s.put(a + "sip_server.1.port", line.port());
        s.put(a + "sip_server.1.transport_type", transport(line.transport()));
        line.expirySeconds().ifPresent(e -> s.put(a + "sip_server.1.expires", e));
        s.put(a + "outbound_proxy_enable", line.outboundProxy().isPresent());
        line.outboundProxy().ifPresent(proxy -> {
            HostPort hp = HostPort.parse(proxy);
            s.put(a + "outbound_proxy.1.address", hp.host());
            hp.port().ifPresent(port -> s.put(a + "outbound_proxy.1.port", port));
        });
        int priority = 1;
        for (String codec : p.codecs()) {
            String name = CODECS.get(codec.strip().toUpperCase(Locale.ROOT));
            if (name != null) {
                s.put(a + "codec." + name + ".enable", 1);
                s.put(a + "codec." + name + ".priority", priority++);
            }
        }
        p.dtmf().ifPresent(d -> s.put(a + "dtmf.type", dtmf(d)));
        if (line.voicemail().or(p::voicemailNumber).isPresent()) {
            s.put(a + "subscribe_mwi", 1);
            s.put(a + "subscribe_mwi_to_vm", 1);
        }
    }

    private static void keys(List<Key> keys, Optional<ModelInfo> model, OrderedSettings s) {
        int maxKeys = model.map(ModelInfo::keys).filter(k -> k > 0).orElse(Integer.MAX_VALUE);
        for (Key k : keys) {
            String prefix;
            if (k.module() == 0) {
                if (k.index() > maxKeys) {
                    continue;
                }
                prefix = "linekey." + k.index() + ".";
            } else {
                prefix = "expansion_module." + k.module() + ".key." + k.index() + ".";
            }
            s.put(prefix + "type", keyType(k.type()));
            s.put(prefix + "value", k.value());
            s.put(prefix + "label", k.label());
            s.put(prefix + "line", k.line());
            k.pickupCode().filter(c -> k.type() == KeyType.BLF).ifPresent(c -> s.put(prefix + "extension", c));
        }
    }

    static int keyType(KeyType t) {
        return switch (t) {
            case NONE -> 0;
            case LINE -> 15;
            case BLF -> 16;
            case SPEED_DIAL -> 13;
            case PARK -> 10;
            case DTMF -> 11;
            case VOICEMAIL -> 12;
            case DND -> 5;
            case TRANSFER -> 3;
            // Intercom is 14 on current firmware; not in the reference table.
            case INTERCOM -> 14;
        };
    }

    private static int transport(Transport t) {
        return switch (t) {
            case UDP -> 0;
            case TCP -> 1;
            case TLS -> 2;
        };
    }

    private static int dtmf(DtmfMode d) {
        return switch (d) {
            case INBAND -> 0;
            case RFC2833 -> 1;
            case SIP_INFO -> 2;
        };
    }

    /** {@code host[:port]}; a port that is not a number stays part of the host. */
    record HostPort(String host, Optional<Integer> port) {
        static HostPort parse(String text) {
            String t = text.strip();
            int colon = t.lastIndexOf(':');
            if (colon > 0 && t.indexOf(']') < colon && t.substring(colon + 1).matches("[0-9]{1,5}")) {
                int port = Integer.parseInt(t.substring(colon + 1));
                if (port >= 1 && port <= 65535) {
                    return new HostPort(t.substring(0, colon), Optional.of(port));
                }
            }
            return new HostPort(t, Optional.empty());
        }
    }
}
