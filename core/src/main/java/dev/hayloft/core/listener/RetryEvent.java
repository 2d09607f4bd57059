package dev.hayloft.core.listener;

import dev.hayloft.core.errors.GenerationException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Attempt {@link #attempt()} starts now because the previous one failed with
 * {@link #previousError()} and the client retries (after waiting {@link #delay()}). A
 * span-per-attempt listener ends the previous attempt's span here (with the error, at
 * {@code start().minus(delay())}) and opens one for this attempt.
 *
 * <pre>{@code
 * public void onRetry(RetryEvent e) {
 *     log.info("{}: attempt {} after HTTP {} (waited {})", e.context().componentName(), e.attempt(),
 *             e.previousError().statusCode(), e.delay());
 * }
 * }</pre>
 *
 * @param context the request
 * @param attempt the attempt starting now, 2 or more
 * @param start when it starts
 * @param delay how long the client waited after the previous attempt failed
 * @param previousError why the previous attempt failed (status, retryability, {@code Retry-After})
 */
public record RetryEvent(GenerationContext context, int attempt, Instant start, Duration delay,
        GenerationException previousError) {

    public RetryEvent {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(previousError, "previousError");
        if (attempt < 2) {
            throw new IllegalArgumentException("a retry is attempt 2 or later, not " + attempt);
        }
    }

    @Override
    public String toString() {
        return "RetryEvent[context=" + context + ", attempt=" + attempt + ", start=" + start + ", delay=" + delay
                + ", previousError=" + previousError + "]";
    }
}
