package dev.hayloft.core.errors;

/**
 * The connection to the provider failed: it could not be opened (refused, unknown host, TLS
 * handshake) or broke before the response was complete (reset, closed mid-stream); no HTTP
 * status, retryable. A {@link ServerErrorException}, so code that handles server-side
 * failures handles these too; catch this class to tell a network problem from a 5xx.
 *
 * <pre>{@code
 * try {
 *     generator.run(messages);
 * } catch (ConnectionException e) {
 *     log.warn("provider unreachable: {} (retryable={})", e.getMessage(), e.isRetryable());
 * }
 * }</pre>
 */
public class ConnectionException extends ServerErrorException {
    private static final long serialVersionUID = 1L;

    public ConnectionException(String message, Details details, Throwable cause) {
        super(message, details, cause);
    }
}
