package dev.hayloft.core.errors;

/**
 * The provider failed on its side (HTTP 5xx, an unreadable response, an error inside a stream; a failed
 * connection is the subclass {@link ConnectionException}); retryable.
 *
 * <pre>{@code
 * try {
 *     generator.run(messages);
 * } catch (ServerErrorException e) {
 *     log.warn("{} (retryable={})", e.getMessage(), e.isRetryable());
 * }
 * }</pre>
 */
public class ServerErrorException extends GenerationException {
    private static final long serialVersionUID = 1L;

    public ServerErrorException(String message, Details details, Throwable cause) {
        super(message, details, cause);
    }
}
