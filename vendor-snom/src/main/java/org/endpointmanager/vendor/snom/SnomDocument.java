package org.endpointmanager.vendor.snom;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The content of one Snom settings file before rendering: settings directly under
 * {@code <settings>}, settings inside {@code <phone-settings>}, and function keys.
 *
 * @param root settings directly inside {@code <settings>}
 * @param phone settings inside {@code <phone-settings>}
 * @param keys function keys, by idx
 */
record SnomDocument(List<SnomSetting> root, List<SnomSetting> phone, List<SnomFunctionKey> keys) {
    SnomDocument {
        root = List.copyOf(Objects.requireNonNull(root, "root is null"));
        phone = List.copyOf(Objects.requireNonNull(phone, "phone is null"));
        keys = List.copyOf(Objects.requireNonNull(keys, "keys is null"));
    }

    /**
     * The scope the settings template (built-in or an admin's) renders: {@code root}, {@code phone}
     * (lists of {@code name}, {@code hasIdx}, {@code idx}, {@code perm}, {@code value}),
     * {@code keys} (lists of {@code idx}, {@code context}, {@code label}, {@code perm},
     * {@code value}) and {@code hasKeys}, plus the request's {@code mac}, {@code model} and the
     * {@code provisioningBaseUrl}.
     */
    Map<String, Object> scope(String mac, String model, String provisioningBaseUrl) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("root", root.stream().map(SnomSetting::scope).toList());
        s.put("phone", phone.stream().map(SnomSetting::scope).toList());
        s.put("keys", keys.stream().map(SnomFunctionKey::scope).toList());
        s.put("hasKeys", !keys.isEmpty());
        s.put("mac", mac);
        s.put("model", model);
        s.put("provisioningBaseUrl", provisioningBaseUrl);
        return s;
    }
}
