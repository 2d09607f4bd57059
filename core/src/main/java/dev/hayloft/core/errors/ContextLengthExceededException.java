package dev.hayloft.core.errors;

/**
 * The prompt plus the requested completion does not fit the model's context window; not retryable without a shorter input.
 *
 * <pre>{@code
 * try {
 *     generator.run(messages);
 * } catch (ContextLengthExceededException e) {
 *     log.warn("{} (retryable={})", e.getMessage(), e.isRetryable());
 * }
 * }</pre>
 */
public class ContextLengthExceededException extends InvalidRequestException {
    private static final long serialVersionUID = 1L;

    public ContextLengthExceededException(String message, Details details, Throwable cause) {
        super(message, details, cause);
    }
}
