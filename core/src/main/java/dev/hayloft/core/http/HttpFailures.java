package dev.hayloft.core.http;

import dev.hayloft.core.errors.AuthenticationException;
import dev.hayloft.core.errors.ConnectionException;
import dev.hayloft.core.errors.ContentFilterException;
import dev.hayloft.core.errors.ContextLengthExceededException;
import dev.hayloft.core.errors.GenerationException;
import dev.hayloft.core.errors.GenerationTimeoutException;
import dev.hayloft.core.errors.InvalidRequestException;
import dev.hayloft.core.errors.RateLimitException;
import dev.hayloft.core.errors.ServerErrorException;
import dev.hayloft.core.serde.Json;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one classification of HTTP-level failures into core's {@link GenerationException}
 * hierarchy, shared by every provider module that talks HTTP (OpenAI and its compatible
 * servers, Azure OpenAI, the Hugging Face APIs): an error status with its body (OpenAI's
 * {@code {"error": {"message", "type", "code"}}}, vLLM's numeric {@code code}, TGI's and the
 * Hub's {@code {"error": "...", "error_type": "..."}}), an error object sent where a reply or
 * a stream event was expected, a stream that ended early, timeouts and broken connections.
 * Every message is scrubbed of the secret and of anything credential-shaped
 * ({@link Scrubber}); causes should be chained as a {@link ScrubbedCause}.
 *
 * <p>Classification: {@code context_length_exceeded} (or a message saying the context length
 * or the input-token limit was exceeded, as vLLM and TGI word it) →
 * {@link ContextLengthExceededException}; {@code content_filter} /
 * {@code content_policy_violation} → {@link ContentFilterException};
 * {@code insufficient_quota} → a {@link RateLimitException} that is not retryable; TGI's
 * {@code error_type} {@code generation} / {@code incomplete_generation} (sent with 424 or 500)
 * → {@link ServerErrorException}; otherwise by status ({@link GenerationException#forStatus}).
 * TGI's Messages API sends errors inside a stream as {@code {"error": {"message",
 * "http_status_code"}}}: that status classifies them. {@code x-should-retry}, when sent, decides
 * retryability.
 *
 * <pre>{@code
 * GenerationException e = HttpFailures.forStatus("tgi", 429, requestId,
 *         HttpFailures.retryAfter(null, "3"), null, body, token);
 * }</pre>
 */
public final class HttpFailures {
    private static final int SNIPPET = 300;
    private static final Pattern CONTEXT_LENGTH = Pattern.compile(
            "(?i)maximum context length|context length exceeded|context_length_exceeded"
                    + "|`inputs` tokens \\+ `max_new_tokens` must be <=|input validation error: `inputs` must have less than");

    private HttpFailures() {
    }

    /**
     * The exception for an HTTP error response.
     *
     * @param requestId the provider's request id header, or null
     * @param retryAfter the wait the response asked for ({@link #retryAfter}), or null
     * @param shouldRetry the {@code x-should-retry} header value, or null
     * @param body the start of the response body, or null
     * @param secret a value to scrub from messages (the API key or token), or null
     */
    public static GenerationException forStatus(String provider, int status, String requestId, Duration retryAfter,
            String shouldRetry, String body, String secret) {
        return forStatus(provider, status, requestId, retryAfter, shouldRetry, body, secret, null);
    }

    /**
     * Like {@link #forStatus(String, int, String, Duration, String, String, String)}, chaining
     * {@code cause} (e.g. an {@link HttpStatusException} naming the request; never a library
     * exception itself, but its {@link ScrubbedCause}).
     */
    public static GenerationException forStatus(String provider, int status, String requestId, Duration retryAfter,
            String shouldRetry, String body, String secret, Throwable cause) {
        ErrorFields f = ErrorFields.of(body);
        String text = Scrubber.scrub(f.message != null ? f.message + (f.code == null ? "" : " (code: " + f.code + ")")
                : "HTTP " + status + describeBody(body, secret), secret);
        GenerationException.Details d = GenerationException.details(provider).statusCode(status)
                .requestId(requestId).retryAfter(retryAfter);
        shouldRetry(d, shouldRetry);
        return classify(d, f.code, f.type, text, cause);
    }

    /**
     * The exception for an error whose status (set on {@code details}), {@code code},
     * {@code type} and (already scrubbed) {@code message} are known, e.g. from a client
     * library's exception.
     */
    public static GenerationException classify(GenerationException.Details details, String code, String type,
            String message, Throwable cause) {
        if ("context_length_exceeded".equals(code) || (message != null && CONTEXT_LENGTH.matcher(message).find())) {
            return new ContextLengthExceededException(message, details.retryable(false), cause);
        }
        if (isContentFilter(code)) {
            return new ContentFilterException(message, details.retryable(false), cause);
        }
        if ("insufficient_quota".equals(code) || "insufficient_quota".equals(type)) {
            return new RateLimitException(message, details.retryable(false), cause);
        }
        if ("generation".equals(type) || "incomplete_generation".equals(type)) {
            // TGI answers a failure inside the model (e.g. out of GPU memory) with 424 Failed Dependency
            return new ServerErrorException(message, details, cause);
        }
        return GenerationException.forStatus(details, message, cause);
    }

    /**
     * The exception for an error object where a reply or a stream event was expected: with a
     * numeric {@code code} between 400 and 599 (vLLM) it is classified like that status,
     * otherwise by its {@code type} / {@code error_type} and {@code code} (rate limits,
     * validation and authentication errors, else a retryable server error).
     */
    public static GenerationException forErrorObject(String provider, ErrorBodyException e, String requestId,
            String secret, Throwable cause) {
        Object error = e.body().get("error");
        Map<?, ?> m = error instanceof Map ? (Map<?, ?>) error : Map.of();
        // TGI's Messages API streams {"error": {"message", "http_status_code"}} where OpenAI sends a code
        Object rawCode = m.containsKey("code") ? m.get("code") : m.get("http_status_code");
        String code = rawCode instanceof String ? (String) rawCode : null;
        Object rawType = m.containsKey("type") ? m.get("type") : e.body().get("error_type");
        String type = rawType instanceof String ? (String) rawType : null;
        Integer status = rawCode instanceof Number && ((Number) rawCode).intValue() >= 400
                && ((Number) rawCode).intValue() < 600 ? Integer.valueOf(((Number) rawCode).intValue()) : null;
        String text = m.get("message") instanceof String ? (String) m.get("message")
                : error instanceof String ? (String) error : String.valueOf(error);
        String message = Scrubber.scrub((e.inStream() ? "Error event in the response stream: "
                : "The response (HTTP 200) is an error: ") + text + (code == null ? "" : " (code: " + code + ")"),
                secret);
        GenerationException.Details d = GenerationException.details(provider).requestId(requestId);
        if (status == null) {
            return byType(d, code, type, message, cause);
        }
        d.statusCode(status);
        return classify(d, code, type, message, cause);
    }

    /** The exception for an error sent inside a stream (no status), by its {@code code} and {@code type}. */
    public static GenerationException byType(GenerationException.Details d, String code, String type,
            String message, Throwable cause) {
        String t = type == null ? "" : type;
        String c = code == null ? "" : code;
        if ("context_length_exceeded".equals(c) || (message != null && CONTEXT_LENGTH.matcher(message).find())) {
            return new ContextLengthExceededException(message, d.retryable(false), cause);
        }
        if (isContentFilter(c)) {
            return new ContentFilterException(message, d.retryable(false), cause);
        }
        if (c.equals("insufficient_quota") || t.equals("insufficient_quota")) {
            return new RateLimitException(message, d.retryable(false), cause);
        }
        if (t.contains("rate_limit") || c.contains("rate_limit") || t.equals("requests") || t.equals("tokens")
                || t.equals("overloaded")) {
            return new RateLimitException(message, d.retryable(true), cause);
        }
        if (t.equals("invalid_request_error") || t.equals("validation")) {
            return new InvalidRequestException(message, d.retryable(false), cause);
        }
        if (t.equals("authentication_error") || t.equals("permission_error")) {
            return new AuthenticationException(message, d.retryable(false), cause);
        }
        return new ServerErrorException(message, d.retryable(true), cause);
    }

    /** A stream that ended (cleanly at the transport level) before the model finished: retryable. */
    public static GenerationException forTruncatedStream(String provider, TruncatedStreamException e,
            String requestId, String secret, Throwable cause) {
        return new ServerErrorException(Scrubber.scrub(e.getMessage(), secret),
                GenerationException.details(provider).retryable(true).requestId(requestId), cause);
    }

    /**
     * A failure of the transport (an {@code IOException}, possibly wrapped): a
     * {@link GenerationTimeoutException} when a timeout is in its cause chain, else a retryable
     * {@link ConnectionException} (a {@link ServerErrorException}) saying the connection failed.
     */
    public static GenerationException forIo(String provider, Throwable failure, String requestId, String secret,
            Throwable cause) {
        GenerationException.Details d = GenerationException.details(provider).retryable(true).requestId(requestId);
        Throwable root = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            root = t;
            if (t instanceof SocketTimeoutException
                    || (t instanceof InterruptedIOException && "timeout".equals(t.getMessage()))) {
                return new GenerationTimeoutException(Scrubber.scrub("The request timed out: " + t.getMessage(),
                        secret), d, cause);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return new ConnectionException(Scrubber.scrub("The connection failed: " + root, secret), d, cause);
    }

    /** A response that could not be read (not the JSON expected): a retryable server error. */
    public static GenerationException forMalformedResponse(String provider, String detail, String requestId,
            String secret, Throwable cause) {
        return new ServerErrorException(Scrubber.scrub("The response could not be read: " + detail, secret),
                GenerationException.details(provider).retryable(true).requestId(requestId), cause);
    }

    /** The server's {@code x-should-retry} ({@code true}/{@code false}), when sent, decides retryability. */
    public static void shouldRetry(GenerationException.Details d, String header) {
        if ("true".equals(header)) {
            d.retryable(true);
        } else if ("false".equals(header)) {
            d.retryable(false);
        }
    }

    /**
     * How an error body that is not a known error object is described in a message: empty, or
     * its first characters on one line, scrubbed before they are cut so no part of a key
     * survives the cut.
     */
    public static String describeBody(String rawBody, String secret) {
        if (rawBody == null || rawBody.isBlank()) {
            return " with an empty or unreadable body";
        }
        return " with a body that is not an error object: " + snippet(rawBody, secret);
    }

    /** {@code body} on one line, scrubbed before it is cut to 300 characters, so no part of a key survives the cut. */
    static String snippet(String body, String secret) {
        String oneLine = Scrubber.scrub(body.strip().replaceAll("\\s+", " "), secret);
        return oneLine.length() > SNIPPET ? oneLine.substring(0, SNIPPET) + "..." : oneLine;
    }

    /** The wait asked for by a {@code retry-after-ms} and a {@code Retry-After} header value (either may be null). */
    public static Duration retryAfter(String retryAfterMs, String retryAfter) {
        return retryAfter(retryAfterMs, retryAfter, Clock.systemUTC());
    }

    /** Like {@link #retryAfter(String, String)}, an HTTP date measured against {@code clock}; a past date is zero. */
    public static Duration retryAfter(String retryAfterMs, String retryAfter, Clock clock) {
        Duration d = RetryPolicy.requested(retryAfterMs, retryAfter, clock);
        return d == null || !d.isNegative() ? d : Duration.ZERO;
    }

    private static boolean isContentFilter(String code) {
        return "content_filter".equals(code) || "content_policy_violation".equals(code);
    }

    /** The message, code and type of an error body in any of the shapes servers send. */
    private static final class ErrorFields {
        String message;
        String code;
        String type;

        static ErrorFields of(String body) {
            ErrorFields f = new ErrorFields();
            if (body == null) {
                return f;
            }
            try {
                Map<String, Object> obj = Json.parseObject(body);
                Object error = obj.get("error");
                if (error instanceof Map) {
                    Map<?, ?> m = (Map<?, ?>) error;
                    f.message = m.get("message") instanceof String ? (String) m.get("message") : null;
                    f.code = m.get("code") instanceof String ? (String) m.get("code") : null;
                    f.type = m.get("type") instanceof String ? (String) m.get("type") : null;
                } else if (error instanceof String) {
                    f.message = (String) error;
                    f.type = obj.get("error_type") instanceof String ? (String) obj.get("error_type") : null;
                } else if (obj.get("message") instanceof String) {
                    f.message = (String) obj.get("message");   // vLLM: {"object": "error", "message", "type", "code"}
                    f.type = obj.get("type") instanceof String ? (String) obj.get("type") : null;
                }
            } catch (RuntimeException notJson) {
                // described by describeBody
            }
            return f;
        }
    }
}
