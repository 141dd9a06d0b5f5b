package org.endpointmanager.api.profile;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.TimeZone;

/**
 * An IANA time zone reduced to what phones understand: a standard offset and, where the zone
 * keeps daylight-saving time, the yearly rule for its start and end. Vendors turn this into their
 * own notation (POSIX TZ strings, offset plus DST dates, zone indexes).
 *
 * @param zone the IANA zone
 * @param standardOffsetSeconds standard (winter) offset from UTC in seconds, east positive
 * @param dstSavingSeconds how far clocks move forward in summer (0 without DST)
 * @param dstStart when summer time starts, in local standard time
 * @param dstEnd when summer time ends, in local summer time
 */
public record ZoneSummary(ZoneId zone, int standardOffsetSeconds, int dstSavingSeconds,
        Optional<Change> dstStart, Optional<Change> dstEnd) {

    /** Rejects nulls; start and end come together. */
    public ZoneSummary {
        Objects.requireNonNull(zone, "zone is null");
        Objects.requireNonNull(dstStart, "dstStart is null");
        Objects.requireNonNull(dstEnd, "dstEnd is null");
        if (dstStart.isPresent() != dstEnd.isPresent()) {
            throw new IllegalArgumentException("DST start and end come together");
        }
    }

    /**
     * A yearly clock change, in the form "the n-th weekday of a month at a local time".
     *
     * @param month month
     * @param week 1..4 for the first..fourth such weekday, 5 for the last one of the month
     * @param dayOfWeek weekday
     * @param localTime wall-clock time just before the change
     */
    public record Change(Month month, int week, DayOfWeek dayOfWeek, LocalTime localTime) {
        /** Validates the week. */
        public Change {
            Objects.requireNonNull(month, "month is null");
            Objects.requireNonNull(dayOfWeek, "dayOfWeek is null");
            Objects.requireNonNull(localTime, "localTime is null");
            if (week < 1 || week > 5) {
                throw new IllegalArgumentException("week must be 1..5");
            }
        }
    }

    /** Summarises a zone's current rules (those in force now and recurring yearly). */
    public static ZoneSummary of(ZoneId zone) {
        ZoneRules rules = zone.getRules();
        Instant now = Instant.now();
        int standard = rules.getStandardOffset(now).getTotalSeconds();
        List<ZoneOffsetTransitionRule> yearly = rules.getTransitionRules();
        if (yearly.size() != 2) {
            return new ZoneSummary(zone, standard, 0, Optional.empty(), Optional.empty());
        }
        ZoneOffsetTransitionRule a = yearly.get(0);
        ZoneOffsetTransitionRule b = yearly.get(1);
        ZoneOffsetTransitionRule start = a.getOffsetAfter().getTotalSeconds() > a.getOffsetBefore().getTotalSeconds() ? a : b;
        ZoneOffsetTransitionRule end = start == a ? b : a;
        int saving = start.getOffsetAfter().getTotalSeconds() - start.getOffsetBefore().getTotalSeconds();
        standard = start.getStandardOffset().getTotalSeconds();
        return new ZoneSummary(zone, standard, saving, Optional.of(change(start)), Optional.of(change(end)));
    }

    private static Change change(ZoneOffsetTransitionRule rule) {
        int year = java.time.Year.now(ZoneOffset.UTC).getValue();
        LocalTime wallBefore = rule.createTransition(year).getDateTimeBefore().toLocalTime();
        int indicator = rule.getDayOfMonthIndicator();
        int week;
        if (indicator < 0) {
            week = 5;
        } else {
            int monthLength = rule.getMonth().length(false);
            week = indicator + 6 >= monthLength ? 5 : (indicator - 1) / 7 + 1;
        }
        DayOfWeek day = rule.getDayOfWeek() != null ? rule.getDayOfWeek()
                : rule.createTransition(year).getDateTimeBefore().getDayOfWeek();
        return new Change(rule.getMonth(), week, day, wallBefore);
    }

    /** True when the zone observes daylight-saving time. */
    public boolean hasDst() {
        return dstStart.isPresent();
    }

    /**
     * The POSIX TZ string, as Grandstream's P64 takes it: {@code CET-1CEST-2,M3.5.0/02:00:00,M10.5.0/03:00:00}
     * for Europe/Berlin, {@code EST5EDT4,M3.2.0/02:00:00,M11.1.0/02:00:00} for America/New_York.
     * POSIX offsets are west-positive, the opposite sign of ISO offsets.
     */
    public String posix() {
        StringBuilder b = new StringBuilder();
        b.append(abbreviation(false)).append(posixOffset(standardOffsetSeconds));
        if (hasDst()) {
            b.append(abbreviation(true));
            b.append(posixOffset(standardOffsetSeconds + dstSavingSeconds));
            b.append(',').append(posixRule(dstStart.get())).append(',').append(posixRule(dstEnd.get()));
        }
        return b.toString();
    }

    private String abbreviation(boolean daylight) {
        String name = TimeZone.getTimeZone(zone).getDisplayName(daylight, TimeZone.SHORT, Locale.ROOT);
        if (name.length() >= 3 && name.chars().allMatch(Character::isLetter)) {
            return name;
        }
        int seconds = standardOffsetSeconds + (daylight ? dstSavingSeconds : 0);
        return "<" + ZoneOffset.ofTotalSeconds(seconds).getId().replace(":", "").replace("Z", "+00") + ">";
    }

    private static String posixOffset(int isoSeconds) {
        int west = -isoSeconds;
        String sign = west < 0 ? "-" : "";
        int abs = Math.abs(west);
        int h = abs / 3600;
        int m = (abs % 3600) / 60;
        int s = abs % 60;
        String text = sign + h;
        if (m != 0 || s != 0) {
            text += String.format(Locale.ROOT, ":%02d", m);
            if (s != 0) {
                text += String.format(Locale.ROOT, ":%02d", s);
            }
        }
        return text;
    }

    private static String posixRule(Change c) {
        return String.format(Locale.ROOT, "M%d.%d.%d/%02d:%02d:%02d", c.month().getValue(), c.week(),
                c.dayOfWeek().getValue() % 7, c.localTime().getHour(), c.localTime().getMinute(),
                c.localTime().getSecond());
    }

    /** The standard offset as text, for example {@code +1}, {@code -5}, {@code +5:30}. */
    public String standardOffsetText() {
        int abs = Math.abs(standardOffsetSeconds);
        String sign = standardOffsetSeconds < 0 ? "-" : "+";
        int h = abs / 3600;
        int m = (abs % 3600) / 60;
        return m == 0 ? sign + h : String.format(Locale.ROOT, "%s%d:%02d", sign, h, m);
    }

    /** Display name of the zone, for vendor UIs that show one. */
    public String displayName() {
        return zone.getDisplayName(TextStyle.FULL, Locale.ROOT);
    }
}
