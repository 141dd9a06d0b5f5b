package org.endpointmanager.testkit.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * JSON values of bounded depth as plain Java trees ({@code Map<String, Object>}, {@code List<Object>},
 * {@code String}, {@code Long}, {@code Double}, {@code Boolean}, {@code null}), and their JSON text.
 * The kit stays free of a JSON library; a test parses {@link #write(Object)} with its own.
 */
public final class JsonTrees {

    private JsonTrees() {
    }

    /** Objects of up to {@code maxFields} fields whose names come from {@code keys}, nested to {@code depth}. */
    public static Gen<Map<String, Object>> objects(Gen<String> keys, int depth, int maxFields) {
        return r -> object(r, keys, depth, maxFields);
    }

    private static Map<String, Object> object(SplittableRandom r, Gen<String> keys, int depth, int maxFields) {
        Map<String, Object> o = new LinkedHashMap<>();
        int n = r.nextInt(maxFields + 1);
        for (int i = 0; i < n; i++) {
            o.put(keys.next(r), value(r, keys, depth, maxFields));
        }
        return o;
    }

    private static Object value(SplittableRandom r, Gen<String> keys, int depth, int maxFields) {
        int pick = r.nextInt(depth > 0 ? 10 : 8);
        return switch (pick) {
            case 0, 1 -> HostileStrings.upTo(40).next(r);
            case 2 -> Gen.longs().next(r);
            case 3 -> (long) r.nextInt(-2, 70000);
            case 4 -> new double[] {0.5, -1.5, 1e300, -0.0, Double.MIN_VALUE, r.nextDouble() * 1e6}[r.nextInt(6)];
            case 5 -> r.nextBoolean();
            case 6 -> null;
            case 7 -> r.nextBoolean() ? "" : Long.toString(r.nextLong(-5, 100000));
            case 8 -> object(r, keys, depth - 1, maxFields);
            default -> {
                List<Object> list = new ArrayList<>();
                int n = r.nextInt(5);
                for (int i = 0; i < n; i++) {
                    list.add(value(r, keys, depth - 1, maxFields));
                }
                yield list;
            }
        };
    }

    /** The JSON text of a tree. Strings are escaped so any Java string (even a lone surrogate) survives. */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String s) {
            string(sb, s);
        } else if (v instanceof Double d) {
            sb.append(d.isNaN() || d.isInfinite() ? "0" : d.toString());
        } else if (v instanceof Number || v instanceof Boolean) {
            sb.append(v);
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(first ? "" : ",");
                first = false;
                string(sb, String.valueOf(e.getKey()));
                sb.append(':');
                write(sb, e.getValue());
            }
            sb.append('}');
        } else if (v instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                sb.append(i == 0 ? "" : ",");
                write(sb, l.get(i));
            }
            sb.append(']');
        } else {
            throw new IllegalArgumentException("not a JSON tree value: " + v.getClass());
        }
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }
}
