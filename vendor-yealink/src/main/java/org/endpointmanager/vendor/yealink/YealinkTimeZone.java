package org.endpointmanager.vendor.yealink;

import java.time.ZoneId;
import org.endpointmanager.api.profile.ZoneSummary;

/**
 * Writes a zone as Yealink's {@code local_time.*} keys. DST is given "by week"
 * ({@code dst_time_type = 1}) as {@code month/week/weekday/hour}: week 5 is the last week,
 * weekday 1 is Monday and 7 Sunday, the hour is local wall time before the change.
 */
final class YealinkTimeZone {

    private YealinkTimeZone() {
    }

    static void write(ZoneId zone, OrderedSettings s) {
        ZoneSummary z = ZoneSummary.of(zone);
        s.put("local_time.time_zone", z.standardOffsetText());
        if (!z.hasDst()) {
            s.put("local_time.summer_time", 0);
            return;
        }
        s.put("local_time.summer_time", 1);
        s.put("local_time.dst_time_type", 1);
        s.put("local_time.start_time", byWeek(z.dstStart().orElseThrow()));
        s.put("local_time.end_time", byWeek(z.dstEnd().orElseThrow()));
        s.put("local_time.offset_time", z.dstSavingSeconds() / 60);
    }

    static String byWeek(ZoneSummary.Change c) {
        return c.month().getValue() + "/" + c.week() + "/" + c.dayOfWeek().getValue() + "/" + c.localTime().getHour();
    }
}
