package org.endpointmanager.vendor.snom;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An ordered list of settings in which a later setting for the same slot replaces the earlier. */
final class SnomSettingList {
    private final List<SnomSetting> settings = new ArrayList<>();

    /** Adds a setting, or replaces the one with the same name and idx in place. */
    void put(SnomSetting setting) {
        for (int i = 0; i < settings.size(); i++) {
            if (settings.get(i).sameSlot(setting)) {
                settings.set(i, setting);
                return;
            }
        }
        settings.add(setting);
    }

    /**
     * Puts a raw parameter: it keeps the permission of the generated setting it replaces, and a
     * new one is {@code RW} like the identity settings.
     */
    void putRaw(RawKey key, String value) {
        SnomSetting probe = new SnomSetting(key.name(), key.idx(), SnomSetting.RW, value);
        String perm = settings.stream().filter(s -> s.sameSlot(probe)).map(SnomSetting::perm)
                .findFirst().orElse(SnomSetting.RW);
        put(new SnomSetting(key.name(), key.idx(), perm, value));
    }

    List<SnomSetting> settings() {
        return List.copyOf(settings);
    }

    List<Map<String, Object>> scope() {
        return settings.stream().map(SnomSetting::scope).toList();
    }
}
