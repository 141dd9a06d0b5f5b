package org.endpointmanager.vendor.grandstream;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One Grandstream P-code setting.
 *
 * @param code the P-code, {@code P} followed by digits
 * @param value the value, unescaped (the template escapes it)
 */
record PValue(String code, String value) {

    private static final Pattern CODE = Pattern.compile("P[0-9]{1,6}");

    PValue {
        Objects.requireNonNull(code, "code is null");
        Objects.requireNonNull(value, "value is null");
        if (!isCode(code)) {
            throw new IllegalArgumentException("not a P-code: " + code);
        }
    }

    static boolean isCode(String text) {
        return CODE.matcher(text).matches();
    }
}
