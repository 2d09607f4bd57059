package dev.hayloft.core.http;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The one retry and back-off policy of every OpenAI-backed connection, the OpenAI Python
 * client's: a failed attempt is retried when the server says so ({@code x-should-retry:
 * true}), never when it says not to ({@code x-should-retry: false}) or when a 429 is
 * {@code insufficient_quota}, else on 408, 409, 429, 5xx and broken connections. The wait is
 * what {@code retry-after-ms} or {@code Retry-After} (seconds or an HTTP date) asks when that
 * is more than 0 and at most {@link #maxRetryAfter()} (60 s unless configured); otherwise
 * (absent, unparsable, zero, in the past or above the cap) an exponential back-off of 0.5 s
 * doubling per retry up to 8 s, with up to 25 % jitter taken off.
 *
 * <pre>{@code
 * RetryPolicy policy = new RetryPolicy(2, Duration.ofSeconds(60));
 * Duration wait = policy.delay(1, null, "3600");   // above the cap: exponential back-off (0.5 s) instead
 * }</pre>
 *
 * @param maxRetries how many retries follow the first attempt
 * @param maxRetryAfter the longest server-asked wait that is honoured
 * @param clock the clock HTTP-date {@code Retry-After} values are measured against
 * @param random uniform values in [0, 1) for the jitter
 */
public record RetryPolicy(int maxRetries, Duration maxRetryAfter, Clock clock, DoubleSupplier random) {
    /** The first back-off. */
    public static final Duration INITIAL_DELAY = Duration.ofMillis(500);
    /** The longest back-off. */
    public static final Duration MAX_DELAY = Duration.ofSeconds(8);

    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0 but was " + maxRetries);
        }
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(random, "random");
    }

    /** The policy with the system clock and random jitter. */
    public RetryPolicy(int maxRetries, Duration maxRetryAfter) {
        this(maxRetries, maxRetryAfter, Clock.systemUTC(), () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * Whether an HTTP failure may be retried (attempts left aside).
     *
     * @param shouldRetryHeader the {@code x-should-retry} value, or null
     * @param body the start of the error body, or null
     */
    public static boolean retryableStatus(int status, String shouldRetryHeader, String body) {
        if ("true".equals(shouldRetryHeader)) {
            return true;
        }
        if ("false".equals(shouldRetryHeader)) {
            return false;
        }
        if (status == 429 && body != null && body.contains("insufficient_quota")) {
            return false;
        }
        return status == 408 || status == 409 || status == 429 || status >= 500;
    }

    /**
     * How long to wait before retry number {@code retry} (1 for the first retry) after a
     * response carrying these header values (any may be null; all null after a broken
     * connection).
     */
    public Duration delay(int retry, String retryAfterMs, String retryAfter) {
        Duration asked = requested(retryAfterMs, retryAfter, clock);
        if (asked != null && !asked.isNegative() && !asked.isZero() && asked.compareTo(maxRetryAfter) <= 0) {
            return asked;
        }
        double seconds = Math.min(INITIAL_DELAY.toNanos() / 1e9 * Math.pow(2, Math.min(retry - 1, 30)),
                MAX_DELAY.toNanos() / 1e9);
        double jitter = 1 - 0.25 * random.getAsDouble();
        return Duration.ofNanos(Math.round(seconds * jitter * 1e9));
    }

    /**
     * The wait a response asks for: {@code retry-after-ms} (milliseconds) first, else
     * {@code Retry-After} as seconds or as an HTTP date (measured against {@code clock}, so
     * possibly negative); null when neither is present and parsable.
     */
    public static Duration requested(String retryAfterMs, String retryAfter, Clock clock) {
        if (retryAfterMs != null) {
            Duration d = seconds(retryAfterMs, 1e-3);
            if (d != null) {
                return d;
            }
        }
        if (retryAfter == null) {
            return null;
        }
        Duration d = seconds(retryAfter, 1);
        if (d != null) {
            return d;
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(retryAfter.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
            return Duration.between(clock.instant(), at.toInstant());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Duration seconds(String value, double unit) {
        try {
            double v = Double.parseDouble(value.trim()) * unit;
            if (Double.isNaN(v) || Double.isInfinite(v) || Math.abs(v) > 1e9) {
                return null;
            }
            return Duration.ofNanos(Math.round(v * 1e9));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
