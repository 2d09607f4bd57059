package dev.hayloft.examples.support;

import dev.hayloft.core.component.Component;
import dev.hayloft.core.pipeline.Pipeline;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Closes a pipeline's components that hold resources (a model, a connection pool) when the
 * try-with-resources block ends, last added first. A {@link Pipeline} itself is not
 * {@code AutoCloseable}: its components are, one by one, and a pipeline loaded from YAML built
 * them, so here they are closed for you.
 *
 * <pre>{@code
 * try (ClosingPipeline closing = ClosingPipeline.of(serializer.load(yaml))) {
 *     closing.pipeline().run(inputs);
 * }
 * }</pre>
 */
public final class ClosingPipeline implements AutoCloseable {
    private final Pipeline pipeline;

    private ClosingPipeline(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** Takes charge of closing {@code pipeline}'s components. */
    public static ClosingPipeline of(Pipeline pipeline) {
        return new ClosingPipeline(pipeline);
    }

    /** The pipeline. */
    public Pipeline pipeline() {
        return pipeline;
    }

    /** Closes every {@code AutoCloseable} component; the first failure is thrown, later ones are added to it. */
    @Override
    public void close() {
        List<String> names = new ArrayList<>(pipeline.componentNames());
        Collections.reverse(names);
        RuntimeException failure = null;
        for (String name : names) {
            Component component = pipeline.getComponent(name);
            if (component instanceof AutoCloseable) {
                try {
                    ((AutoCloseable) component).close();
                } catch (Exception e) {
                    RuntimeException wrapped = new IllegalStateException("closing component '" + name + "' failed", e);
                    if (failure == null) {
                        failure = wrapped;
                    } else {
                        failure.addSuppressed(wrapped);
                    }
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
