package dev.hayloft.openai;

import dev.hayloft.core.component.ComponentProvider;
import dev.hayloft.core.component.ComponentType;
import java.util.List;

/**
 * Registers {@link OpenAIChatGenerator} and {@link OpenAIGenerator}, with their Haystack type
 * names as aliases, and {@link OpenAIModeration} (no Haystack 2 counterpart), in the default
 * component registry (through ServiceLoader).
 *
 * <pre>{@code
 * Component llm = ComponentRegistry.defaults().fromDict(Map.of(
 *         "type", "haystack.components.generators.chat.openai.OpenAIChatGenerator",
 *         "init_parameters", Map.of("model", "gpt-4o-mini")));
 * }</pre>
 */
public final class OpenAIComponents implements ComponentProvider {
    @Override
    public List<ComponentType> componentTypes() {
        return List.of(
                ComponentType.of(OpenAIChatGenerator.class, OpenAIChatGenerator::fromInitParameters,
                        "haystack.components.generators.chat.openai.OpenAIChatGenerator",
                        "haystack.components.generators.chat.OpenAIChatGenerator"),
                ComponentType.of(OpenAIGenerator.class, OpenAIGenerator::fromInitParameters,
                        "haystack.components.generators.openai.OpenAIGenerator",
                        "haystack.components.generators.OpenAIGenerator"),
                ComponentType.of(OpenAIModeration.class, OpenAIModeration::fromInitParameters));
    }
}
