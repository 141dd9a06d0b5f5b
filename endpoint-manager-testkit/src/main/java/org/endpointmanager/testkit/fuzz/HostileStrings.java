package org.endpointmanager.testkit.fuzz;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Strings that break parsers and output formats: control characters, CR/LF and NUL, markup and
 * config metacharacters, percent escapes, path traversal, very long runs, and Unicode including lone
 * surrogates, direction overrides and line separators.
 */
public final class HostileStrings {

    /** Characters with a meaning in at least one format the engine reads or writes. */
    public static final String METACHARACTERS = "\n\r\t\0\"'<>&{}[]=;#%/\\.:-_ ,@$|`~!?*+()^";

    /** Fragments that close, open or inject in XML, SIP, INI, TOML, Mustache, URLs and paths. */
    public static final List<String> FRAGMENTS = List.of(
            "\r\n", "\n", "\r", "\0", "\r\n\r\n", "\n[pwned]\n", "\nkey = pwned", "\naccount.1.password = pwned",
            "</", "<!--", "-->", "]]>", "<![CDATA[", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>",
            "&amp;", "&#0;", "&e;", "\"", "'", "\\", "\\\"", "{{", "}}", "{{{x}}}", "{{#a}}", "{SIP_PASS}",
            "%00", "%0d%0a", "%2e%2e%2f", "%2F", "%", "%zz", "%u202e", "../", "..\\", "/..", "....//", "/etc/passwd",
            "C:\\Windows\\", "~", "$HOME", "${jndi:ldap://x}", "`id`", ";", "#", "=", ":", "@", ",", "*",
            "SIP/2.0", "INVITE ", "Via: ", "Content-Length: 99999", "\u0085", "\u2028", "\u2029", "\u202e",
            "\u200f", "\u200b", "\ufeff", "\ufffd", "\ud800", "\udfff", "\ud83d\ude00", "\u00e9", "\u0130",
            "\uff10\uff11", "e\u0301", "\u007f", "\u001b[2J", "NaN", "-0", "1e999", "0x10", "null", "true");

    private HostileStrings() {
    }

    /** A hostile string of up to {@code maxLength} characters. */
    public static Gen<String> upTo(int maxLength) {
        return r -> build(r, maxLength);
    }

    /** A hostile string of up to {@code maxLength} chars around a given core (prefix, suffix or both). */
    public static Gen<String> around(String core, int maxLength) {
        return r -> switch (r.nextInt(4)) {
            case 0 -> core + build(r, maxLength);
            case 1 -> build(r, maxLength) + core;
            case 2 -> build(r, maxLength) + core + build(r, maxLength);
            default -> insert(r, core, build(r, Math.min(maxLength, 8)));
        };
    }

    /** A single character chosen to hurt: a control, a metacharacter, a surrogate half, a separator. */
    public static char nastyChar(SplittableRandom r) {
        return switch (r.nextInt(6)) {
            case 0 -> (char) r.nextInt(0x20);
            case 1 -> METACHARACTERS.charAt(r.nextInt(METACHARACTERS.length()));
            case 2 -> (char) r.nextInt(0xd800, 0xe000);
            case 3 -> "\u0085\u00a0\u2028\u2029\u202a\u202e\u200e\u200f\u2066\ufeff\ufffe\uffff".charAt(r.nextInt(12));
            case 4 -> (char) r.nextInt(0x7f, 0x100);
            default -> (char) r.nextInt(0x10000);
        };
    }

    private static String build(SplittableRandom r, int maxLength) {
        if (maxLength <= 0) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        int target = r.nextInt(8) == 0 ? maxLength : r.nextInt(maxLength + 1);
        while (sb.length() < target) {
            switch (r.nextInt(6)) {
                case 0 -> sb.append(FRAGMENTS.get(r.nextInt(FRAGMENTS.size())));
                case 1 -> sb.append(nastyChar(r));
                case 2 -> {
                    // a long run of one character: buffers, regexes and line limits
                    char c = r.nextBoolean() ? 'A' : nastyChar(r);
                    sb.append(String.valueOf(c).repeat(r.nextInt(1, Math.max(2, maxLength / 2))));
                }
                case 3 -> sb.append(Long.toHexString(r.nextLong()));
                default -> sb.append((char) r.nextInt(0x20, 0x7f));
            }
        }
        return sb.length() > maxLength ? sb.substring(0, maxLength) : sb.toString();
    }

    private static String insert(SplittableRandom r, String into, String what) {
        int at = r.nextInt(into.length() + 1);
        return into.substring(0, at) + what + into.substring(at);
    }

    /**
     * A small mutation of a valid string: a character replaced, inserted, deleted or duplicated, a
     * hostile fragment spliced in, or the string cut short. Near-misses find off-by-one checks.
     */
    public static Gen<String> mutate(String valid) {
        return r -> mutateOnce(r, valid, 1 + r.nextInt(3));
    }

    private static String mutateOnce(SplittableRandom r, String s, int times) {
        String out = s;
        for (int t = 0; t < times; t++) {
            int at = out.isEmpty() ? 0 : r.nextInt(out.length());
            out = switch (r.nextInt(6)) {
                case 0 -> out.isEmpty() ? out : out.substring(0, at) + nastyChar(r) + out.substring(at + 1);
                case 1 -> out.substring(0, at) + nastyChar(r) + out.substring(at);
                case 2 -> out.isEmpty() ? out : out.substring(0, at) + out.substring(at + 1);
                case 3 -> out.isEmpty() ? out : out.substring(0, at + 1) + out.charAt(at) + out.substring(at + 1);
                case 4 -> insert(r, out, FRAGMENTS.get(r.nextInt(FRAGMENTS.size())));
                default -> out.substring(0, at);
            };
        }
        return out;
    }
}
