package org.endpointmanager.api.render;

/**
 * How a value is made safe for one output format. Every {@code {{value}}} in a template passes
 * through the escaping of the template's format; there is no way to switch it off per value.
 */
public enum Escaping {
    /**
     * XML text and attribute content: {@code & < > " '} become entities, characters XML 1.0
     * forbids are dropped.
     */
    XML {
        @Override
        public String escape(String value) {
            StringBuilder b = new StringBuilder(value.length() + 16);
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '&' -> b.append("&amp;");
                    case '<' -> b.append("&lt;");
                    case '>' -> b.append("&gt;");
                    case '"' -> b.append("&quot;");
                    case '\'' -> b.append("&apos;");
                    default -> {
                        if (Character.isHighSurrogate(c) && i + 1 < value.length()
                                && Character.isLowSurrogate(value.charAt(i + 1))) {
                            // a pair is one supplementary character; a lone half is not XML (found by fuzzing)
                            b.append(c).append(value.charAt(++i));
                        } else if (c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF)
                                || (c >= 0xE000 && c <= 0xFFFD)) {
                            b.append(c);
                        }
                    }
                }
            }
            return b.toString();
        }
    },
    /**
     * One value of a line-oriented format ({@code key = value}, Fanvil's {@code Name :value}):
     * line breaks and other control characters become spaces, so a value can never start a new
     * line.
     */
    LINE {
        @Override
        public String escape(String value) {
            StringBuilder b = new StringBuilder(value.length());
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                b.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u0085' ? ' ' : c);
            }
            return b.toString();
        }
    };

    /** Makes one value safe for this format. */
    public abstract String escape(String value);
}
