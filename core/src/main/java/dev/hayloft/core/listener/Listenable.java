package dev.hayloft.core.listener;

import dev.hayloft.core.component.Component;
import dev.hayloft.core.pipeline.Pipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A component whose requests {@link GenerationListener}s observe: every generator. Listeners
 * come from the builder ({@code .listener(..)}) and can be added later, e.g. to the generators
 * of a pipeline loaded from YAML, with {@link #attach}. Listeners are run-time only: they are
 * not part of {@code toDict}.
 *
 * <pre>{@code
 * Pipeline pipeline = PipelineSerializer.builder().build().loads(yaml);
 * List<String> observed = Listenable.attach(pipeline, List.of(metrics, tracing));   // e.g. ["llm"]
 * }</pre>
 */
public interface Listenable {

    /** Adds listeners after the builder's; a listener already attached is not added again. */
    void addListeners(List<? extends GenerationListener> listeners);

    /** The listeners in effect, in calling order. */
    List<GenerationListener> listeners();

    /**
     * Adds {@code listeners} to every {@link Listenable} component of {@code pipeline} (a
     * pipeline-wide default, explicit and per pipeline); calling it twice adds nothing new.
     *
     * @return the names of the components that got them, in pipeline order
     */
    static List<String> attach(Pipeline pipeline, List<? extends GenerationListener> listeners) {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(listeners, "listeners");
        List<String> names = new ArrayList<>();
        for (String name : pipeline.componentNames()) {
            Component c = pipeline.getComponent(name);
            if (c instanceof Listenable) {
                ((Listenable) c).addListeners(listeners);
                names.add(name);
            }
        }
        return names;
    }
}
