package org.endpointmanager.vendor.snom;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.endpointmanager.api.profile.DtmfMode;
import org.endpointmanager.api.profile.Line;
import org.endpointmanager.api.profile.Profile;
import org.endpointmanager.api.profile.Transport;
import org.endpointmanager.api.vendor.FileKind;
import org.endpointmanager.api.vendor.ModelInfo;
import org.endpointmanager.api.vendor.RawParameter;
import org.endpointmanager.api.vendor.RenderContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a profile into the settings of a Snom settings file. All decisions live here, so the
 * template only prints lists.
 *
 * <p>Only DEVICE files carry identities, the admin password, {@code challenge_checksync} and raw
 * parameters; a COMMON file is served to anyone who names a model, so it gets none of them even
 * if a caller passed a profile with lines.
 */
final class SnomSettingsGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(SnomSettingsGenerator.class);

    /** Snom firmware numbers identities 1..12. */
    static final int MAX_IDENTITIES = 12;
    private static final int DEFAULT_SIP_PORT = 5060;

    private static final Map<String, String> CODECS = Map.of(
            "PCMU", "pcmu", "PCMA", "pcma", "G722", "g722", "G729", "g729",
            "G726-32", "g726-32", "G723", "g723", "OPUS", "opus");

    private final SnomTimeZones timeZones;
    private final SnomLanguages languages;

    SnomSettingsGenerator(SnomTimeZones timeZones, SnomLanguages languages) {
        this.timeZones = timeZones;
        this.languages = languages;
    }

    SnomDocument generate(RenderContext context) {
        boolean device = context.request().kind() == FileKind.DEVICE;
        String mac = context.request().mac().map(m -> m.upper()).orElse("-");
        Profile p = context.profile();
        List<Line> lines = device ? identities(p, context.model(), mac) : List.of();

        SnomSettingList root = new SnomSettingList();
        // seed 002's reference output carries this default outside <phone-settings>
        root.put(SnomSetting.of("time_24_format", SnomSetting.R, "off"));

        SnomSettingList phone = new SnomSettingList();
        for (Line line : lines) {
            identity(phone, line, p);
        }
        global(phone, p, context, device);

        if (device) {
            for (RawParameter raw : context.raw().section(SnomVendorPlugin.RAW_ROOT)) {
                root.putRaw(RawKey.parse(SnomVendorPlugin.RAW_ROOT, raw.key()), raw.value());
            }
            for (RawParameter raw : context.raw().section(SnomVendorPlugin.RAW_PHONE)) {
                phone.putRaw(RawKey.parse(SnomVendorPlugin.RAW_PHONE, raw.key()), raw.value());
            }
        } else {
            validateRawKeys(context);
        }
        List<SnomFunctionKey> keys = new SnomFunctionKeys(lines, p, context.model(), mac).build();
        return new SnomDocument(root.settings(), phone.settings(), keys);
    }

    private static void validateRawKeys(RenderContext context) {
        for (String section : List.of(SnomVendorPlugin.RAW_ROOT, SnomVendorPlugin.RAW_PHONE)) {
            for (RawParameter raw : context.raw().section(section)) {
                RawKey.parse(section, raw.key());
            }
        }
    }

    private static List<Line> identities(Profile p, Optional<ModelInfo> model, String mac) {
        int max = Math.min(MAX_IDENTITIES, model.map(ModelInfo::lines).orElse(MAX_IDENTITIES));
        List<Line> kept = new ArrayList<>();
        for (Line l : p.lines()) {
            if (l.index() <= max) {
                kept.add(l);
            } else {
                LOG.warn("snom {}: line {} left out, model {} has {} identities", mac, l.index(),
                        model.map(ModelInfo::model).orElse("unknown"), max);
            }
        }
        return kept;
    }

    private void identity(SnomSettingList s, Line line, Profile p) {
        int n = line.index();
        String rw = SnomSetting.RW;
        // the first seven in the order of seed 002's reference output
        s.put(SnomSetting.of("user_pname", n, rw, line.authName()));
        s.put(SnomSetting.of("user_name", n, rw, line.userName()));
        s.put(SnomSetting.of("user_realname", n, rw, line.displayName()));
        s.put(SnomSetting.of("user_pass", n, rw, line.password().reveal()));
        s.put(SnomSetting.of("user_host", n, rw, hostPort(line)));
        s.put(SnomSetting.of("user_srtp", n, rw, "off"));
        line.voicemail().or(p::voicemailNumber)
                .ifPresent(v -> s.put(SnomSetting.of("user_mailbox", n, rw, v)));
        s.put(SnomSetting.of("user_active", n, rw, line.enabled() ? "on" : "off"));
        if (!line.label().isBlank()) {
            s.put(SnomSetting.of("user_idle_text", n, rw, line.label()));
        }
        outbound(line).ifPresent(v -> s.put(SnomSetting.of("user_outbound", n, rw, v)));
        line.expirySeconds().ifPresent(v -> s.put(SnomSetting.of("user_expiry", n, rw, String.valueOf(v))));
        p.dtmf().ifPresent(d -> s.put(SnomSetting.of("user_dtmf_info", n, rw, dtmfInfo(d))));
        codecList(p).ifPresent(v -> s.put(SnomSetting.of("codec_priority_list", n, rw, v)));
    }

    static String hostPort(Line line) {
        return line.port() == DEFAULT_SIP_PORT ? line.server() : line.server() + ":" + line.port();
    }

    /**
     * Snom takes the transport as a parameter of the outbound proxy; without a proxy of its own
     * the registrar is named as the proxy so the parameter has somewhere to go.
     */
    private static Optional<String> outbound(Line line) {
        String param = line.transport() == Transport.UDP ? ""
                : ";transport=" + line.transport().name().toLowerCase(Locale.ROOT);
        if (line.outboundProxy().isPresent()) {
            return Optional.of(line.outboundProxy().get() + param);
        }
        return param.isEmpty() ? Optional.empty() : Optional.of(hostPort(line) + param);
    }

    /** Snom has no in-band choice: both RFC 2833 and in-band map to {@code off} (RFC 2833). */
    private static String dtmfInfo(DtmfMode mode) {
        return mode == DtmfMode.SIP_INFO ? "sip_info_only" : "off";
    }

    private static Optional<String> codecList(Profile p) {
        List<String> names = new ArrayList<>();
        for (String c : p.codecs()) {
            String name = CODECS.get(c.strip().toUpperCase(Locale.ROOT));
            if (name != null && !names.contains(name)) {
                names.add(name);
            }
        }
        if (names.isEmpty()) {
            return Optional.empty();
        }
        boolean events = p.dtmf().map(d -> d == DtmfMode.RFC2833).orElse(true);
        if (events) {
            names.add("telephone-event");
        }
        return Optional.of(String.join(",", names));
    }

    private void global(SnomSettingList s, Profile p, RenderContext context, boolean device) {
        String r = SnomSetting.R;
        String rw = SnomSetting.RW;
        String mac = context.request().mac().map(m -> m.upper()).orElse("-");
        if (!p.ntpServers().isEmpty()) {
            s.put(SnomSetting.of("ntp_server", r, p.ntpServers().get(0)));
        }
        p.timeZone().ifPresent(z -> timeZones.snomName(z).ifPresentOrElse(
                name -> s.put(SnomSetting.of("timezone", r, name)),
                () -> LOG.warn("snom {}: no Snom time zone has the offset of {}, timezone left out", mac, z)));
        p.vlan().ifPresent(v -> {
            s.put(SnomSetting.of("vlan_id", r, String.valueOf(v.id())));
            s.put(SnomSetting.of("vlan_qos", r, String.valueOf(v.priority())));
        });
        p.dnd().ifPresent(d -> s.put(SnomSetting.of("dnd_mode", rw, d ? "on" : "off")));
        p.language().ifPresent(code -> languages.snomName(code).ifPresentOrElse(name -> {
            s.put(SnomSetting.of("language", rw, name));
            s.put(SnomSetting.of("web_language", rw, name));
        }, () -> LOG.warn("snom {}: language {} has no Snom name, left out", mac, printable(code))));
        if (device) {
            p.adminPassword().filter(a -> !a.isEmpty()).ifPresent(a -> {
                s.put(SnomSetting.of("admin_mode_password", r, a.reveal()));
                s.put(SnomSetting.of("http_user", r, "admin"));
                s.put(SnomSetting.of("http_pass", r, a.reveal()));
            });
        }
        p.resyncInterval().ifPresent(d -> s.put(SnomSetting.of("settings_refresh_timer", r,
                String.valueOf(Math.max(0, d.toSeconds())))));
        p.phonebookUrl().ifPresent(u -> s.put(SnomSetting.of("dkey_directory", r, "url " + u)));
        p.firmwareUrl().ifPresent(u -> {
            s.put(SnomSetting.of("firmware", rw, u));
            s.put(SnomSetting.of("update_policy", r, "auto_update"));
        });
        s.put(SnomSetting.of("setting_server", r, context.provisioningBaseUrl()));
        if (device) {
            // the phone then answers a check-sync NOTIFY with 401 and acts only on one signed
            // with an identity's credentials, so nobody else on the LAN can reboot it
            s.put(SnomSetting.of("challenge_checksync", r, "on"));
        }
    }

    private static String printable(String s) {
        String t = s.length() > 16 ? s.substring(0, 16) : s;
        return t.replaceAll("[^A-Za-z0-9_-]", "?");
    }
}
