package dev.hayloft.fallback;

import dev.hayloft.core.serde.DictReader;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What happened to one wrapped chat generator during one request of a
 * {@link FallbackChatGenerator}: listed, in order, in the result's {@code meta["attempts"]}
 * and in {@link FallbackException#attempts()}. Generators the request never reached are not
 * listed.
 *
 * <pre>{@code
 * for (FallbackAttempt a : result.attempts()) {
 *     log.info("#{} {} {}: {} HTTP {} after {}", a.chatGeneratorIndex(), a.chatGeneratorClass(), a.outcome(),
 *             a.errorType(), a.statusCode(), a.latency());
 * }
 * }</pre>
 *
 * @param chatGeneratorIndex the generator's position in {@code chat_generators}, from 0
 * @param chatGeneratorClass its class's simple name (as Haystack's {@code failed_chat_generators})
 * @param model the model it used (from the reply) or was configured with; null when unknown
 * @param outcome what happened
 * @param errorType the failure's simple class name, e.g. {@code "RateLimitException"}; null unless failed
 * @param failureKind the classified failure; null unless failed
 * @param statusCode the HTTP status of the failure, when there was one
 * @param retryAfter how long the provider asked to wait ({@code Retry-After}), when it did
 * @param latency from the attempt's start to its end; zero for a skipped generator
 * @param timeToFirstToken from the attempt's start to its first content chunk (or, unstreamed,
 *        its reply); null when none arrived
 * @param action what the failover policy decided; null unless failed
 * @param streamed whether chunks of this attempt reached the streaming callback
 */
public record FallbackAttempt(int chatGeneratorIndex, String chatGeneratorClass, String model, Outcome outcome,
        String errorType, FailureKind failureKind, Integer statusCode, Duration retryAfter, Duration latency,
        Duration timeToFirstToken, FailoverPolicy.Action action, boolean streamed) {

    /** What happened to the generator. */
    public enum Outcome {
        /** It answered: its replies are the result. */
        SUCCEEDED,
        /** It failed. */
        FAILED,
        /** Its circuit breaker was open: it was not called. */
        SKIPPED,
        /** The caller cancelled the request while it ran (a budget that ran out is a failure). */
        CANCELLED;

        /** The lower-case name used in meta. */
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public FallbackAttempt {
        Objects.requireNonNull(chatGeneratorClass, "chatGeneratorClass");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(latency, "latency");
    }

    /** The snake_case dict in {@code meta["attempts"]}; durations in seconds. */
    public Map<String, Object> toDict() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("chat_generator_index", chatGeneratorIndex);
        m.put("chat_generator_class", chatGeneratorClass);
        m.put("model", model);
        m.put("outcome", outcome.value());
        m.put("error_type", errorType);
        m.put("failure_kind", failureKind == null ? null : failureKind.value());
        m.put("status_code", statusCode);
        m.put("retry_after", seconds(retryAfter));
        m.put("latency", seconds(latency));
        m.put("time_to_first_token", seconds(timeToFirstToken));
        m.put("action", action == null ? null : action.value());
        m.put("streamed", streamed);
        return m;
    }

    /** Reads {@link #toDict()}'s shape. */
    public static FallbackAttempt fromDict(Map<String, ?> dict) {
        DictReader r = DictReader.of(dict, "");
        String kind = r.string("failure_kind", null);
        String action = r.string("action", null);
        return new FallbackAttempt(r.optionalInt("chat_generator_index"), r.requireString("chat_generator_class"),
                r.string("model", null), Outcome.valueOf(r.requireString("outcome").toUpperCase(Locale.ROOT)),
                r.string("error_type", null), kind == null ? null : FailureKind.fromValue(kind),
                r.optionalInt("status_code"), duration(r.optionalDouble("retry_after")),
                duration(r.optionalDouble("latency")), duration(r.optionalDouble("time_to_first_token")),
                action == null ? null : FailoverPolicy.Action.fromValue(action), r.bool("streamed", false));
    }

    private static Double seconds(Duration d) {
        return d == null ? null : d.toNanos() / 1e9;
    }

    private static Duration duration(Double seconds) {
        return seconds == null ? null : Duration.ofNanos(Math.round(seconds * 1e9));
    }
}
