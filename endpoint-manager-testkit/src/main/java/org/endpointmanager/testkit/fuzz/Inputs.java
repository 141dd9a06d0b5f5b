package org.endpointmanager.testkit.fuzz;

import java.util.HexFormat;

/**
 * Shows a generated input in a failure message: control characters, non-ASCII and lone surrogates
 * escaped as {@code \\uXXXX}, byte arrays as hex, both cut at a readable length.
 */
public final class Inputs {

    private static final int MAX_SHOWN = 2000;

    private Inputs() {
    }

    /** A one-line, printable rendering of any input. */
    public static String describe(Object input) {
        if (input instanceof byte[] bytes) {
            String hex = HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, MAX_SHOWN / 2));
            return bytes.length + " bytes: " + hex + (bytes.length > MAX_SHOWN / 2 ? "..." : "")
                    + " (as text: " + escape(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)) + ")";
        }
        return escape(String.valueOf(input));
    }

    /** Java-style escaping of everything outside printable ASCII. */
    public static String escape(String s) {
        StringBuilder sb = new StringBuilder("\"");
        int n = Math.min(s.length(), MAX_SHOWN);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\0' -> sb.append("\\0");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
        if (s.length() > n) {
            sb.append("... (").append(s.length()).append(" chars)");
        }
        return sb.toString();
    }
}
