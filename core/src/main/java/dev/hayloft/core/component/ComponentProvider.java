package dev.hayloft.core.component;

import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.core.tools.ToolFunction;
import java.util.List;
import java.util.Map;

/**
 * Service-provider interface through which modules contribute component types, named
 * streaming callbacks and named tool functions to {@link ComponentRegistry#defaults()}.
 * Register an implementation in {@code META-INF/services/dev.hayloft.core.component.ComponentProvider}.
 *
 * <pre>{@code
 * public final class MyProvider implements ComponentProvider {
 *     public List<ComponentType> componentTypes() {
 *         return List.of(ComponentType.of(MyComponent.class, MyComponent::fromInitParameters));
 *     }
 * }
 * }</pre>
 */
public interface ComponentProvider {
    /** The component types this module provides. */
    List<ComponentType> componentTypes();

    /** Streaming callbacks by registered name (including aliases). */
    default Map<String, StreamingCallback> streamingCallbacks() {
        return Map.of();
    }

    /** Tool functions by registered name. */
    default Map<String, ToolFunction> toolFunctions() {
        return Map.of();
    }

    /**
     * Other functions components serialise by name (e.g. a chat generator's tool-call parser),
     * by registered name; looked up with {@link ComponentRegistry#function(String, Class)}.
     */
    default Map<String, Object> namedFunctions() {
        return Map.of();
    }
}
