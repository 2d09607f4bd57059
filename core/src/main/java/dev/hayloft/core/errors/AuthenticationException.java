package dev.hayloft.core.errors;

/**
 * The provider rejected the credentials or their permissions (HTTP 401/403); not retryable.
 *
 * <pre>{@code
 * try {
 *     generator.run(messages);
 * } catch (AuthenticationException e) {
 *     log.warn("{} (retryable={})", e.getMessage(), e.isRetryable());
 * }
 * }</pre>
 */
public class AuthenticationException extends GenerationException {
    private static final long serialVersionUID = 1L;

    public AuthenticationException(String message, Details details, Throwable cause) {
        super(message, details, cause);
    }
}
