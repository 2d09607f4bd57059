package dev.hayloft.core.generation;

import dev.hayloft.core.component.Component;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.core.tools.ToolSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A component that answers a conversation: Haystack's chat-generator protocol with its
 * sockets {@code messages}, {@code generation_kwargs}, {@code tools},
 * {@code streaming_callback} → {@code replies}.
 *
 * <p>Run-time {@code generationKwargs} are merged over the ones given at build time (see
 * {@link GenerationKwargs#merge}); run-time {@code tools} replace the build-time ones; a
 * run-time streaming callback replaces the build-time one. Implementations are thread-safe.
 *
 * <pre>{@code
 * ChatGenerator llm = OpenAIChatGenerator.builder().model("gpt-4o-mini").build();
 * ChatMessage reply = llm.run(List.of(ChatMessage.fromUser("Hi!"))).replies().get(0);
 * llm.runAsync(messages, Map.of("temperature", 0.2), null, chunk -> System.out.print(chunk.content()))
 *    .thenAccept(r -> System.out.println());
 * }</pre>
 */
public interface ChatGenerator extends Component {

    /**
     * The model this generator is configured to call (a model id, an Azure deployment, a local
     * folder or Hub id), or null when it has none of its own (composites, user components) —
     * for logs, traces and a fallback's attempt records; never a secret.
     */
    default String model() {
        return null;
    }

    /** Generates replies to {@code messages}; null arguments mean "use the build-time value". */
    ChatGeneratorResult run(List<ChatMessage> messages, Map<String, Object> generationKwargs,
            List<? extends ToolSource> tools, StreamingCallback streamingCallback);

    /** Generates replies with the build-time settings. */
    default ChatGeneratorResult run(List<ChatMessage> messages) {
        return run(messages, null, null, null);
    }

    /**
     * Generates asynchronously. Cancelling the future abandons the request (remote generators
     * close the connection, local ones stop generating).
     */
    CompletableFuture<ChatGeneratorResult> runAsync(List<ChatMessage> messages, Map<String, Object> generationKwargs,
            List<? extends ToolSource> tools, StreamingCallback streamingCallback);

    /** Generates asynchronously with the build-time settings. */
    default CompletableFuture<ChatGeneratorResult> runAsync(List<ChatMessage> messages) {
        return runAsync(messages, null, null, null);
    }
}
