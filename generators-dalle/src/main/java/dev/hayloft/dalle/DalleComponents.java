package dev.hayloft.dalle;

import dev.hayloft.core.component.ComponentProvider;
import dev.hayloft.core.component.ComponentType;
import java.util.List;

/**
 * Registers {@link DALLEImageGenerator} (alias: Haystack's type name) with the default registry.
 *
 * <pre>{@code
 * ComponentRegistry.defaults().lookup("haystack.components.generators.openai_dalle.DALLEImageGenerator");
 * }</pre>
 */
public final class DalleComponents implements ComponentProvider {
    @Override
    public List<ComponentType> componentTypes() {
        return List.of(ComponentType.of(DALLEImageGenerator.class, DALLEImageGenerator::fromInitParameters,
                "haystack.components.generators.openai_dalle.DALLEImageGenerator",
                "haystack.components.generators.DALLEImageGenerator"));
    }
}
