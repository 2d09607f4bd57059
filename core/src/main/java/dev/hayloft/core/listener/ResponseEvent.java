package dev.hayloft.core.listener;

import dev.hayloft.core.dataclasses.ChatMessage;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A request succeeded. The last event of the request.
 *
 * <pre>{@code
 * public void onResponse(ResponseEvent e) {
 *     latency.record(e.duration());
 *     if (e.usage().outputTokens() != null) outputTokens.record(e.usage().outputTokens());
 * }
 * }</pre>
 *
 * @param context the request
 * @param attempt the attempt that succeeded (1 unless earlier ones failed)
 * @param duration from {@code context().start()} to now (all attempts and back-offs)
 * @param timeToFirstToken from the start to the first chunk with content; null when not streamed
 * @param usage the token counts the provider reported (summed over replies), or {@link TokenUsage#UNKNOWN}
 * @param finishReasons one per reply, the provider's values ({@code "stop"}, {@code "length"},
 *        {@code "tool_calls"}, ...; map them with {@code FinishReason.normalize}); empty when unknown
 * @param responseModel the model that answered, as the provider reported it, or null
 * @param providerRequestId the provider's id of the request (e.g. OpenAI's {@code x-request-id}), or null
 * @param chunks how many streaming chunks arrived (0 when not streamed)
 * @param replies the replies (a text generator's texts as assistant messages; empty for images)
 */
public record ResponseEvent(GenerationContext context, int attempt, Duration duration, Duration timeToFirstToken,
        TokenUsage usage, List<String> finishReasons, String responseModel, String providerRequestId, int chunks,
        List<ChatMessage> replies) {

    public ResponseEvent {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(duration, "duration");
        usage = usage == null ? TokenUsage.UNKNOWN : usage;
        finishReasons = finishReasons == null ? List.of() : List.copyOf(finishReasons);
        replies = replies == null ? List.of() : List.copyOf(replies);
    }

    @Override
    public String toString() {
        return "ResponseEvent[context=" + context + ", attempt=" + attempt + ", duration=" + duration
                + ", timeToFirstToken=" + timeToFirstToken + ", usage=" + usage + ", finishReasons=" + finishReasons
                + ", responseModel=" + responseModel + ", providerRequestId=" + providerRequestId + ", chunks="
                + chunks + ", replies=" + replies.size() + "]";
    }
}
