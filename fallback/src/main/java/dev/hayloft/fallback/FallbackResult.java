package dev.hayloft.fallback;

import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.serde.JsonValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The output of a {@link FallbackChatGenerator}: the sockets {@code replies} (from the first
 * generator that succeeded) and {@code meta}, with Haystack's keys
 * {@code successful_chat_generator_index}, {@code successful_chat_generator_class},
 * {@code total_attempts} (generators called), {@code failed_chat_generators} (their class
 * names), plus {@code attempts}: one {@link FallbackAttempt#toDict()} per generator reached.
 *
 * <pre>{@code
 * FallbackResult r = fallback.runWithMeta(List.of(ChatMessage.fromUser("Hi")), null, null, null);
 * String text = r.text();
 * int winner = r.successfulChatGeneratorIndex();
 * r.attempts().forEach(a -> log.info("{} {}", a.chatGeneratorClass(), a.outcome()));
 * }</pre>
 *
 * @param replies the successful generator's replies
 * @param meta how the request went (immutable JSON values)
 */
public record FallbackResult(List<ChatMessage> replies, Map<String, Object> meta) {
    public FallbackResult {
        replies = List.copyOf(Objects.requireNonNull(replies, "replies"));
        meta = JsonValues.immutableMap(Objects.requireNonNull(meta, "meta"));
    }

    /** The first reply's text, or null. */
    public String text() {
        return replies.isEmpty() ? null : replies.get(0).text();
    }

    /** {@code meta["successful_chat_generator_index"]}. */
    public int successfulChatGeneratorIndex() {
        return ((Number) meta.get("successful_chat_generator_index")).intValue();
    }

    /** {@code meta["attempts"]} as records. */
    @SuppressWarnings("unchecked")
    public List<FallbackAttempt> attempts() {
        Object a = meta.get("attempts");
        List<FallbackAttempt> out = new ArrayList<>();
        if (a instanceof List) {
            for (Object o : (List<Object>) a) {
                out.add(FallbackAttempt.fromDict((Map<String, Object>) o));
            }
        }
        return out;
    }
}
