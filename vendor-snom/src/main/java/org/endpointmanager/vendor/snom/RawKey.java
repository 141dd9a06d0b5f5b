package org.endpointmanager.vendor.snom;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The key of a raw Snom parameter: {@code name} or {@code name[idx]} (for example
 * {@code user_srtp[2]}).
 *
 * @param name the setting name
 * @param idx the idx, when the key names one
 */
record RawKey(String name, Optional<Integer> idx) {

    private static final Pattern KEY = Pattern.compile("([A-Za-z_][A-Za-z0-9_\\-]{0,63})(?:\\[([0-9]{1,3})\\])?");

    RawKey {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(idx, "idx is null");
    }

    /**
     * Parses a key as an admin wrote it.
     *
     * @throws IllegalArgumentException naming the key when it is not a valid Snom setting name
     */
    static RawKey parse(String section, String text) {
        String t = text.strip();
        Matcher m = KEY.matcher(t);
        if (t.length() > 80 || !m.matches()) {
            String shown = t.length() > 80 ? t.substring(0, 80) + "..." : t;
            throw new IllegalArgumentException("raw parameter [" + section + "] key '" + printable(shown)
                    + "' is not a Snom setting: use name or name[idx], with a name of letters, digits,"
                    + " '_' and '-' that starts with a letter or '_'");
        }
        Optional<Integer> idx = Optional.ofNullable(m.group(2)).map(Integer::valueOf);
        return new RawKey(m.group(1), idx);
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return b.toString();
    }
}
