package org.endpointmanager.testkit.grandstream;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Just enough JSON for the simulator: parses what a driver PUTs, quotes what it answers. */
final class SimJson {

    private final String text;
    private int pos;

    private SimJson(String text) {
        this.text = text;
    }

    /** Parses a JSON value into maps, lists, strings, numbers (as text), booleans and null. */
    static Object parse(String text) {
        SimJson p = new SimJson(text);
        Object v = p.value(0);
        p.ws();
        if (p.pos != text.length()) {
            throw new IllegalArgumentException("trailing characters at " + p.pos);
        }
        return v;
    }

    /** A JSON string literal. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private Object value(int depth) {
        if (depth > 16) {
            throw new IllegalArgumentException("too deep");
        }
        ws();
        if (pos >= text.length()) {
            throw new IllegalArgumentException("unexpected end");
        }
        char c = text.charAt(pos);
        if (c == '{') {
            pos++;
            Map<String, Object> m = new LinkedHashMap<>();
            ws();
            if (peek('}')) {
                return m;
            }
            do {
                ws();
                String k = string();
                ws();
                expect(':');
                m.put(k, value(depth + 1));
                ws();
            } while (peek(','));
            expect('}');
            return m;
        }
        if (c == '[') {
            pos++;
            List<Object> l = new ArrayList<>();
            ws();
            if (peek(']')) {
                return l;
            }
            do {
                l.add(value(depth + 1));
                ws();
            } while (peek(','));
            expect(']');
            return l;
        }
        if (c == '"') {
            return string();
        }
        int start = pos;
        while (pos < text.length() && "{}[],: \t\r\n\"".indexOf(text.charAt(pos)) < 0) {
            pos++;
        }
        String word = text.substring(start, pos);
        return switch (word) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            case "null" -> null;
            default -> {
                if (!word.matches("-?[0-9][0-9.eE+-]*")) {
                    throw new IllegalArgumentException("bad token at " + start);
                }
                yield word;
            }
        };
    }

    private String string() {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw new IllegalArgumentException("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return b.toString();
            }
            if (c == '\\') {
                char e = text.charAt(pos++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> {
                        b.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> b.append(e);
                }
            } else {
                b.append(c);
            }
        }
    }

    private void ws() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean peek(char c) {
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw new IllegalArgumentException("expected '" + c + "' at " + pos);
        }
    }
}
