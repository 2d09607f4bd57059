package dev.hayloft.azure;

import dev.hayloft.core.component.ComponentProvider;
import dev.hayloft.core.component.ComponentType;
import java.util.List;

/**
 * Registers {@link AzureOpenAIChatGenerator} and {@link AzureOpenAIGenerator}, with their
 * Haystack type names as aliases (Haystack 2.19's module paths and the package-level import
 * paths; Haystack 3.x keeps the chat generator's name and drops {@code AzureOpenAIGenerator}),
 * in the default component registry (through ServiceLoader).
 *
 * <pre>{@code
 * Component llm = ComponentRegistry.defaults().fromDict(Map.of(
 *         "type", "haystack.components.generators.chat.azure.AzureOpenAIChatGenerator",
 *         "init_parameters", Map.of("azure_endpoint", "https://my-resource.openai.azure.com/")));
 * }</pre>
 */
public final class AzureComponents implements ComponentProvider {
    @Override
    public List<ComponentType> componentTypes() {
        return List.of(
                ComponentType.of(AzureOpenAIChatGenerator.class, AzureOpenAIChatGenerator::fromInitParameters,
                        "haystack.components.generators.chat.azure.AzureOpenAIChatGenerator",
                        "haystack.components.generators.chat.AzureOpenAIChatGenerator"),
                ComponentType.of(AzureOpenAIGenerator.class, AzureOpenAIGenerator::fromInitParameters,
                        "haystack.components.generators.azure.AzureOpenAIGenerator",
                        "haystack.components.generators.AzureOpenAIGenerator"));
    }
}
