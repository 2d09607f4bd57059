package dev.hayloft.core.http;

/**
 * A response stream ended (cleanly, at the transport level) before the model reported a
 * finish reason. {@link HttpFailures} turns it into a retryable
 * {@link dev.hayloft.core.errors.ServerErrorException}.
 *
 * <pre>{@code
 * if (!sawFinishReason) {
 *     throw new TruncatedStreamException("the stream ended early");
 * }
 * }</pre>
 */
public final class TruncatedStreamException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TruncatedStreamException(String message) {
        super(message);
    }
}
