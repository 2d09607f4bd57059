package dev.hayloft.core.pipeline;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;

/**
 * A component of a pipeline run is about to run, on the thread that runs it.
 * {@code toString} shows the socket names, never the values.
 *
 * <pre>{@code
 * public void onComponentStart(ComponentStartEvent e) {
 *     log.debug("{} runs with {}", e.component().componentName(), e.inputs().keySet());
 * }
 * }</pre>
 *
 * @param component the component run
 * @param inputs what it runs with, per input socket (read-only view; may hold content)
 */
public record ComponentStartEvent(ComponentRunContext component, Map<String, Object> inputs) {

    public ComponentStartEvent {
        Objects.requireNonNull(component, "component");
        inputs = inputs == null ? Map.of() : Collections.unmodifiableMap(inputs);
    }

    @Override
    public String toString() {
        return "ComponentStartEvent[component=" + component + ", inputs=" + inputs.keySet() + "]";
    }
}
