package org.endpointmanager.vendor.grandstream.driver;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.endpointmanager.api.MacAddress;

/**
 * Reads the status answers. Their member names are not documented and differ between firmware
 * lines, so each field is looked up under the names seen for it; every value is hostile and is
 * bounded and made printable.
 */
final class StatusReader {

    private static final List<String> MODEL = List.of("model", "phone_model", "product_model", "model_name", "product");
    private static final List<String> FIRMWARE = List.of("version", "firmware", "prog_version", "firmware_version",
            "program_version", "sw_version");
    private static final List<String> MAC = List.of("mac", "mac_address", "macaddr", "mac_addr");
    private static final List<String> IP = List.of("ip", "ipv4", "ip_address", "ipaddr", "ipv4_address");
    private static final List<String> UPTIME = List.of("uptime", "up_time", "uptime_seconds");
    private static final Pattern SECONDS = Pattern.compile("\\d{1,10}");
    private static final Pattern DHMS = Pattern.compile(
            "(?:(\\d{1,5})\\s*d(?:ays?)?)?\\s*(?:(\\d{1,2})\\s*h)?\\s*(?:(\\d{1,2})\\s*m(?:in)?)?\\s*(?:(\\d{1,2})\\s*s)?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CLOCK = Pattern.compile("(?:(\\d{1,5})\\s*days?,?\\s*)?(\\d{1,2}):(\\d{2}):(\\d{2})");
    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z._\\-]{1,40}");
    private static final Pattern WORD = Pattern.compile("[0-9A-Za-z._\\-+ ]{1,40}");

    private StatusReader() {
    }

    static Optional<String> model(Object body) {
        return text(body, MODEL).filter(s -> WORD.matcher(s).matches());
    }

    static Optional<String> firmware(Object body) {
        return text(body, FIRMWARE).filter(s -> VERSION.matcher(s).matches());
    }

    static Optional<MacAddress> mac(Object body) {
        return text(body, MAC).flatMap(MacAddress::tryParse);
    }

    static Optional<String> ip(Object body) {
        return text(body, IP).filter(s -> s.length() <= 45 && s.matches("[0-9A-Fa-f.:]+"));
    }

    static Optional<Duration> uptime(Object body) {
        return text(body, UPTIME).flatMap(StatusReader::duration);
    }

    static Optional<Duration> duration(String text) {
        String t = text.strip();
        if (SECONDS.matcher(t).matches()) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(t)));
        }
        Matcher c = CLOCK.matcher(t);
        if (c.matches()) {
            long days = c.group(1) == null ? 0 : Long.parseLong(c.group(1));
            return Optional.of(Duration.ofDays(days).plusHours(Long.parseLong(c.group(2)))
                    .plusMinutes(Long.parseLong(c.group(3))).plusSeconds(Long.parseLong(c.group(4))));
        }
        Matcher m = DHMS.matcher(t);
        if (!t.isEmpty() && m.matches()) {
            long s = 0;
            s += m.group(1) == null ? 0 : Long.parseLong(m.group(1)) * 86_400;
            s += m.group(2) == null ? 0 : Long.parseLong(m.group(2)) * 3_600;
            s += m.group(3) == null ? 0 : Long.parseLong(m.group(3)) * 60;
            s += m.group(4) == null ? 0 : Long.parseLong(m.group(4));
            return Optional.of(Duration.ofSeconds(s));
        }
        return Optional.empty();
    }

    /**
     * Account 1's registration from {@code api-get_accounts}: {@code reg} (or {@code status})
     * of the entry with {@code id} 1, else of the first entry.
     */
    static Optional<Boolean> registeredFromAccounts(Object body) {
        if (!(body instanceof List<?> list) || list.isEmpty()) {
            return Optional.empty();
        }
        Object chosen = list.get(0);
        for (Object e : list) {
            if (e instanceof Map<?, ?> m && "1".equals(scalar(m.get("id")))) {
                chosen = e;
                break;
            }
        }
        if (!(chosen instanceof Map<?, ?> account)) {
            return Optional.empty();
        }
        return flag(account.get("reg")).or(() -> flag(account.get("status"))).or(() -> flag(account.get("registered")));
    }

    /**
     * Line 1's registration from {@code api-get_line_status}, used where {@code api-get_accounts}
     * is missing: an {@code active}/{@code reg} flag, or a state naming (un)registration.
     */
    static Optional<Boolean> registeredFromLines(Object body) {
        if (!(body instanceof List<?> list) || list.isEmpty() || !(list.get(0) instanceof Map<?, ?> line)) {
            return Optional.empty();
        }
        Optional<Boolean> f = flag(line.get("reg")).or(() -> flag(line.get("active")));
        if (f.isPresent()) {
            return f;
        }
        String state = Optional.ofNullable(scalar(line.get("state"))).orElse("").toLowerCase(Locale.ROOT);
        if (state.contains("unreg") || state.contains("fail")) {
            return Optional.of(false);
        }
        if (state.contains("reg") || state.equals("idle")) {
            return Optional.of(true);
        }
        return Optional.empty();
    }

    private static Optional<Boolean> flag(Object v) {
        String s = scalar(v);
        if (s == null) {
            return Optional.empty();
        }
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "registered" -> Optional.of(true);
            case "0", "false", "no", "unregistered", "not registered" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    private static Optional<String> text(Object body, List<String> names) {
        if (!(body instanceof Map<?, ?> map)) {
            return Optional.empty();
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey()).toLowerCase(Locale.ROOT);
            if (names.contains(key)) {
                String v = scalar(e.getValue());
                if (v != null && !v.isBlank() && v.length() <= 64) {
                    return Optional.of(Printable.of(v.strip(), 64));
                }
            }
        }
        return Optional.empty();
    }

    private static String scalar(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Boolean b) {
            return b.toString();
        }
        return null;
    }
}
