package dev.hayloft.core.moderation;

import dev.hayloft.core.component.Component;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Checks texts against a content policy, e.g. OpenAI's moderation endpoint
 * ({@code OpenAIModeration} in generators-openai). {@code DocumentAnswerGenerator} uses one to
 * moderate its prompt and its answers. A moderation is a component, so it serialises with
 * {@code toDict} and nests in other components' dicts. Implementations are thread-safe.
 *
 * <pre>{@code
 * ModerationResult r = moderation.moderate(List.of("How do I bake bread?"));
 * if (r.flagged()) {
 *     System.out.println("flagged: " + r.categories());
 * }
 * }</pre>
 */
public interface Moderation extends Component {

    /**
     * Classifies {@code texts}; the result is flagged when any of them is.
     *
     * @throws IllegalArgumentException naming {@code texts} when it is null, empty or holds a null
     * @throws dev.hayloft.core.errors.GenerationException when the moderation service fails
     */
    ModerationResult moderate(List<String> texts);

    /**
     * Classifies {@code texts} without blocking the caller where the implementation can; the
     * default runs {@link #moderate} on the calling thread and returns a completed future
     * (failures complete it exceptionally). Implementations doing I/O override it.
     */
    default CompletableFuture<ModerationResult> moderateAsync(List<String> texts) {
        try {
            return CompletableFuture.completedFuture(moderate(texts));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Checks the {@code texts} argument of {@link #moderate}: not null, not empty, no null element. */
    static List<String> checkTexts(List<String> texts) {
        if (texts == null || texts.isEmpty()) {
            throw new IllegalArgumentException("texts must not be null or empty");
        }
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i) == null) {
                throw new IllegalArgumentException("texts[" + i + "] must not be null");
            }
        }
        return List.copyOf(texts);
    }
}
