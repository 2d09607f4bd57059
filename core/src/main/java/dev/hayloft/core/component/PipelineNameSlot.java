package dev.hayloft.core.component;

import dev.hayloft.core.errors.PipelineException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the pipeline name of a {@link PipelineNamed} component; assign once, read many.
 *
 * <pre>{@code
 * private final PipelineNameSlot name = new PipelineNameSlot();
 * public void assignPipelineName(String n) { name.assign(n); }
 * public Optional<String> pipelineName() { return name.get(); }
 * }</pre>
 */
public final class PipelineNameSlot {
    private final AtomicReference<String> name = new AtomicReference<>();

    /** Sets the name; a different second name is refused (components can't be shared between names). */
    public void assign(String newName) {
        Objects.requireNonNull(newName, "name");
        if (!name.compareAndSet(null, newName) && !newName.equals(name.get())) {
            throw new PipelineException("Component has already been added to a pipeline as '" + name.get()
                    + "'; components can't be shared between pipelines: create a new instance for '" + newName + "'",
                    newName, null, null);
        }
    }

    /** The assigned name. */
    public Optional<String> get() {
        return Optional.ofNullable(name.get());
    }
}
