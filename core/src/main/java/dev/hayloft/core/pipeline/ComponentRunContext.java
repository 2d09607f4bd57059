package dev.hayloft.core.pipeline;

import java.util.Objects;

/**
 * Identifies one run of one component within a pipeline run: the same instance is on its
 * {@link ComponentStartEvent} and {@link ComponentEndEvent}.
 *
 * <pre>{@code
 * public void onComponentStart(ComponentStartEvent e) {
 *     ComponentRunContext c = e.component();
 *     log.debug("{} ({}) visit {} of run {}", c.componentName(), c.componentType(), c.visit(), c.run().runId());
 * }
 * }</pre>
 *
 * @param run the pipeline run
 * @param componentName the component's name in the pipeline
 * @param componentType the component's fully qualified class name
 * @param visit how many times the component ran in this run including this one (1 unless it
 *        is in a loop)
 */
public record ComponentRunContext(PipelineRunContext run, String componentName, String componentType, int visit) {

    public ComponentRunContext {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(componentName, "componentName");
        Objects.requireNonNull(componentType, "componentType");
        if (visit < 1) {
            throw new IllegalArgumentException("visit must be >= 1, not " + visit);
        }
    }
}
