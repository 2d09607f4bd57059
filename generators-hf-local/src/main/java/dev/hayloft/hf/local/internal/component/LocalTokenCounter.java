package dev.hayloft.hf.local.internal.component;

import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.generation.TokenCounter;
import dev.hayloft.core.tools.Tool;
import java.util.List;
import java.util.Objects;

/**
 * Counts tokens with a local model's own tokenizer: a text as the tokenizer encodes it
 * without special tokens, a chat prompt as the chat generator sends it (the chat template
 * rendered with the generation prompt and the build-time tools, then encoded). Loads the
 * model on first use.
 *
 * <pre>{@code
 * TokenCounter counter = new LocalTokenCounter(handle, prompts, tools);
 * int n = counter.countTokens(List.of(ChatMessage.fromUser("Hi!")));
 * }</pre>
 */
public final class LocalTokenCounter implements TokenCounter {
    private final ModelHandle handle;
    private final ChatPrompts prompts;
    private final List<Tool> tools;

    public LocalTokenCounter(ModelHandle handle, ChatPrompts prompts, List<Tool> tools) {
        this.handle = handle;
        this.prompts = prompts;
        this.tools = List.copyOf(tools);
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
        return handle.get().encode(prompts.render(handle.get(), messages, tools), false).length;
    }

    @Override
    public String toString() {
        return "LocalTokenCounter[" + handle.modelName() + "]";
    }
}
