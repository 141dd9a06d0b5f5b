package org.endpointmanager.testkit.fuzz;

import java.util.HexFormat;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * MAC-like strings: a real MAC in every spelling phones and people use (bare, colons, dashes, dots,
 * upper/lower/mixed case), and near-misses that must be refused (a digit short or long, a non-hex
 * letter, mixed or doubled separators, full-width digits, junk around it).
 */
public final class Macs {

    private Macs() {
    }

    /** Twelve lowercase hex digits. */
    public static Gen<String> hex() {
        return r -> HexFormat.of().toHexDigits(r.nextLong()).substring(4);
    }

    /** A valid spelling of {@code hex} (twelve lowercase hex digits). */
    public static String spell(SplittableRandom r, String hex) {
        String h = switch (r.nextInt(3)) {
            case 0 -> hex;
            case 1 -> hex.toUpperCase(Locale.ROOT);
            default -> mixedCase(r, hex);
        };
        return switch (r.nextInt(4)) {
            case 0 -> h;
            case 1 -> group(h, 2, ":");
            case 2 -> group(h, 2, "-");
            default -> group(h, 4, ".");
        };
    }

    /** Valid spellings of random MACs. */
    public static Gen<String> spellings() {
        return r -> spell(r, hex().next(r));
    }

    /** Strings that look like a MAC but are not one. */
    public static Gen<String> nearMisses() {
        return r -> {
            String hex = hex().next(r);
            return switch (r.nextInt(10)) {
                case 0 -> hex.substring(1);
                case 1 -> hex + Integer.toHexString(r.nextInt(16));
                case 2 -> hex.substring(0, 5) + "g" + hex.substring(6);
                case 3 -> group(hex, 2, ":").replaceFirst(":", "-");
                case 4 -> group(hex, 2, "::");
                case 5 -> group(hex, 3, ":");
                case 6 -> hex.replace('0', '\uff10').replace('1', '\uff11');
                case 7 -> " " + hex + "\n";
                case 8 -> group(hex, 2, ":") + ":";
                default -> HostileStrings.mutate(spell(r, hex)).next(r);
            };
        };
    }

    /** Mostly valid spellings, some near-misses, some pure garbage. */
    public static Gen<String> anything() {
        return Gen.oneOf(spellings(), nearMisses(), nearMisses(), HostileStrings.upTo(40));
    }

    private static String mixedCase(SplittableRandom r, String hex) {
        StringBuilder sb = new StringBuilder();
        for (char c : hex.toCharArray()) {
            sb.append(r.nextBoolean() ? Character.toUpperCase(c) : c);
        }
        return sb.toString();
    }

    private static String group(String hex, int size, String sep) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < hex.length(); i += size) {
            if (i > 0) {
                sb.append(sep);
            }
            sb.append(hex, i, Math.min(hex.length(), i + size));
        }
        return sb.toString();
    }
}
