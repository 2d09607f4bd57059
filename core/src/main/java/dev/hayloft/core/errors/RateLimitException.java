package dev.hayloft.core.errors;

/**
 * The provider refused the request because of a rate or quota limit (HTTP 429); retryable, often with {@link #retryAfter()}.
 *
 * <pre>{@code
 * try {
 *     generator.run(messages);
 * } catch (RateLimitException e) {
 *     log.warn("{} (retryable={})", e.getMessage(), e.isRetryable());
 * }
 * }</pre>
 */
public class RateLimitException extends GenerationException {
    private static final long serialVersionUID = 1L;

    public RateLimitException(String message, Details details, Throwable cause) {
        super(message, details, cause);
    }
}
