package dev.hayloft.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code strftime_now} with Python/glibc directives; expectations from Python's {@code datetime.strftime}. */
class StrftimeTest {
    @Test
    void commonDirectivesAtTheFrozenDate() {
        LocalDateTime t = LocalDateTime.of(2025, 1, 5, 0, 0);
        assertEquals("05 Jan 2025", Strftime.format(t, "%d %b %Y"));
        assertEquals("2025-01-05 00:00:00 Sunday January 005 Sun Jan 5  5 12 AM 25 01 00 0 7 % "
                        + "Sun Jan  5 00:00:00 2025 01/05/25 00:00:00 |",
                Strftime.format(t, "%Y-%m-%d %H:%M:%S %A %B %j %a %b %-d %e %I %p %y %U %W %w %u %% %c %x %X %z%Z|"));
    }

    @Test
    void afternoonAndWeekNumbers() {
        LocalDateTime t = LocalDateTime.of(2024, 7, 26, 15, 4, 9, 123_456_000);
        // python: datetime(2024,7,26,15,4,9,123456).strftime(...)
        assertEquals("26 July 2024, 03:04:09 PM .123456 w29 w30 d208 Fri", Strftime.format(t, "%d %B %Y, %I:%M:%S %p .%f w%U w%W d%j %a"));
        assertEquals("%Q stays", Strftime.format(t, "%Q stays"));
    }

    @Test
    void templateGlobalReadsTheInjectedClock() {
        Clock clock = Clock.fixed(Instant.parse("2025-01-05T10:30:00Z"), ZoneOffset.UTC);
        Template t = TemplateEnvironment.transformers().compile("Today Date: {{ strftime_now('%d %b %Y %H:%M') }}").withClock(clock);
        assertEquals("Today Date: 05 Jan 2025 10:30", t.render(Map.of()));
    }
}
