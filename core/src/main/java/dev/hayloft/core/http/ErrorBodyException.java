package dev.hayloft.core.http;

import java.util.Map;

/**
 * A response that carried an {@code {"error": ...}} object where a completion or a chunk was
 * expected: a {@code 200} whose body is an error (some proxies and servers answer so), or an
 * error event inside a stream. {@link HttpFailures#forErrorObject} turns it into the typed exception the same
 * error would get with its status, {@code type} and {@code code}.
 *
 * <pre>{@code
 * if (completion.get("error") != null) {
 *     throw new ErrorBodyException(completion, false);
 * }
 * }</pre>
 */
public final class ErrorBodyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Map<String, Object> body;
    private final boolean inStream;

    /** {@code body}: the whole JSON object holding the {@code error} key. */
    public ErrorBodyException(Map<String, Object> body, boolean inStream) {
        super(inStream ? "Error event in the response stream" : "The response body is an error");
        this.body = Map.copyOf(body.entrySet().stream().filter(e -> e.getValue() != null)
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        this.inStream = inStream;
    }

    /** The JSON object holding the {@code error} key (null values left out). */
    public Map<String, Object> body() {
        return body;
    }

    /** Whether the error came as an event inside a stream. */
    public boolean inStream() {
        return inStream;
    }
}
