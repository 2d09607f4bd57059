package dev.hayloft.openai.internal;

import com.openai.core.JsonValue;
import com.openai.core.http.Headers;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIRetryableException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.SseException;
import dev.hayloft.core.errors.GenerationException;
import dev.hayloft.core.errors.ServerErrorException;
import dev.hayloft.core.http.ErrorBodyException;
import dev.hayloft.core.http.HttpFailures;
import dev.hayloft.core.http.MalformedResponseException;
import dev.hayloft.core.http.ScrubbedCause;
import dev.hayloft.core.http.Scrubber;
import dev.hayloft.core.http.TruncatedStreamException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Classifies openai-java's failures into core's {@link GenerationException} hierarchy, through
 * core's one HTTP classification ({@link HttpFailures}): HTTP status, {@code x-request-id},
 * {@code Retry-After}/{@code retry-after-ms}, OpenAI's error {@code code}
 * ({@code context_length_exceeded}, {@code content_filter}, {@code insufficient_quota}), errors
 * sent inside a stream, timeouts and broken connections. API keys are scrubbed from every
 * message ({@link Scrubber}), and the failure is chained as a {@link ScrubbedCause}, never
 * itself, so no stack trace echoes a key a server put into its message.
 *
 * <pre>{@code
 * GenerationException e = ErrorMapper.map(openAIFailure, "openai", null, apiKey);
 * }</pre>
 */
public final class ErrorMapper {
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
            return HttpFailures.forErrorObject(provider, (ErrorBodyException) failure, seenRequestId, secret, cause);
        }
        if (failure instanceof TruncatedStreamException) {
            return HttpFailures.forTruncatedStream(provider, (TruncatedStreamException) failure, seenRequestId,
                    secret, cause);
        }
        if (failure instanceof OpenAIIoException || failure instanceof UncheckedIOException
                || failure instanceof IOException) {
            return io(failure, provider, seenRequestId, secret, cause);
        }
        if (failure instanceof MalformedResponseException) {
            return HttpFailures.forMalformedResponse(provider, failure.getMessage(), seenRequestId, secret, cause);
        }
        if (failure instanceof OpenAIInvalidDataException) {
            String id = ((OpenAIInvalidDataException) failure).headers().map(ErrorMapper::requestId)
                    .orElse(seenRequestId);
            return HttpFailures.forMalformedResponse(provider, failure.getMessage(), id, secret, cause);
        }
        if (failure instanceof OpenAIException) {
            if (failure.getCause() instanceof IOException) {
                return io(failure, provider, seenRequestId, secret, cause);
            }
            boolean retryable = failure instanceof OpenAIRetryableException;
            GenerationException.Details d = GenerationException.details(provider).retryable(retryable)
                    .requestId(seenRequestId);
            String message = Scrubber.scrub(String.valueOf(failure.getMessage()), secret);
            return retryable ? new ServerErrorException(message, d, cause) : new GenerationException(message, d, cause);
        }
        return null;
    }

    private static GenerationException service(OpenAIServiceException e, String provider, String rawBody,
            String secret, Clock clock, Throwable cause) {
        Headers headers = e.headers();
        String code = e.code().orElse(null);
        String type = typeOf(e);
        String message = Scrubber.scrub(message(e, rawBody, secret), secret);
        GenerationException.Details d = GenerationException.details(provider).requestId(requestId(headers))
                .retryAfter(retryAfter(headers, clock));
        if (e instanceof SseException) {
            return HttpFailures.byType(d, code, type, "Error event in the response stream: " + message, cause);
        }
        d.statusCode(e.statusCode());
        HttpFailures.shouldRetry(d, first(headers, "x-should-retry"));
        return HttpFailures.classify(d, code, type, message, cause);
    }

    private static GenerationException io(Throwable failure, String provider, String seenRequestId, String secret,
            Throwable cause) {
        String id = seenRequestId;
        if (failure instanceof OpenAIIoException) {
            id = ((OpenAIIoException) failure).headers().map(ErrorMapper::requestId).orElse(seenRequestId);
        }
        return HttpFailures.forIo(provider, failure, id, secret, cause);
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

    private static String message(OpenAIServiceException e, String rawBody, String secret) {
        String text = errorText(e.body());
        StringBuilder sb = new StringBuilder();
        sb.append(text != null ? text : "HTTP " + e.statusCode() + HttpFailures.describeBody(rawBody, secret));
        e.code().ifPresent(c -> sb.append(" (code: ").append(c).append(')'));
        return sb.toString();
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
        return HttpFailures.retryAfter(first(headers, "retry-after-ms"), first(headers, "retry-after"), clock);
    }
}
