package dev.hayloft.core.builders;

import dev.hayloft.core.component.ComponentProvider;
import dev.hayloft.core.component.ComponentType;
import dev.hayloft.core.dataclasses.StreamingCallback;
import java.util.List;
import java.util.Map;

/**
 * Registers core's components (the builders) and the built-in streaming callback with the
 * default {@code ComponentRegistry} through ServiceLoader.
 *
 * <pre>{@code
 * ComponentRegistry.defaults().lookup("haystack.components.builders.prompt_builder.PromptBuilder");
 * }</pre>
 */
public final class CoreComponents implements ComponentProvider {
    @Override
    public List<ComponentType> componentTypes() {
        return List.of(
                ComponentType.of(PromptBuilder.class, PromptBuilder::fromInitParameters,
                        "haystack.components.builders.prompt_builder.PromptBuilder",
                        "haystack.components.builders.PromptBuilder"),
                ComponentType.of(ChatPromptBuilder.class, ChatPromptBuilder::fromInitParameters,
                        "haystack.components.builders.chat_prompt_builder.ChatPromptBuilder",
                        "haystack.components.builders.ChatPromptBuilder"),
                ComponentType.of(AnswerBuilder.class, AnswerBuilder::fromInitParameters,
                        "haystack.components.builders.answer_builder.AnswerBuilder",
                        "haystack.components.builders.AnswerBuilder"));
    }

    @Override
    public Map<String, StreamingCallback> streamingCallbacks() {
        StreamingCallback print = StreamingCallback.printStreamingChunk();
        return Map.of(StreamingCallback.PRINT_STREAMING_CHUNK, print,
                "haystack.components.generators.utils.print_streaming_chunk", print);
    }
}
