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
 * @param model the model this attempt asks for when it is not {@code context().model()} (a
 *        fallback's next generator), else null; see {@link #attemptModel()}
 */
public record RetryEvent(GenerationContext context, int attempt, Instant start, Duration delay,
        GenerationException previousError, String model) {

    /** A retry of the same model. */
    public RetryEvent(GenerationContext context, int attempt, Instant start, Duration delay,
            GenerationException previousError) {
        this(context, attempt, start, delay, previousError, null);
    }

    public RetryEvent {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(previousError, "previousError");
        if (attempt < 2) {
            throw new IllegalArgumentException("a retry is attempt 2 or later, not " + attempt);
        }
    }

    /** The model this attempt asks for: {@link #model()} when given, else the request's. */
    public String attemptModel() {
        return model != null ? model : context.model();
    }

    @Override
    public String toString() {
        return "RetryEvent[context=" + context + ", attempt=" + attempt + ", start=" + start + ", delay=" + delay
                + ", previousError=" + previousError + (model == null ? "" : ", model=" + model) + "]";
    }
}
