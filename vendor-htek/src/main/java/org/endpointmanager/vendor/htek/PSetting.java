package org.endpointmanager.vendor.htek;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One Htek P-code setting.
 *
 * @param code the P-code, {@code P} followed by digits
 * @param para the descriptive {@code para=} name, empty for raw codes this generator does not know
 * @param value the value, unescaped (the template escapes it)
 */
record PSetting(String code, String para, String value) {

    private static final Pattern CODE = Pattern.compile("P[0-9]{1,6}");

    PSetting {
        Objects.requireNonNull(code, "code is null");
        Objects.requireNonNull(para, "para is null");
        Objects.requireNonNull(value, "value is null");
        if (!isCode(code)) {
            throw new IllegalArgumentException("not a P-code: " + code);
        }
    }

    static boolean isCode(String text) {
        return CODE.matcher(text).matches();
    }
}
