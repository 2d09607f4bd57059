package dev.hayloft.fallback;

import dev.hayloft.core.generation.ChatGenerator;
import java.util.Objects;

/**
 * One failed attempt, as a {@link FailoverPolicy} sees it when deciding what happens next.
 *
 * <pre>{@code
 * FailoverPolicy policy = FailoverPolicy.when(f -> f.kind() != FailureKind.CONTENT_FILTER && f.remaining() > 0);
 * }</pre>
 *
 * @param chatGeneratorIndex the failed generator's position in {@code chat_generators}, from 0
 * @param chatGenerator the failed generator
 * @param attempt how many generators this request has called so far (1 for the first)
 * @param kind the classified failure
 * @param error what the generator threw (or the time-to-first-token timeout)
 * @param streamed whether chunks of this attempt already reached the streaming callback
 * @param remaining how many generators come after this one (some may be skipped by their circuit breakers)
 */
public record AttemptFailure(int chatGeneratorIndex, ChatGenerator chatGenerator, int attempt, FailureKind kind,
        Throwable error, boolean streamed, int remaining) {

    public AttemptFailure {
        Objects.requireNonNull(chatGenerator, "chatGenerator");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(error, "error");
    }
}
