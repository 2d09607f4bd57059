package dev.hayloft.openai.internal;

import com.openai.core.JsonValue;
import com.openai.core.http.Headers;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIRetryableException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.SseException;
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
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Classifies openai-java's failures into core's {@link GenerationException} hierarchy: HTTP
 * status, {@code x-request-id}, {@code Retry-After}/{@code retry-after-ms}, OpenAI's error
 * {@code code} ({@code context_length_exceeded}, {@code content_filter},
 * {@code insufficient_quota}), errors sent inside a stream, timeouts and broken connections.
 * API keys are scrubbed from every message ({@link Scrubber}), and the failure is chained as a
 * {@link ScrubbedCause}, never itself, so no stack trace echoes a key a server put into its
 * message. {@code x-should-retry}, when the server sent it, decides retryability.
 *
 * <pre>{@code
 * GenerationException e = ErrorMapper.map(openAIFailure, "openai", null, apiKey);
 * }</pre>
 */
public final class ErrorMapper {
    private static final int SNIPPET = 300;

    private ErrorMapper() {
    }

    /**
     * The core exception for {@code failure}, or null when it is not an openai-java or I/O
     * failure (the caller then rethrows it unchanged).
     *
     * @param rawErrorBody the start of the error response body, when the transport saw one
     * @param secret a value to scrub from messages (the API key), or null
     */
    public static GenerationException map(Throwable failure, String provider, String rawErrorBody, String secret) {
        return map(failure, provider, rawErrorBody, null, secret);
    }

    /**
     * Like {@link #map(Throwable, String, String, String)}, with the {@code x-request-id} the
     * transport saw, used when the failure itself carries none (e.g. a stream cut midway).
     */
    public static GenerationException map(Throwable failure, String provider, String rawErrorBody,
            String seenRequestId, String secret) {
        return map(failure, provider, rawErrorBody, seenRequestId, secret, Clock.systemUTC());
    }

    /** Like {@link #map(Throwable, String, String, String, String)}; HTTP-date {@code Retry-After} values are read against {@code clock}. */
    public static GenerationException map(Throwable failure, String provider, String rawErrorBody,
            String seenRequestId, String secret, Clock clock) {
        if (failure instanceof GenerationException) {
            return (GenerationException) failure;
        }
        Throwable cause = ScrubbedCause.of(failure, secret);
        if (failure instanceof OpenAIServiceException) {
            return service((OpenAIServiceException) failure, provider, rawErrorBody, secret, clock, cause);
        }
        if (failure instanceof ErrorBodyException) {
            return errorBody((ErrorBodyException) failure, provider, seenRequestId, secret, cause);
        }
        if (failure instanceof TruncatedStreamException) {
            return new ServerErrorException(scrub(failure.getMessage(), secret),
                    GenerationException.details(provider).retryable(true).requestId(seenRequestId), cause);
        }
        if (failure instanceof OpenAIIoException || failure instanceof UncheckedIOException
                || failure instanceof IOException) {
            return io(failure, provider, seenRequestId, secret, cause);
        }
        if (failure instanceof OpenAIInvalidDataException) {
            GenerationException.Details d = GenerationException.details(provider).retryable(true)
                    .requestId(seenRequestId);
            ((OpenAIInvalidDataException) failure).headers().ifPresent(h -> d.requestId(requestId(h)));
            return new ServerErrorException(scrub("The response could not be read: " + failure.getMessage(), secret),
                    d, cause);
        }
        if (failure instanceof OpenAIException) {
            if (failure.getCause() instanceof IOException) {
                return io(failure, provider, seenRequestId, secret, cause);
            }
            boolean retryable = failure instanceof OpenAIRetryableException;
            GenerationException.Details d = GenerationException.details(provider).retryable(retryable)
                    .requestId(seenRequestId);
            String message = scrub(String.valueOf(failure.getMessage()), secret);
            return retryable ? new ServerErrorException(message, d, cause) : new GenerationException(message, d, cause);
        }
        return null;
    }

    private static GenerationException service(OpenAIServiceException e, String provider, String rawBody,
            String secret, Clock clock, Throwable cause) {
        Headers headers = e.headers();
        String code = e.code().orElse(null);
        String type = typeOf(e);
        String message = scrub(message(e, rawBody, secret), secret);
        GenerationException.Details d = GenerationException.details(provider).requestId(requestId(headers))
                .retryAfter(retryAfter(headers, clock));
        if (e instanceof SseException) {
            return inStream(d, code, type, "Error event in the response stream: " + message, cause);
        }
        int status = e.statusCode();
        d.statusCode(status);
        shouldRetry(d, first(headers, "x-should-retry"));
        if ("context_length_exceeded".equals(code)) {
            return new ContextLengthExceededException(message, d, cause);
        }
        if (isContentFilter(code)) {
            return new ContentFilterException(message, d, cause);
        }
        if ("insufficient_quota".equals(code) || "insufficient_quota".equals(type)) {
            return new RateLimitException(message, d.retryable(false), cause);
        }
        return GenerationException.forStatus(d, message, cause);
    }

    /** The server's {@code x-should-retry} ({@code true}/{@code false}), when sent, decides retryability. */
    private static void shouldRetry(GenerationException.Details d, String header) {
        if ("true".equals(header)) {
            d.retryable(true);
        } else if ("false".equals(header)) {
            d.retryable(false);
        }
    }

    private static String first(Headers headers, String name) {
        if (headers == null) {
            return null;
        }
        List<String> v = headers.values(name);
        return v.isEmpty() ? null : v.get(0);
    }

    /**
     * The error's {@code type}, or null: openai-java's {@code type()} throws when the body has
     * none or {@code "type": null}, as Azure OpenAI's errors do.
     */
    private static String typeOf(OpenAIServiceException e) {
        try {
            return e.type().orElse(null);
        } catch (OpenAIInvalidDataException missing) {
            return null;
        }
    }

    /**
     * An error object where a completion or chunk was expected: OpenAI's {@code {"error":
     * {"message", "type", "code"}}}, vLLM's numeric {@code code} (taken as the status) or TGI's
     * {@code {"error": "...", "error_type": "..."}}, classified like the same error sent with
     * its status, {@code type} and {@code code}.
     */
    private static GenerationException errorBody(ErrorBodyException e, String provider, String seenRequestId,
            String secret, Throwable cause) {
        Object error = e.body().get("error");
        Map<?, ?> m = error instanceof Map ? (Map<?, ?>) error : Map.of();
        Object rawCode = m.get("code");
        String code = rawCode instanceof String ? (String) rawCode : null;
        Object rawType = m.containsKey("type") ? m.get("type") : e.body().get("error_type");
        String type = rawType instanceof String ? (String) rawType : null;
        Integer status = rawCode instanceof Number && ((Number) rawCode).intValue() >= 400
                && ((Number) rawCode).intValue() < 600 ? Integer.valueOf(((Number) rawCode).intValue()) : null;
        String text = m.get("message") instanceof String ? (String) m.get("message")
                : error instanceof String ? (String) error : String.valueOf(error);
        String message = scrub((e.inStream() ? "Error event in the response stream: "
                : "The response (HTTP 200) is an error: ") + text + (code == null ? "" : " (code: " + code + ")"),
                secret);
        GenerationException.Details d = GenerationException.details(provider).requestId(seenRequestId);
        if (status == null) {
            return inStream(d, code, type, message, cause);
        }
        d.statusCode(status);
        if ("context_length_exceeded".equals(code)) {
            return new ContextLengthExceededException(message, d.retryable(false), cause);
        }
        if (isContentFilter(code)) {
            return new ContentFilterException(message, d.retryable(false), cause);
        }
        if ("insufficient_quota".equals(code) || "insufficient_quota".equals(type)) {
            return new RateLimitException(message, d.retryable(false), cause);
        }
        return GenerationException.forStatus(d, message, cause);
    }

    private static GenerationException inStream(GenerationException.Details d, String code, String type,
            String message, Throwable cause) {
        String t = type == null ? "" : type;
        String c = code == null ? "" : code;
        if ("context_length_exceeded".equals(c)) {
            return new ContextLengthExceededException(message, d.retryable(false), cause);
        }
        if (isContentFilter(c)) {
            return new ContentFilterException(message, d.retryable(false), cause);
        }
        if (c.equals("insufficient_quota") || t.equals("insufficient_quota")) {
            return new RateLimitException(message, d.retryable(false), cause);
        }
        if (t.contains("rate_limit") || c.contains("rate_limit") || t.equals("requests") || t.equals("tokens")) {
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

    private static boolean isContentFilter(String code) {
        return "content_filter".equals(code) || "content_policy_violation".equals(code);
    }

    private static GenerationException io(Throwable failure, String provider, String seenRequestId, String secret,
            Throwable cause) {
        GenerationException.Details d = GenerationException.details(provider).retryable(true).requestId(seenRequestId);
        if (failure instanceof OpenAIIoException) {
            ((OpenAIIoException) failure).headers().ifPresent(h -> d.requestId(requestId(h)));
        }
        Throwable root = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            root = t;
            if (t instanceof SocketTimeoutException
                    || (t instanceof InterruptedIOException && "timeout".equals(t.getMessage()))) {
                return new GenerationTimeoutException(scrub("The request timed out: " + t.getMessage(), secret), d,
                        cause);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return new ConnectionException(scrub("The connection failed: " + root, secret), d, cause);
    }

    private static String message(OpenAIServiceException e, String rawBody, String secret) {
        String text = errorText(e.body());
        StringBuilder sb = new StringBuilder();
        sb.append(text != null ? text : "HTTP " + e.statusCode() + describeBody(rawBody, secret));
        e.code().ifPresent(c -> sb.append(" (code: ").append(c).append(')'));
        return sb.toString();
    }

    private static String describeBody(String rawBody, String secret) {
        if (rawBody == null || rawBody.isBlank()) {
            return " with an empty or unreadable body";
        }
        // scrubbed before it is cut, so that no part of a key survives the cut
        String oneLine = scrub(rawBody.strip().replaceAll("\\s+", " "), secret);
        return " with a body that is not an OpenAI error: "
                + (oneLine.length() > SNIPPET ? oneLine.substring(0, SNIPPET) + "..." : oneLine);
    }

    private static String errorText(JsonValue body) {
        if (body == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Optional<Map<String, JsonValue>> obj = (Optional<Map<String, JsonValue>>) (Optional<?>) body.asObject();
        if (obj.isEmpty()) {
            return stringOf(body);
        }
        Map<String, JsonValue> m = obj.get();
        String msg = stringOf(m.get("message"));
        if (msg != null) {
            return msg;
        }
        JsonValue inner = m.get("error");
        if (inner != null) {
            return errorText(inner);
        }
        return null;
    }

    private static String stringOf(JsonValue v) {
        if (v == null) {
            return null;
        }
        Object s = ((Optional<?>) v.asString()).orElse(null);
        return s instanceof String ? (String) s : null;
    }

    /** The {@code x-request-id} header, if any. */
    public static String requestId(Headers headers) {
        if (headers == null) {
            return null;
        }
        List<String> v = headers.values("x-request-id");
        return v.isEmpty() ? null : v.get(0);
    }

    /** {@code retry-after-ms} (milliseconds) or {@code Retry-After} (seconds or an HTTP date), if any. */
    public static Duration retryAfter(Headers headers) {
        return retryAfter(headers, Clock.systemUTC());
    }

    private static Duration retryAfter(Headers headers, Clock clock) {
        if (headers == null) {
            return null;
        }
        return retryAfter(first(headers, "retry-after-ms"), first(headers, "retry-after"), clock);
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

    /**
     * The exception for one failed HTTP attempt seen by the transport (before openai-java
     * decides to retry it): classified like {@link #map} classifies the final failure, from the
     * status, OpenAI's error {@code code} in {@code body} and the headers' values.
     */
    public static GenerationException forResponse(int status, String requestId, Duration retryAfter, String body,
            String provider, String secret) {
        return forResponse(status, requestId, retryAfter, null, body, provider, secret);
    }

    /** Like {@link #forResponse(int, String, Duration, String, String, String)}, with the {@code x-should-retry} value (or null). */
    public static GenerationException forResponse(int status, String requestId, Duration retryAfter,
            String shouldRetry, String body, String provider, String secret) {
        String message = null;
        String code = null;
        try {
            Object error = body == null ? null : Json.parseObject(body).get("error");
            if (error instanceof Map) {
                Object m = ((Map<?, ?>) error).get("message");
                Object c = ((Map<?, ?>) error).get("code");
                message = m instanceof String ? (String) m : null;
                code = c instanceof String ? (String) c : null;
            }
        } catch (RuntimeException notJson) {
            // described below
        }
        String text = scrub(message != null ? message : "HTTP " + status + describeBody(body, secret), secret);
        GenerationException.Details d = GenerationException.details(provider).statusCode(status).requestId(requestId)
                .retryAfter(retryAfter);
        shouldRetry(d, shouldRetry);
        if ("context_length_exceeded".equals(code)) {
            return new ContextLengthExceededException(text, d, null);
        }
        if (isContentFilter(code)) {
            return new ContentFilterException(text, d, null);
        }
        if ("insufficient_quota".equals(code)) {
            return new RateLimitException(text, d.retryable(false), null);
        }
        return GenerationException.forStatus(d, text, null);
    }

    /** {@code text} with {@code secret} and anything credential-shaped masked ({@link Scrubber}). */
    public static String scrub(String text, String secret) {
        return Scrubber.scrub(text, secret);
    }
}
