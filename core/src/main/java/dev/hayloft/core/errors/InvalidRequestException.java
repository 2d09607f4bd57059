package dev.hayloft.core.errors;

/**
 * The provider rejected the request as malformed or unprocessable (HTTP 400/404/409/422); not retryable unless the provider says so.
 *
 * <pre>{@code
 * try {
 *     generator.run(messages);
 * } catch (InvalidRequestException e) {
 *     log.warn("{} (retryable={})", e.getMessage(), e.isRetryable());
 * }
 * }</pre>
 */
public class InvalidRequestException extends GenerationException {
    private static final long serialVersionUID = 1L;

    public InvalidRequestException(String message, Details details, Throwable cause) {
        super(message, details, cause);
    }
}
