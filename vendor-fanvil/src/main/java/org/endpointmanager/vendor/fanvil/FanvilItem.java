package org.endpointmanager.vendor.fanvil;

import java.util.Objects;
import java.util.Optional;

/**
 * One setting with its name in each dialect, so one generator feeds both writers.
 *
 * @param module the text dialect's module ({@link FanvilModule#TOP} for lines before the first one)
 * @param textName the text dialect's name, when the setting exists there
 * @param xmlPath the {@code <sysConf>} path such as {@code sip/line[1]/EnableReg}, when it exists there
 * @param value the unescaped value
 */
record FanvilItem(FanvilModule module, Optional<String> textName, Optional<String> xmlPath, String value) {
    FanvilItem {
        Objects.requireNonNull(module, "module is null");
        Objects.requireNonNull(textName, "textName is null");
        Objects.requireNonNull(xmlPath, "xmlPath is null");
        Objects.requireNonNull(value, "value is null");
    }

    static FanvilItem both(FanvilModule module, String textName, String xmlPath, Object value) {
        return new FanvilItem(module, Optional.of(textName), Optional.of(xmlPath), String.valueOf(value));
    }

    static FanvilItem xmlOnly(String xmlPath, Object value) {
        return new FanvilItem(FanvilModule.TOP, Optional.empty(), Optional.of(xmlPath), String.valueOf(value));
    }
}
