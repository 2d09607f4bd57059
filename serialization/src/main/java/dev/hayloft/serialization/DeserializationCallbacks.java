package dev.hayloft.serialization;

import dev.hayloft.core.component.ComponentType;
import java.util.Map;

/**
 * Hooks invoked while a pipeline is loaded, Haystack's {@code DeserializationCallbacks}.
 * {@code componentPreInit} runs just before each component is built and may edit its
 * {@code init_parameters} in place.
 *
 * <pre>{@code
 * DeserializationCallbacks cb = (name, type, init) -> {
 *     if (name.equals("llm")) {
 *         init.put("model", "gpt-4o");
 *     }
 * };
 * Pipeline p = PipelineSerializer.builder().callbacks(cb).build().loads(yaml);
 * }</pre>
 */
@FunctionalInterface
public interface DeserializationCallbacks {
    /** Called with the component's name, its resolved type and its mutable init parameters. */
    void componentPreInit(String componentName, ComponentType type, Map<String, Object> initParameters);
}
