package dev.hayloft.templates;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.temporal.IsoFields;

/**
 * Python's {@code datetime.now().strftime(format)} as transformers' {@code strftime_now} calls it:
 * a naive local time (so {@code %z} and {@code %Z} are empty), C-locale names, and glibc's
 * {@code %-d}-style "no padding" and {@code %_d}-style "space padding" flags. Unknown directives
 * are copied as written, as glibc does.
 *
 * <pre>{@code
 * Strftime.format(LocalDateTime.of(2025, 1, 5, 0, 0), "%d %b %Y")   // "05 Jan 2025"
 * Strftime.format(LocalDateTime.of(2025, 1, 5, 0, 0), "%-d %B")     // "5 January"
 * }</pre>
 */
final class Strftime {
    private static final String[] DAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December"};

    private Strftime() {
    }

    static String format(LocalDateTime t, String format) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 >= format.length()) {
                sb.append(c);
                continue;
            }
            int start = i;
            char flag = 0;
            char d = format.charAt(++i);
            if ((d == '-' || d == '_' || d == '0') && i + 1 < format.length()) {
                flag = d;
                d = format.charAt(++i);
            }
            String value = directive(t, d, flag);
            sb.append(value == null ? format.substring(start, i + 1) : value);
        }
        return sb.toString();
    }

    private static String directive(LocalDateTime t, char d, char flag) {
        DayOfWeek dow = t.getDayOfWeek();
        int hour12 = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
        return switch (d) {
            case 'a' -> DAYS[dow.getValue() - 1].substring(0, 3);
            case 'A' -> DAYS[dow.getValue() - 1];
            case 'b', 'h' -> MONTHS[t.getMonthValue() - 1].substring(0, 3);
            case 'B' -> MONTHS[t.getMonthValue() - 1];
            case 'd' -> pad(t.getDayOfMonth(), 2, flag, '0');
            case 'e' -> pad(t.getDayOfMonth(), 2, flag, ' ');
            case 'm' -> pad(t.getMonthValue(), 2, flag, '0');
            case 'y' -> pad(t.getYear() % 100, 2, flag, '0');
            case 'Y' -> Integer.toString(t.getYear());
            case 'C' -> pad(t.getYear() / 100, 2, flag, '0');
            case 'H' -> pad(t.getHour(), 2, flag, '0');
            case 'k' -> pad(t.getHour(), 2, flag, ' ');
            case 'I' -> pad(hour12, 2, flag, '0');
            case 'l' -> pad(hour12, 2, flag, ' ');
            case 'M' -> pad(t.getMinute(), 2, flag, '0');
            case 'S' -> pad(t.getSecond(), 2, flag, '0');
            case 'f' -> pad(t.getNano() / 1000, 6, flag, '0');
            case 'p' -> t.getHour() < 12 ? "AM" : "PM";
            case 'P' -> t.getHour() < 12 ? "am" : "pm";
            case 'j' -> pad(t.getDayOfYear(), 3, flag, '0');
            case 'w' -> Integer.toString(dow.getValue() % 7);
            case 'u' -> Integer.toString(dow.getValue());
            case 'U' -> pad((t.getDayOfYear() + 6 - dow.getValue() % 7) / 7, 2, flag, '0');
            case 'W' -> pad((t.getDayOfYear() + 6 - (dow.getValue() + 6) % 7) / 7, 2, flag, '0');
            case 'V' -> pad(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2, flag, '0');
            case 'G' -> Integer.toString(t.get(IsoFields.WEEK_BASED_YEAR));
            case 'g' -> pad(t.get(IsoFields.WEEK_BASED_YEAR) % 100, 2, flag, '0');
            case 'D', 'x' -> format(t, "%m/%d/%y");
            case 'F' -> format(t, "%Y-%m-%d");
            case 'T', 'X' -> format(t, "%H:%M:%S");
            case 'R' -> format(t, "%H:%M");
            case 'r' -> format(t, "%I:%M:%S %p");
            case 'c' -> format(t, "%a %b %e %H:%M:%S %Y");
            case 's' -> Long.toString(t.atZone(java.time.ZoneId.systemDefault()).toEpochSecond());
            case 'z', 'Z' -> "";
            case 'n' -> "\n";
            case 't' -> "\t";
            case '%' -> "%";
            default -> null;
        };
    }

    private static String pad(int value, int width, char flag, char defaultPad) {
        String digits = Integer.toString(value);
        if (flag == '-') {
            return digits;
        }
        char padChar = flag == '_' ? ' ' : flag == '0' ? '0' : defaultPad;
        StringBuilder sb = new StringBuilder();
        for (int i = digits.length(); i < width; i++) {
            sb.append(padChar);
        }
        return sb.append(digits).toString();
    }
}
