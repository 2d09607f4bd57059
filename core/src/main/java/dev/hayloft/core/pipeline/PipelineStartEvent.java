package dev.hayloft.core.pipeline;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;

/**
 * A pipeline run starts. {@code toString} shows the input components, never the values.
 *
 * <pre>{@code
 * public void onPipelineStart(PipelineStartEvent e) {
 *     log.info("run {} with inputs for {}", e.run().runId(), e.inputs().keySet());
 * }
 * }</pre>
 *
 * @param run the run
 * @param inputs the validated inputs per component (read-only view; may hold prompts and
 *        other content: listeners that record them should make that opt-in)
 */
public record PipelineStartEvent(PipelineRunContext run, Map<String, Map<String, Object>> inputs) {

    public PipelineStartEvent {
        Objects.requireNonNull(run, "run");
        inputs = inputs == null ? Map.of() : Collections.unmodifiableMap(inputs);
    }

    @Override
    public String toString() {
        return "PipelineStartEvent[run=" + run + ", inputs=" + inputs.keySet() + "]";
    }
}
