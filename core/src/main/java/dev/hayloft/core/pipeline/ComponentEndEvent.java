package dev.hayloft.core.pipeline;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;

/**
 * A component of a pipeline run ran or failed, on the thread that ran it. {@code toString}
 * shows the socket names, never the values.
 *
 * <pre>{@code
 * public void onComponentEnd(ComponentEndEvent e) {
 *     componentTimer(e.component().componentName()).record(e.duration());
 * }
 * }</pre>
 *
 * @param component the component run (the same instance as on its start event)
 * @param duration how long it ran
 * @param outputs what it returned, per output socket (read-only view; empty when it failed)
 * @param error what the component threw (the cause of the run's {@code PipelineException}), or null
 */
public record ComponentEndEvent(ComponentRunContext component, Duration duration, Map<String, Object> outputs,
        Throwable error) {

    public ComponentEndEvent {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(duration, "duration");
        outputs = outputs == null ? Map.of() : Collections.unmodifiableMap(outputs);
    }

    /** Whether the component failed. */
    public boolean failed() {
        return error != null;
    }

    @Override
    public String toString() {
        return "ComponentEndEvent[component=" + component + ", duration=" + duration + ", outputs="
                + outputs.keySet() + ", error=" + (error == null ? null : error.getClass().getSimpleName()) + "]";
    }
}
