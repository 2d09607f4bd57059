package dev.hayloft.hf.api;

import dev.hayloft.core.component.ComponentProvider;
import dev.hayloft.core.component.ComponentType;
import java.util.List;

/**
 * Registers {@link HuggingFaceAPIChatGenerator} and {@link HuggingFaceAPIGenerator} in the
 * default component registry (through ServiceLoader), with their Haystack type names as
 * aliases: Haystack 2.19's module paths and package-level imports, and the names of the
 * {@code huggingface-api-haystack} integration that Haystack 3.x moved the chat generator to.
 *
 * <pre>{@code
 * Component llm = ComponentRegistry.defaults().fromDict(Map.of(
 *         "type", "haystack.components.generators.chat.hugging_face_api.HuggingFaceAPIChatGenerator",
 *         "init_parameters", Map.of("api_type", "text_generation_inference",
 *                 "api_params", Map.of("url", "http://localhost:8080"))));
 * }</pre>
 */
public final class HfApiComponents implements ComponentProvider {
    @Override
    public List<ComponentType> componentTypes() {
        return List.of(
                ComponentType.of(HuggingFaceAPIChatGenerator.class, HuggingFaceAPIChatGenerator::fromInitParameters,
                        "haystack.components.generators.chat.hugging_face_api.HuggingFaceAPIChatGenerator",
                        "haystack.components.generators.chat.HuggingFaceAPIChatGenerator",
                        "haystack_integrations.components.generators.huggingface_api.chat.chat_generator"
                                + ".HuggingFaceAPIChatGenerator",
                        "haystack_integrations.components.generators.huggingface_api.HuggingFaceAPIChatGenerator"),
                ComponentType.of(HuggingFaceAPIGenerator.class, HuggingFaceAPIGenerator::fromInitParameters,
                        "haystack.components.generators.hugging_face_api.HuggingFaceAPIGenerator",
                        "haystack.components.generators.HuggingFaceAPIGenerator"));
    }
}
