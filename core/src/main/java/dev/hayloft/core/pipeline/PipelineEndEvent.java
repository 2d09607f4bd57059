package dev.hayloft.core.pipeline;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;

/**
 * A pipeline run ended; the last event of the run. {@code toString} shows the output
 * components, never the values.
 *
 * <pre>{@code
 * public void onPipelineEnd(PipelineEndEvent e) {
 *     if (e.failed()) log.warn("run {} failed after {}", e.run().runId(), e.duration(), e.error());
 * }
 * }</pre>
 *
 * @param run the run
 * @param duration from {@code run().start()} to now
 * @param outputs what the run returned (read-only view; empty when it failed)
 * @param error why the run failed (the exception the caller gets: usually a
 *        {@code PipelineException} naming the component, a {@code CancellationException} when
 *        cancelled), or null
 */
public record PipelineEndEvent(PipelineRunContext run, Duration duration, Map<String, Map<String, Object>> outputs,
        Throwable error) {

    public PipelineEndEvent {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(duration, "duration");
        outputs = outputs == null ? Map.of() : Collections.unmodifiableMap(outputs);
    }

    /** Whether the run failed. */
    public boolean failed() {
        return error != null;
    }

    @Override
    public String toString() {
        return "PipelineEndEvent[run=" + run + ", duration=" + duration + ", outputs=" + outputs.keySet()
                + ", error=" + (error == null ? null : error.getClass().getSimpleName()) + "]";
    }
}
