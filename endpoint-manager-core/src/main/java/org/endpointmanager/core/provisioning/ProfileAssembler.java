package org.endpointmanager.core.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.endpointmanager.api.Secret;
import org.endpointmanager.api.host.Extension;
import org.endpointmanager.api.host.UserDirectory;
import org.endpointmanager.api.profile.Line;
import org.endpointmanager.api.profile.Profile;
import org.endpointmanager.api.profile.Transport;
import org.endpointmanager.api.vendor.ModelInfo;
import org.endpointmanager.api.vendor.RawParameter;
import org.endpointmanager.api.vendor.RawParameters;
import org.endpointmanager.core.http.ApiException;
import org.endpointmanager.core.http.Json;
import org.endpointmanager.core.render.RawParametersParser;
import org.endpointmanager.core.security.SecretBox;
import org.endpointmanager.core.settings.Settings;
import org.endpointmanager.core.store.DeviceRecord;
import org.endpointmanager.core.store.LineRecord;
import org.endpointmanager.core.store.TemplateRecord;

/**
 * Builds a device's effective settings. Precedence, lowest first: vendor defaults (in the
 * generator) &lt; template (the device's own, else its site's default) &lt; device overrides &lt;
 * raw vendor parameters (global "Additional Parameters" &lt; template's &lt; device's &lt;
 * {@code raw_pconfig}). Line credentials come from the host's user directory when a line is bound
 * to an extension.
 */
public final class ProfileAssembler {

    private final UserDirectory users;
    private final SecretBox secrets;

    /** Creates the assembler. */
    public ProfileAssembler(UserDirectory users, SecretBox secrets) {
        this.users = Objects.requireNonNull(users, "users is null");
        this.secrets = Objects.requireNonNull(secrets, "secrets is null");
    }

    /**
     * The result.
     *
     * @param profile effective settings
     * @param raw merged raw vendor parameters
     */
    public record Assembled(Profile profile, RawParameters raw) {
    }

    /** The profile of one device (its MAC file). */
    public Assembled forDevice(DeviceRecord device, Optional<TemplateRecord> template, Settings settings,
            Optional<ModelInfo> model, Set<String> rawSections) {
        ProfileLayer templateLayer = template.map(t -> layer(t.settingsJson(), "template")).orElse(ProfileLayer.empty());
        ProfileLayer deviceLayer = layer(device.settingsJson(), "device");
        Profile.Builder b = Profile.builder();
        templateLayer.applyTo(b);
        deviceLayer.applyTo(b);

        String defaultServer = deviceLayer.server().or(templateLayer::server).orElse(settings.pbxHost());
        int defaultPort = deviceLayer.port().or(templateLayer::port).orElse(settings.pbxPort());
        Transport transport = deviceLayer.transport().or(templateLayer::transport).orElse(Transport.UDP);
        Optional<Integer> expiry = deviceLayer.expirySeconds().or(templateLayer::expirySeconds);
        Optional<String> proxy = deviceLayer.outboundProxy().or(templateLayer::outboundProxy);
        Optional<String> voicemail = deviceLayer.voicemailNumber().or(templateLayer::voicemailNumber);
        int maxLines = model.map(ModelInfo::lines).orElse(64);

        List<Line> lines = new ArrayList<>();
        for (LineRecord lr : device.lines()) {
            if (lr.index() > maxLines) {
                continue;
            }
            String user;
            Secret password;
            String display;
            if (lr.extension().isPresent()) {
                String number = lr.extension().get();
                Extension ext = users.find(number).orElseThrow(() -> new ProvisioningException("line " + lr.index()
                        + " is bound to extension " + number + ", which the host's user directory does not have"));
                user = ext.sipUser();
                password = ext.password();
                display = lr.displayName().orElse(ext.displayName().isBlank() ? user : ext.displayName());
            } else {
                user = lr.username().orElseThrow(() -> new ProvisioningException("line " + lr.index()
                        + " has neither an extension nor a user name"));
                password = lr.password().orElse(Secret.of(""));
                display = lr.displayName().orElse(user);
            }
            String server = lr.server().orElse(defaultServer);
            int port = lr.port().orElse(lr.server().isPresent() ? 5060 : defaultPort);
            lines.add(new Line(lr.index(), true, lr.label().orElse(user), display, user, user, password, server, port,
                    transport, proxy, expiry, voicemail));
        }
        b.lines(lines);

        List<RawParameters> rawLayers = new ArrayList<>();
        rawLayers.add(raw(settings.additionalParameters(), rawSections));
        template.ifPresent(t -> rawLayers.add(raw(t.rawParameters(), rawSections)));
        rawLayers.add(raw(device.rawParameters(), rawSections));
        rawLayers.add(pconfig(templateLayer.rawPconfig()));
        rawLayers.add(pconfig(deviceLayer.rawPconfig()));
        return new Assembled(b.build(), RawParametersParser.merge(rawLayers));
    }

    /** The profile of a shared (COMMON/BOOT) file: no lines, no secrets. */
    public Assembled forCommon(Optional<TemplateRecord> template, Settings settings, Set<String> rawSections) {
        ProfileLayer templateLayer = template.map(t -> layer(t.settingsJson(), "template")).orElse(ProfileLayer.empty());
        Profile.Builder b = Profile.builder();
        templateLayer.applyTo(b);
        b.adminPassword(null);
        List<RawParameters> rawLayers = new ArrayList<>();
        rawLayers.add(raw(settings.additionalParameters(), rawSections));
        template.ifPresent(t -> rawLayers.add(raw(t.rawParameters(), rawSections)));
        return new Assembled(b.build(), RawParametersParser.merge(rawLayers));
    }

    private static RawParameters pconfig(Map<String, String> values) {
        if (values.isEmpty()) {
            return RawParameters.none();
        }
        List<RawParameter> params = new ArrayList<>();
        values.forEach((k, v) -> params.add(new RawParameter(k, v)));
        Map<String, List<RawParameter>> sections = new LinkedHashMap<>();
        sections.put("grandstream", params);
        return new RawParameters(sections);
    }

    /**
     * Parsed layers by their stored text: a template's settings are the same text for every phone on
     * it, and most devices store none, so a boot storm parses each distinct text once instead of once
     * per request. Parsing is a pure function of the text (and the secret key, fixed while the engine
     * runs); a changed row is a different text. Bounded: cleared when full, costing one parse each.
     */
    private final java.util.concurrent.ConcurrentHashMap<String, ProfileLayer> layers = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentHashMap<RawKey, RawParameters> raws = new java.util.concurrent.ConcurrentHashMap<>();
    static final int MAX_MEMO = 4096;

    private record RawKey(String text, Set<String> sections) {
    }

    private RawParameters raw(String text, Set<String> sections) {
        if (text == null || text.isBlank()) {
            return RawParameters.none();
        }
        return memo(raws, new RawKey(text, sections), () -> RawParametersParser.parse(text, sections));
    }

    private ProfileLayer layer(String json, String prefix) {
        String text = json == null || json.isBlank() ? "{}" : json;
        return memo(layers, prefix + '\0' + text, () -> parseLayer(text, prefix));
    }

    /** A parse remembered by its input; a failed parse throws and is not remembered. */
    private static <K, V> V memo(java.util.concurrent.ConcurrentHashMap<K, V> memo, K key,
            java.util.function.Supplier<V> parse) {
        V known = memo.get(key);
        if (known != null) {
            return known;
        }
        V parsed = parse.get();
        if (memo.size() >= MAX_MEMO) {
            memo.clear();
        }
        memo.put(key, parsed);
        return parsed;
    }

    private ProfileLayer parseLayer(String json, String prefix) {
        try {
            JsonNode node = Json.mapper().readTree(json);
            return ProfileLayer.parse(node, prefix, Optional.of(secrets));
        } catch (ApiException e) {
            throw new ProvisioningException("stored " + prefix + " settings are invalid: " + e.getMessage(), e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ProvisioningException("stored " + prefix + " settings are not JSON", e);
        }
    }
}
