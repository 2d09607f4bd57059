package dev.hayloft.core.pipeline;

import dev.hayloft.core.serde.JsonValues;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Identifies one run of a pipeline in every {@link PipelineListener} event it produces.
 *
 * <pre>{@code
 * public void onPipelineStart(PipelineStartEvent e) {
 *     log.info("run {} of pipeline {} (async: {})", e.run().runId(), e.run().metadata(), e.run().async());
 * }
 * }</pre>
 *
 * @param runId a random id of this run
 * @param metadata the pipeline's metadata
 * @param async whether the run is a {@code runAsync}
 * @param start when the run started
 */
public record PipelineRunContext(String runId, Map<String, Object> metadata, boolean async, Instant start) {

    public PipelineRunContext {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(start, "start");
        metadata = JsonValues.immutableMap(metadata);
    }
}
