package dev.hayloft.core.listener;

import dev.hayloft.core.errors.GenerationException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CancellationException;

/**
 * A request failed or was cancelled. The last event of the request; the same exception is
 * then thrown to the caller (or completes the future).
 *
 * <pre>{@code
 * public void onError(ErrorEvent e) {
 *     errors.increment(e.statusCode().isPresent() ? String.valueOf(e.statusCode().getAsInt()) : e.errorType());
 *     if (e.retryable()) log.info("may succeed later: retry after {}", e.retryAfter().orElse(null));
 * }
 * }</pre>
 *
 * @param context the request
 * @param attempt the attempt that failed last
 * @param duration from {@code context().start()} to now
 * @param error what ended the request: usually a {@link GenerationException} (provider
 *        failures, with status, request id, retryability); a {@link CancellationException}
 *        when cancelled; or another exception of the request's validation or runtime
 */
public record ErrorEvent(GenerationContext context, int attempt, Duration duration, Throwable error) {

    public ErrorEvent {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(error, "error");
    }

    /** The error as a {@link GenerationException}, when it is one. */
    public Optional<GenerationException> generationException() {
        return error instanceof GenerationException ? Optional.of((GenerationException) error) : Optional.empty();
    }

    /** The HTTP status, when the provider answered with one. */
    public OptionalInt statusCode() {
        return generationException().map(GenerationException::statusCode).orElse(OptionalInt.empty());
    }

    /** Whether the same request may succeed later (false for anything but a retryable provider failure). */
    public boolean retryable() {
        return generationException().map(GenerationException::isRetryable).orElse(false);
    }

    /** How long the provider asked to wait before retrying. */
    public Optional<Duration> retryAfter() {
        return generationException().flatMap(GenerationException::retryAfter);
    }

    /** Whether the request was cancelled (e.g. its future was). */
    public boolean cancelled() {
        return error instanceof CancellationException;
    }

    /** The error's simple class name, e.g. {@code "RateLimitException"}; for metric tags. */
    public String errorType() {
        return error.getClass().getSimpleName();
    }
}
