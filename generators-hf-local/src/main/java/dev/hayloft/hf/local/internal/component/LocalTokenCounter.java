package dev.hayloft.hf.local.internal.component;

import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.generation.TokenCounter;
import dev.hayloft.core.tools.Tool;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Counts tokens with a local model's own tokenizer: a text as the tokenizer encodes it
 * without special tokens, a chat prompt as the chat generator sends it (the chat template
 * rendered with the generation prompt, the build-time tools and the build-time
 * {@code generation_kwargs}' template settings, then encoded). Loads the model on first use.
 *
 * <pre>{@code
 * TokenCounter counter = new LocalTokenCounter(handle, prompts, tools, Map.of());
 * int n = counter.countTokens(List.of(ChatMessage.fromUser("Hi!")));
 * }</pre>
 */
public final class LocalTokenCounter implements TokenCounter {
    private final ModelHandle handle;
    private final ChatPrompts prompts;
    private final List<Tool> tools;
    private final Map<String, Object> generationKwargs;

    /** {@code generationKwargs}: the build-time ones ({@code chat_template_kwargs}, {@code continue_final_message}). */
    public LocalTokenCounter(ModelHandle handle, ChatPrompts prompts, List<Tool> tools,
            Map<String, Object> generationKwargs) {
        this.handle = handle;
        this.prompts = prompts;
        this.tools = List.copyOf(tools);
        this.generationKwargs = generationKwargs;
    }

    @Override
    public int countTokens(String text) {
        Objects.requireNonNull(text, "text");
        handle.warmUp();
        return handle.get().encode(text, false).length;
    }

    @Override
    public int countTokens(List<ChatMessage> messages) {
        Objects.requireNonNull(messages, "messages");
        handle.warmUp();
        return handle.get().encode(prompts.render(handle.get(), messages, tools, generationKwargs), false).length;
    }

    @Override
    public String toString() {
        return "LocalTokenCounter[" + handle.modelName() + "]";
    }
}
