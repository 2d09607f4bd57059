package dev.hayloft.core.answers;

import dev.hayloft.core.component.ComponentProvider;
import dev.hayloft.core.component.ComponentType;
import java.util.List;

/**
 * Registers {@link DocumentAnswerGenerator} with the default component registry (through
 * ServiceLoader). It has no Haystack 2 counterpart, so no Haystack alias.
 *
 * <pre>{@code
 * DocumentAnswerGenerator a = (DocumentAnswerGenerator) ComponentRegistry.defaults().fromDict(Map.of(
 *         "type", "dev.hayloft.core.answers.DocumentAnswerGenerator",
 *         "init_parameters", Map.of("chat_generator", chat.toDict())));
 * }</pre>
 */
public final class AnswerComponents implements ComponentProvider {
    @Override
    public List<ComponentType> componentTypes() {
        return List.of(ComponentType.of(DocumentAnswerGenerator.class, DocumentAnswerGenerator::fromInitParameters));
    }
}
