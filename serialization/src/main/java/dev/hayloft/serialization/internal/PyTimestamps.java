package dev.hayloft.serialization.internal;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.Temporal;

/**
 * YAML timestamps as PyYAML's safe loader and dumper treat them. A timestamp without a time is
 * a {@link LocalDate} (Python's {@code datetime.date}); with a time and no zone a
 * {@link LocalDateTime} (a naive {@code datetime}); with {@code Z} or an offset an
 * {@link OffsetDateTime} (an aware {@code datetime}, offset kept). Fractions keep PyYAML's six
 * digits (microseconds; further digits are dropped, as PyYAML drops them). Values Python cannot
 * hold (year 0, an offset of 18 hours or more, which Java cannot hold either) are refused, never
 * changed.
 *
 * <p>Dumping writes Python's {@code isoformat()} for dates and {@code isoformat(' ')} for
 * datetimes, which PyYAML writes plain: {@code 2001-12-14}, {@code 2001-12-14 21:59:43.100000},
 * {@code 2001-12-14 21:59:43-05:00}; a value Python could not hold (sub-microsecond digits,
 * an offset with seconds, a year outside 1..9999) is refused.
 *
 * <pre>{@code
 * Object t = PyTimestamps.construct("2001-12-14t21:59:43.10-05:00");
 * // OffsetDateTime 2001-12-14T21:59:43.100-05:00
 * String s = PyTimestamps.format(t);   // "2001-12-14 21:59:43.100000-05:00"
 * }</pre>
 */
public final class PyTimestamps {
    private PyTimestamps() {
    }

    /** The fields of a timestamp's text; {@code tz} is null, {@code "Z"}, {@code "+"} or {@code "-"}. */
    record Parts(int year, int month, int day, boolean hasTime, int hour, int minute, int second, String fraction,
            String tz, int tzHour, int tzMinute) {
    }

    /**
     * Parses PyYAML's timestamp grammar ({@code requireTime}: the resolver's second form; else
     * the constructor's, where the time is optional); null when it does not match.
     */
    static Parts parseParts(String s, boolean requireTime) {
        int n = s.length();
        if (!PyResolver.digits(s, 0, 4) || n < 5 || s.charAt(4) != '-') {
            return null;
        }
        int[] pos = {5};
        int month = oneOrTwoDigits(s, pos);
        if (month < 0 || pos[0] >= n || s.charAt(pos[0]) != '-') {
            return null;
        }
        pos[0]++;
        int day = oneOrTwoDigits(s, pos);
        if (day < 0) {
            return null;
        }
        int year = Integer.parseInt(s.substring(0, 4));
        int i = pos[0];
        if (i == n) {
            return requireTime ? null : new Parts(year, month, day, false, 0, 0, 0, null, null, 0, 0);
        }
        if (s.charAt(i) == 'T' || s.charAt(i) == 't') {
            i++;
        } else if (s.charAt(i) == ' ' || s.charAt(i) == '\t') {
            while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
        } else {
            return null;
        }
        pos[0] = i;
        int hour = oneOrTwoDigits(s, pos);
        i = pos[0];
        if (hour < 0 || i + 6 > n || s.charAt(i) != ':' || !PyResolver.digits(s, i + 1, 2) || s.charAt(i + 3) != ':'
                || !PyResolver.digits(s, i + 4, 2)) {
            return null;
        }
        int minute = Integer.parseInt(s.substring(i + 1, i + 3));
        int second = Integer.parseInt(s.substring(i + 4, i + 6));
        i += 6;
        String fraction = null;
        if (i < n && s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && PyResolver.isDigit(s.charAt(i))) {
                i++;
            }
            fraction = s.substring(start, i);
        }
        if (i == n) {
            return new Parts(year, month, day, true, hour, minute, second, fraction, null, 0, 0);
        }
        while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        if (i < n && s.charAt(i) == 'Z') {
            return i + 1 == n ? new Parts(year, month, day, true, hour, minute, second, fraction, "Z", 0, 0) : null;
        }
        if (i >= n || (s.charAt(i) != '+' && s.charAt(i) != '-')) {
            return null;
        }
        String sign = s.substring(i, i + 1);
        pos[0] = i + 1;
        int tzHour = oneOrTwoDigits(s, pos);
        i = pos[0];
        if (tzHour < 0) {
            return null;
        }
        int tzMinute = 0;
        if (i < n) {
            if (i + 3 != n || s.charAt(i) != ':' || !PyResolver.digits(s, i + 1, 2)) {
                return null;
            }
            tzMinute = Integer.parseInt(s.substring(i + 1));
        }
        return new Parts(year, month, day, true, hour, minute, second, fraction, sign, tzHour, tzMinute);
    }

    private static int oneOrTwoDigits(String s, int[] pos) {
        int i = pos[0];
        if (i >= s.length() || !PyResolver.isDigit(s.charAt(i))) {
            return -1;
        }
        int end = i + 1 < s.length() && PyResolver.isDigit(s.charAt(i + 1)) ? i + 2 : i + 1;
        pos[0] = end;
        return Integer.parseInt(s.substring(i, end));
    }

    /**
     * What PyYAML's {@code construct_yaml_timestamp} makes of {@code text}: a LocalDate,
     * LocalDateTime or OffsetDateTime.
     *
     * @throws IllegalArgumentException where PyYAML fails (no match, an impossible date) or
     *     Java cannot hold the value
     */
    public static Temporal construct(String text) {
        Parts p = parseParts(text, false);
        if (p == null) {
            throw new IllegalArgumentException("not a timestamp: " + text);
        }
        try {
            if (p.year() < 1) {
                throw new DateTimeException("year 0 is out of range");
            }
            LocalDate date = LocalDate.of(p.year(), p.month(), p.day());
            if (!p.hasTime()) {
                return date;
            }
            int micros = 0;
            if (p.fraction() != null && !p.fraction().isEmpty()) {
                String f = p.fraction().length() > 6 ? p.fraction().substring(0, 6) : p.fraction();
                micros = Integer.parseInt((f + "000000").substring(0, 6));
            }
            LocalDateTime local = LocalDateTime.of(date, LocalTime.of(p.hour(), p.minute(), p.second(),
                    micros * 1000));
            if (p.tz() == null) {
                return local;
            }
            int seconds = p.tz().equals("Z") ? 0 : (p.tzHour() * 3600 + p.tzMinute() * 60)
                    * (p.tz().equals("-") ? -1 : 1);
            return OffsetDateTime.of(local, ZoneOffset.ofTotalSeconds(seconds));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("invalid timestamp '" + text + "': " + e.getMessage(), e);
        }
    }

    /** True for the Java types that dump as YAML timestamps. */
    public static boolean isTimestamp(Object value) {
        return value instanceof LocalDate || value instanceof LocalDateTime || value instanceof OffsetDateTime;
    }

    /**
     * Python's {@code date.isoformat()} / {@code datetime.isoformat(' ')} of {@code value}.
     *
     * @throws IllegalArgumentException for a value Python's date/datetime cannot hold
     */
    public static String format(Object value) {
        if (value instanceof LocalDate) {
            LocalDate d = (LocalDate) value;
            checkYear(d.getYear(), value);
            return String.format("%04d-%02d-%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth());
        }
        LocalDateTime local = value instanceof OffsetDateTime ? ((OffsetDateTime) value).toLocalDateTime()
                : (LocalDateTime) value;
        checkYear(local.getYear(), value);
        if (local.getNano() % 1000 != 0) {
            throw new IllegalArgumentException(value + " has sub-microsecond digits, which Python's datetime "
                    + "cannot hold");
        }
        StringBuilder sb = new StringBuilder(String.format("%04d-%02d-%02d %02d:%02d:%02d", local.getYear(),
                local.getMonthValue(), local.getDayOfMonth(), local.getHour(), local.getMinute(), local.getSecond()));
        if (local.getNano() != 0) {
            sb.append(String.format(".%06d", local.getNano() / 1000));
        }
        if (value instanceof OffsetDateTime) {
            int total = ((OffsetDateTime) value).getOffset().getTotalSeconds();
            if (total % 60 != 0) {
                throw new IllegalArgumentException(value + " has an offset with seconds, which YAML timestamps "
                        + "cannot hold");
            }
            int abs = Math.abs(total);
            sb.append(total < 0 ? '-' : '+').append(String.format("%02d:%02d", abs / 3600, abs / 60 % 60));
        }
        return sb.toString();
    }

    private static void checkYear(int year, Object value) {
        if (year < 1 || year > 9999) {
            throw new IllegalArgumentException(value + " is outside Python's years 1..9999");
        }
    }
}
