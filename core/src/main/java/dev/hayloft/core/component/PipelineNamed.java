package dev.hayloft.core.component;

import java.util.Optional;

/**
 * Implemented by components that want to know the name they were given in a pipeline, e.g.
 * to fill {@code ComponentInfo} in the streaming chunks they emit. A component can belong to
 * one pipeline name only; the pipeline refuses to add it under a second name.
 *
 * <pre>{@code
 * ComponentInfo info = new ComponentInfo(getClass().getName(), pipelineName().orElse(null));
 * }</pre>
 */
public interface PipelineNamed {
    /** Called once by {@code Pipeline.addComponent}. */
    void assignPipelineName(String name);

    /** The name given by the pipeline, if the component was added to one. */
    Optional<String> pipelineName();
}
