package dev.hayloft.core.generation;

import dev.hayloft.core.dataclasses.ChatMessage;
import java.util.List;
import java.util.Objects;

/**
 * The output of a {@link ChatGenerator}: the {@code replies} socket.
 *
 * <pre>{@code
 * ChatGeneratorResult r = generator.run(messages);
 * String text = r.replies().get(0).text();
 * }</pre>
 *
 * @param replies one assistant message per generated choice
 */
public record ChatGeneratorResult(List<ChatMessage> replies) {
    public ChatGeneratorResult {
        replies = List.copyOf(Objects.requireNonNull(replies, "replies"));
    }

    /** The first reply's text, or null. */
    public String text() {
        return replies.isEmpty() ? null : replies.get(0).text();
    }
}
