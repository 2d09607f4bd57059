package dev.hayloft.core.http;

/**
 * The cause chained to the exception for an HTTP error response that a provider module read
 * itself (no client library raised anything): which request got which status, and the start
 * of the body, scrubbed of credentials. It tells a stack trace where the failure came from.
 *
 * <pre>{@code
 * Throwable cause = new HttpStatusException("POST", url, 401, body, apiKey);
 * throw HttpFailures.forStatus("openai", 401, requestId, null, null, body, apiKey, cause);
 * }</pre>
 */
public final class HttpStatusException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * The response to {@code method url} had {@code status}; {@code body} (may be null) is
     * scrubbed of {@code secret} and credential shapes, and cut.
     */
    public HttpStatusException(String method, String url, int status, String body, String secret) {
        super(Scrubber.scrub(method + " " + url + " answered HTTP " + status + describe(body, secret), secret));
        this.status = status;
    }

    private static String describe(String body, String secret) {
        return body == null || body.isBlank() ? "" : ": " + HttpFailures.snippet(body, secret);
    }

    /** The HTTP status of the response. */
    public int status() {
        return status;
    }
}
