package dev.hayloft.hf.local.internal.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.hayloft.core.errors.ModelLoadException;
import dev.hayloft.hf.local.internal.config.ModelConfig;
import dev.hayloft.hf.local.internal.weights.TensorEntry;
import dev.hayloft.hf.local.internal.weights.TensorLoader;
import dev.hayloft.hf.local.internal.weights.WeightPrecision;
import dev.hayloft.hf.local.internal.weights.WeightSource;
import java.util.Arrays;

/**
 * Fetches named tensors for an architecture, checking each one's shape against what the
 * config implies before loading it, and fuses projections (one matrix for q/k/v, one for
 * gate/up) at load time. Linear layers and embedding tables are handed to the architecture as
 * {@link Projection}s and {@link TokenTable}s in the load's {@link WeightPrecision}: INT8 loads
 * read each tensor (no mapping), quantize it and free the float32 copy before the next.
 *
 * <pre>{@code
 * WeightBinder w = new WeightBinder(source, loader, config, WeightPrecision.F32);
 * NDArray norm = w.load("model.norm.weight", config.hiddenSize());
 * Projection qkv = w.projection(w.concatRows(q, k, v), null);   // inputs are closed
 * }</pre>
 */
public final class WeightBinder {
    private final WeightSource source;
    private final TensorLoader loader;
    private final ModelConfig config;
    private final WeightPrecision precision;
    private final NDManager manager;
    private Int8Kernel kernel;

    /** A binder loading float32 weights (fused layers through concatenation: no manager given). */
    public WeightBinder(WeightSource source, TensorLoader loader, ModelConfig config) {
        this(source, loader, config, WeightPrecision.F32, null);
    }

    /**
     * A binder for {@code precision}; INT8 needs the model's {@code manager}, which holds the
     * kernel module and the quantized weights.
     */
    public WeightBinder(WeightSource source, TensorLoader loader, ModelConfig config, WeightPrecision precision,
                        NDManager manager) {
        this.source = source;
        this.config = config;
        this.precision = precision;
        this.manager = manager;
        if (precision == WeightPrecision.INT8 && manager == null) {
            throw new IllegalArgumentException("INT8 loading needs the model's manager");
        }
        this.loader = precision == WeightPrecision.INT8 ? loader.streaming() : loader;
    }

    /** The precision linear layers are held in. */
    public WeightPrecision precision() {
        return precision;
    }

    /**
     * A linear layer over float32 {@code weight} [out, in] (consumed: INT8 quantizes and closes
     * it) and an optional float32 {@code bias} [out].
     */
    public Projection projection(NDArray weight, NDArray bias) {
        if (precision == WeightPrecision.INT8) {
            return new Projection.Int8(Int8Kernel.quantize(weight), bias, kernel());
        }
        return new Projection.Dense(weight, bias);
    }

    /** An embedding table over float32 {@code table} [rows, hidden] (consumed as by {@link #projection}). */
    public TokenTable tokenTable(NDArray table) {
        if (precision == WeightPrecision.INT8) {
            return TokenTable.Int8.of(Int8Kernel.quantize(table), kernel());
        }
        return new TokenTable.Dense(table);
    }

    private Int8Kernel kernel() {
        if (kernel == null) {
            kernel = Int8Kernel.load(manager);
        }
        return kernel;
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
        return loader.load(checked(name, expected));
    }

    private TensorEntry checked(String name, long... expected) {
        if (!source.contains(name)) {
            throw new ModelLoadException("Missing tensor '" + name + "' (expected shape " + Arrays.toString(expected)
                    + ") in the weights of " + source.folder() + " for model_type " + config.modelType());
        }
        TensorEntry e = source.entry(name);
        if (!Arrays.equals(e.shapeArray(), expected)) {
            throw new ModelLoadException("Tensor '" + name + "' in " + e.file() + " has shape " + e.shapeString()
                    + " but config.json (" + summary() + ") requires " + Arrays.toString(expected));
        }
        return e;
    }

    /**
     * One tensor of a linear layer's weight, {@code [rows, cols]}, multiplied by {@code factor}
     * (an attention scale folded into q); several parts are stacked by rows into one fused
     * projection.
     */
    public record Part(String name, long rows, long cols, float factor) {
        /** A part taken as it is. */
        public Part(String name, long rows, long cols) {
            this(name, rows, cols, 1f);
        }
    }

    /**
     * A linear layer whose weight is {@code parts} stacked by rows, with an optional float32
     * {@code bias}. A single unscaled part loads as it is (an F32 file's tensor zero-copy);
     * float32 fused or scaled layers are filled block by block into one matrix read from the
     * file (on the CPU; no part copies or concatenation, and no mapped pages left behind); INT8
     * (on the CPU) quantizes each part while reading it in row blocks, so no float32 copy of the
     * layer is ever whole in memory (per-row quantization of a stack is the stack of the parts').
     */
    public Projection linear(NDArray bias, Part... parts) {
        if (precision == WeightPrecision.INT8 && !manager.getDevice().isGpu()) {
            long rows = 0;
            for (Part part : parts) {
                rows += part.rows();
            }
            Int8Kernel.Builder b = new Int8Kernel.Builder(manager, rows, parts[0].cols());
            for (Part part : parts) {
                loader.forEachRowBlock(checked(part.name(), part.rows(), part.cols()), block -> b.add(block,
                        part.factor()));
            }
            return new Projection.Int8(b.build(), bias, kernel());
        }
        if (parts.length == 1 && parts[0].factor() == 1f || manager == null || manager.getDevice().isGpu()) {
            NDArray[] loaded = new NDArray[parts.length];
            for (int i = 0; i < parts.length; i++) {
                loaded[i] = scaled(load(parts[i].name(), parts[i].rows(), parts[i].cols()), parts[i].factor());
            }
            return projection(loaded.length == 1 ? loaded[0] : concatRows(loaded), bias);
        }
        // fused or scaled: filled block by block into the final matrix (no part copies, no concatenation)
        long rows = 0;
        for (Part part : parts) {
            rows += part.rows();
        }
        NDArray fused = manager.create(new Shape(rows, parts[0].cols()), DataType.FLOAT32);
        long[] at = {0};
        for (Part part : parts) {
            loader.forEachRowBlock(checked(part.name(), part.rows(), part.cols()), block -> {
                long n = block.getShape().get(0);
                NDIndex target = new NDIndex().addSliceDim(at[0], at[0] + n);
                if (part.factor() == 1f) {
                    fused.set(target, block);
                } else {
                    try (NDArray s = block.mul(part.factor())) {
                        fused.set(target, s);
                    }
                }
                at[0] += n;
            });
        }
        return new Projection.Dense(fused, bias);
    }

    /** The embedding table {@code name} {@code [rows, cols]} in the load's precision (INT8 read in row blocks). */
    public TokenTable tokenTable(String name, long rows, long cols) {
        if (precision == WeightPrecision.INT8 && !manager.getDevice().isGpu()) {
            Int8Kernel.Builder b = new Int8Kernel.Builder(manager, rows, cols);
            loader.forEachRowBlock(checked(name, rows, cols), block -> b.add(block, 1f));
            return TokenTable.Int8.of(b.build(), kernel());
        }
        return tokenTable(load(name, rows, cols));
    }

    /** {@code a * factor} (closing {@code a}), or {@code a} itself for 1. */
    public static NDArray scaled(NDArray a, float factor) {
        if (factor == 1f) {
            return a;
        }
        NDArray s = a.mul(factor);
        a.close();
        return s;
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
