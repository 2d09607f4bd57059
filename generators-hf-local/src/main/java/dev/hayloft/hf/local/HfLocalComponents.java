package dev.hayloft.hf.local;

import dev.hayloft.core.component.ComponentProvider;
import dev.hayloft.core.component.ComponentType;
import java.util.List;
import java.util.Map;

/**
 * Registers the local generators (with Haystack's type names as aliases) and the default
 * tool-call parser with the default {@code ComponentRegistry}.
 *
 * <pre>{@code
 * ComponentRegistry.defaults().lookup("haystack.components.generators.chat.hugging_face_local.HuggingFaceLocalChatGenerator");
 * }</pre>
 */
public final class HfLocalComponents implements ComponentProvider {
    @Override
    public List<ComponentType> componentTypes() {
        return List.of(
                ComponentType.of(HuggingFaceLocalGenerator.class, HuggingFaceLocalGenerator::fromInitParameters,
                        "haystack.components.generators.hugging_face_local.HuggingFaceLocalGenerator",
                        "haystack.components.generators.HuggingFaceLocalGenerator"),
                ComponentType.of(HuggingFaceLocalChatGenerator.class,
                        HuggingFaceLocalChatGenerator::fromInitParameters,
                        "haystack.components.generators.chat.hugging_face_local.HuggingFaceLocalChatGenerator",
                        "haystack.components.generators.chat.HuggingFaceLocalChatGenerator"));
    }

    @Override
    public Map<String, Object> namedFunctions() {
        return Map.of(ToolCallParser.DEFAULT_NAME, ToolCallParser.defaultParser());
    }
}
