package dev.hayloft.hf.local.internal.component;

import dev.hayloft.core.errors.ModelLoadException;
import dev.hayloft.hf.local.internal.config.TaskDetection;
import dev.hayloft.hf.local.internal.runtime.LoadOptions;
import dev.hayloft.hf.local.internal.runtime.LocalModel;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The lazily loaded model of one generator: {@link #warmUp()} finds the model (a folder, or a
 * Hub id downloaded into the cache), detects its task when none was given (or checks that the
 * given one suits the model's architecture), and loads it once
 * (thread-safe, idempotent); {@link #get()} returns it, {@link #close()} frees it.
 *
 * <pre>{@code
 * ModelHandle handle = new ModelHandle("models/SmolLM2", null, locator, LoadOptions.defaults());
 * handle.warmUp();
 * LocalModel model = handle.get();
 * String task = handle.task();   // "text-generation"
 * }</pre>
 */
public final class ModelHandle implements AutoCloseable {
    private final String model;
    private final ModelLocator locator;
    private final LoadOptions options;
    private volatile String task;
    private volatile LocalModel loaded;
    private boolean closed;

    /**
     * @param model folder or Hub id
     * @param task the task given, or null to detect it from the model's config at warm-up
     * @param locator finds or downloads the model
     * @param options how to load it
     */
    public ModelHandle(String model, String task, ModelLocator locator, LoadOptions options) {
        this.model = Objects.requireNonNull(model, "model");
        this.task = task;
        this.locator = Objects.requireNonNull(locator, "locator");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Loads the model unless loaded already. */
    public void warmUp() {
        if (loaded != null) {
            return;
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the generator has been closed");
            }
            if (loaded == null) {
                Path folder = locator.locate(model);
                String detected = TaskDetection.detect(folder);
                if (task == null) {
                    task = detected;
                } else if (!task.equals(detected)) {
                    throw new ModelLoadException("task '" + task + "' does not suit " + model + ": its config.json "
                            + (detected.equals(TaskDetection.TEXT2TEXT_GENERATION)
                            ? "describes an encoder-decoder model (such as T5)" : "describes a decoder-only model")
                            + ", which runs as task '" + detected + "'; set task to '" + detected
                            + "' or leave it unset to detect it");
                }
                loaded = LocalModel.load(folder, options);
            }
        }
    }

    /** The loaded model; fails when {@link #warmUp()} was not called. */
    public LocalModel get() {
        LocalModel m = loaded;
        if (m == null) {
            throw new IllegalStateException("The model has not been loaded. Call warmUp() before running (a Pipeline "
                    + "does this for you).");
        }
        return m;
    }

    /** The model as configured (folder or Hub id), for reply metadata. */
    public String modelName() {
        return model;
    }

    /** The task given, or detected at warm-up; null before a warm-up detected it. */
    public String task() {
        return task;
    }

    /** Whether the model is loaded. */
    public boolean isLoaded() {
        return loaded != null;
    }

    @Override
    public synchronized void close() {
        closed = true;
        try {
            if (loaded != null) {
                loaded.close();
                loaded = null;
            }
        } finally {
            locator.close();
        }
    }
}
