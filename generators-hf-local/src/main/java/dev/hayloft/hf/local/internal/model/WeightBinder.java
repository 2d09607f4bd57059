package dev.hayloft.hf.local.internal.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import dev.hayloft.core.errors.ModelLoadException;
import dev.hayloft.hf.local.internal.config.ModelConfig;
import dev.hayloft.hf.local.internal.weights.TensorEntry;
import dev.hayloft.hf.local.internal.weights.TensorLoader;
import dev.hayloft.hf.local.internal.weights.WeightSource;
import java.util.Arrays;

/**
 * Fetches named tensors for an architecture, checking each one's shape against what the
 * config implies before loading it, and fuses projections (one matrix for q/k/v, one for
 * gate/up) at load time.
 *
 * <pre>{@code
 * WeightBinder w = new WeightBinder(source, loader, config);
 * NDArray norm = w.load("model.norm.weight", config.hiddenSize());
 * NDArray qkv = w.concatRows(q, k, v);   // inputs are closed
 * }</pre>
 */
public final class WeightBinder {
    private final WeightSource source;
    private final TensorLoader loader;
    private final ModelConfig config;

    public WeightBinder(WeightSource source, TensorLoader loader, ModelConfig config) {
        this.source = source;
        this.loader = loader;
        this.config = config;
    }

    /** Whether the checkpoint has a tensor called {@code name}. */
    public boolean has(String name) {
        return source.contains(name);
    }

    /**
     * Loads {@code name} as float32 after checking its shape is {@code expected}; a missing
     * tensor or a different shape fails with a {@link ModelLoadException} naming the tensor
     * and both shapes.
     */
    public NDArray load(String name, long... expected) {
        if (!source.contains(name)) {
            throw new ModelLoadException("Missing tensor '" + name + "' (expected shape " + Arrays.toString(expected)
                    + ") in the weights of " + source.folder() + " for model_type " + config.modelType());
        }
        TensorEntry e = source.entry(name);
        if (!Arrays.equals(e.shapeArray(), expected)) {
            throw new ModelLoadException("Tensor '" + name + "' in " + e.file() + " has shape " + e.shapeString()
                    + " but config.json (" + summary() + ") requires " + Arrays.toString(expected));
        }
        return loader.load(e);
    }

    /** Loads {@code name} if present (checking its shape), else returns {@code null}. */
    public NDArray loadOptional(String name, long... expected) {
        return source.contains(name) ? load(name, expected) : null;
    }

    /** Concatenates matrices (or vectors) along the first axis and closes the parts. */
    public NDArray concatRows(NDArray... parts) {
        return concat(0, parts);
    }

    /** Concatenates along {@code axis} and closes the parts. */
    public NDArray concat(int axis, NDArray... parts) {
        NDArray out = NDArrays.concat(new NDList(parts), axis);
        for (NDArray p : parts) {
            p.close();
        }
        return out;
    }

    private String summary() {
        return "model_type " + config.modelType() + ", hidden " + config.hiddenSize() + ", layers "
                + config.numLayers() + ", heads " + config.numHeads() + "/" + config.numKvHeads() + " kv, head_dim "
                + config.headDim() + ", intermediate " + config.intermediateSize() + ", vocab " + config.vocabSize();
    }
}
