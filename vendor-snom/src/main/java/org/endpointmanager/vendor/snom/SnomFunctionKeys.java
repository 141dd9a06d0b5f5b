package org.endpointmanager.vendor.snom;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.endpointmanager.api.profile.Key;
import org.endpointmanager.api.profile.Line;
import org.endpointmanager.api.profile.Profile;
import org.endpointmanager.api.vendor.ModelInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns profile keys into Snom {@code <fkey>} definitions. */
final class SnomFunctionKeys {

    private static final Logger LOG = LoggerFactory.getLogger(SnomFunctionKeys.class);

    private final List<Line> lines;
    private final Profile profile;
    private final Optional<ModelInfo> model;
    private final String mac;

    SnomFunctionKeys(List<Line> lines, Profile profile, Optional<ModelInfo> model, String mac) {
        this.lines = lines;
        this.profile = profile;
        this.model = model;
        this.mac = mac;
    }

    List<SnomFunctionKey> build() {
        TreeMap<Integer, SnomFunctionKey> byIdx = new TreeMap<>();
        for (Key k : profile.keys()) {
            Optional<Integer> idx = idx(k);
            if (idx.isEmpty()) {
                LOG.warn("snom {}: key {} on module {} left out, the model's expansion module keys are unknown",
                        mac, k.index(), k.module());
                continue;
            }
            byIdx.put(idx.get(), new SnomFunctionKey(idx.get(), context(k), k.label(), definition(k)));
        }
        return new ArrayList<>(byIdx.values());
    }

    /** Phone keys count from 0; expansion module keys follow the phone's own keys, module by module. */
    private Optional<Integer> idx(Key k) {
        if (k.module() == 0) {
            return Optional.of(k.index() - 1);
        }
        if (model.isEmpty()) {
            return Optional.empty();
        }
        int perModule = Integer.parseInt(model.get().attribute(SnomCatalog.MODULE_KEYS, "0"));
        if (perModule == 0 || k.index() > perModule) {
            return Optional.empty();
        }
        return Optional.of(model.get().keys() + (k.module() - 1) * perModule + k.index() - 1);
    }

    /** Line 1 is what Snom calls the active identity; keys of other lines name theirs. */
    private static String context(Key k) {
        return k.line() == 1 ? "active" : String.valueOf(k.line());
    }

    private String definition(Key k) {
        String v = k.value().strip();
        return switch (k.type()) {
            case NONE -> "none";
            case LINE -> "line";
            case BLF -> v.isEmpty() ? "none" : "blf " + uri(v, k.line()) + k.pickupCode().map(c -> "|" + c).orElse("");
            case SPEED_DIAL -> v.isEmpty() ? "none" : "speed " + v;
            case PARK -> v.isEmpty() ? "none" : "orbit " + v;
            case DTMF -> v.isEmpty() ? "none" : "dtmf " + v;
            case TRANSFER -> v.isEmpty() ? "none" : "transfer " + v;
            case INTERCOM -> v.isEmpty() ? "none" : "icom " + uri(v, k.line());
            case VOICEMAIL -> voicemail(v, k.line()).map(n -> "speed " + n).orElse("none");
            case DND -> "keyevent F_DND";
        };
    }

    private Optional<String> voicemail(String value, int line) {
        if (!value.isEmpty()) {
            return Optional.of(value);
        }
        return lines.stream().filter(l -> l.index() == line).findFirst().flatMap(Line::voicemail)
                .or(profile::voicemailNumber);
    }

    /** A SIP URI on the key's line's registrar; the bare value when that line is not in this file. */
    private String uri(String value, int line) {
        if (value.startsWith("sip:")) {
            return value;
        }
        if (value.contains("@")) {
            return "sip:" + value;
        }
        return lines.stream().filter(l -> l.index() == line).findFirst()
                .map(l -> "sip:" + value + "@" + l.server()).orElse(value);
    }
}
