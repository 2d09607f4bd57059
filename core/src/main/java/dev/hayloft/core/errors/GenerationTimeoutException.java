package dev.hayloft.core.errors;

/**
 * The request timed out (HTTP 408, a connect timeout, or no data within the read timeout); retryable.
 *
 * <pre>{@code
 * try {
 *     generator.run(messages);
 * } catch (GenerationTimeoutException e) {
 *     log.warn("{} (retryable={})", e.getMessage(), e.isRetryable());
 * }
 * }</pre>
 */
public class GenerationTimeoutException extends GenerationException {
    private static final long serialVersionUID = 1L;

    public GenerationTimeoutException(String message, Details details, Throwable cause) {
        super(message, details, cause);
    }
}
