package dev.hayloft.fallback;

import dev.hayloft.core.component.ComponentProvider;
import dev.hayloft.core.component.ComponentType;
import java.util.List;

/**
 * Registers {@link FallbackChatGenerator} in the default component registry (through
 * ServiceLoader), with Haystack's type names as aliases: 2.19's module path (which 3.x keeps)
 * and the package-level import path.
 *
 * <pre>{@code
 * Component llm = ComponentRegistry.defaults().fromDict(Map.of(
 *         "type", "haystack.components.generators.chat.fallback.FallbackChatGenerator",
 *         "init_parameters", Map.of("chat_generators", List.of(primary.toDict(), backup.toDict()))));
 * }</pre>
 */
public final class FallbackComponents implements ComponentProvider {
    @Override
    public List<ComponentType> componentTypes() {
        return List.of(ComponentType.of(FallbackChatGenerator.class, FallbackChatGenerator::fromInitParameters,
                "haystack.components.generators.chat.fallback.FallbackChatGenerator",
                "haystack.components.generators.chat.FallbackChatGenerator"));
    }
}
