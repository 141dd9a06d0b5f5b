package org.endpointmanager.vendor.snom;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.endpointmanager.api.profile.ZoneSummary;

/**
 * Turns an IANA zone into Snom's {@code timezone} value ({@code GER+1}, {@code USA-5}, ...) from
 * {@code timezones.txt}: an explicit entry when the zone has one, else the fallback for its
 * standard offset and DST habit, else the fallback for its offset alone.
 */
final class SnomTimeZones {

    private final Map<String, String> byZone = new HashMap<>();
    private final Map<String, String> byOffset = new HashMap<>();

    private SnomTimeZones() {
    }

    static SnomTimeZones load() {
        SnomTimeZones t = new SnomTimeZones();
        for (String[] r : SnomResources.records("timezones.txt")) {
            switch (r[0]) {
                case "zone" -> t.byZone.put(r[1], r[2]);
                case "fallback" -> {
                    String offset = new BigDecimal(r[1]).stripTrailingZeros().toPlainString();
                    t.byOffset.put(offset + "/" + r[2], r[3]);
                    t.byOffset.putIfAbsent(offset, r[3]);
                }
                default -> throw new IllegalStateException("timezones.txt: unknown record " + r[0]);
            }
        }
        return t;
    }

    /** The Snom name for a zone, or empty when no Snom zone has its standard offset. */
    Optional<String> snomName(ZoneId zone) {
        String explicit = byZone.get(zone.getId());
        if (explicit != null) {
            return Optional.of(explicit);
        }
        ZoneSummary summary = ZoneSummary.of(zone);
        String offset = BigDecimal.valueOf(summary.standardOffsetSeconds())
                .divide(BigDecimal.valueOf(3600), 2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        String withDst = byOffset.get(offset + "/" + (summary.hasDst() ? "dst" : "std"));
        return Optional.ofNullable(withDst != null ? withDst : byOffset.get(offset));
    }
}
