package dev.hayloft.core.http;

/**
 * A response that could not be read as the format expected (an event that is not one JSON
 * object, an oversized event, a body of the wrong shape). {@link HttpFailures#forMalformedResponse}
 * turns it into a retryable {@link dev.hayloft.core.errors.ServerErrorException}.
 *
 * <pre>{@code
 * throw new MalformedResponseException("the event is not a JSON object: " + text);
 * }</pre>
 */
public final class MalformedResponseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A malformed response described by {@code message}. */
    public MalformedResponseException(String message) {
        super(message);
    }

    /** A malformed response described by {@code message}, caused by {@code cause} (e.g. a JSON parser's error). */
    public MalformedResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
