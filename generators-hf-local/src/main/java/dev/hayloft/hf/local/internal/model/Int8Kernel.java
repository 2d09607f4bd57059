package dev.hayloft.hf.local.internal.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.JniUtils;
import dev.hayloft.core.errors.ModelLoadException;
import java.io.IOException;
import java.io.InputStream;

/**
 * PyTorch's weight-only INT8 matrix multiply ({@code aten::_weight_int8pack_mm}), which DJL
 * does not expose, called through a tiny TorchScript module kept in this jar's resources
 * ({@code kernels/int8_linear.pt}; its code is plain text that libtorch compiles when it is
 * loaded, so nothing is downloaded). The module converts the float32 activations and scales to
 * bfloat16 inside the script and the product back to float32, so no bfloat16 array ever
 * crosses DJL's JNI (which aborts the JVM on one); PyTorch's int8 kernel is about five times
 * slower with float32 activations.
 *
 * <p>One instance per model (the module lives in the model's manager); {@link #linear} is
 * thread-safe: a TorchScript method does not change its module.
 *
 * <pre>{@code
 * Int8Kernel kernel = Int8Kernel.load(modelManager);
 * Int8Kernel.Quantized q = Int8Kernel.quantize(weightF32);   // closes weightF32
 * NDArray y = kernel.linear(x, q);                            // x [..., K] -> y [..., N]
 * }</pre>
 */
public final class Int8Kernel implements AutoCloseable {
    /** Class-path location of the TorchScript archive. */
    static final String RESOURCE = "/dev/hayloft/hf/local/kernels/int8_linear.pt";

    private final PtSymbolBlock module;

    private Int8Kernel(PtSymbolBlock module) {
        this.module = module;
    }

    /** Rows are padded to a multiple of this (zero rows, cut from the product). */
    static final int ROW_ALIGN = 16;
    /** Columns are padded to a multiple of this (zero columns; the activations are padded alike). */
    static final int COL_ALIGN = 64;
    /** Float32 bytes quantized at once by {@link #quantize}. */
    static final long BLOCK_BYTES = 8L << 20;

    /**
     * A weight matrix quantized per output channel, symmetric: {@code w[n, k] ≈ q[n, k] *
     * scales[n]} with {@code q} in [-127, 127], stored padded with zeros to aligned shapes
     * (PyTorch's kernel reads whole blocks).
     *
     * @param weights INT8 [rows padded to {@link #ROW_ALIGN}, cols padded to {@link #COL_ALIGN}]
     * @param scales float32 [rows]
     * @param cols the matrix's true column count K
     */
    public record Quantized(NDArray weights, NDArray scales, long cols) {
        /** Output features N. */
        public long rows() {
            return scales.getShape().get(0);
        }

        /** The float32 [N, K] matrix these stand for. */
        public NDArray dequantize() {
            NDArray q = weights.get(new NDIndex().addSliceDim(0, rows()).addSliceDim(0, cols()));
            return q.toType(DataType.FLOAT32, false).mul(scales.expandDims(1));
        }
    }

    /** Loads the kernel module into {@code manager} (the model's long-lived manager, which frees it). */
    public static Int8Kernel load(NDManager manager) {
        try (InputStream in = Int8Kernel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new ModelLoadException("The INT8 kernel module " + RESOURCE + " is missing from the class path");
            }
            PtSymbolBlock block = JniUtils.loadModule((PtNDManager) manager, in, false, false);
            JniUtils.enableInferenceMode(block);
            return new Int8Kernel(block);
        } catch (IOException e) {
            throw new ModelLoadException("Cannot read the INT8 kernel module " + RESOURCE + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e instanceof ModelLoadException) {
                throw e;
            }
            throw new ModelLoadException("libtorch cannot load the INT8 kernel module (quantization int8 needs "
                    + "PyTorch 2.2 or newer natives): " + e.getMessage(), e);
        }
    }

    /**
     * Quantizes a float32 [N, K] matrix per row and closes it; the result lives in the
     * matrix's manager. Rows are quantized in blocks of about {@value #BLOCK_BYTES} bytes of
     * float32, so the temporaries stay small next to the matrix (a 150k-token embedding table
     * never has four float32 copies alive at once).
     */
    public static Quantized quantize(NDArray weight) {
        Shape shape = weight.getShape();
        if (shape.dimension() != 2) {
            throw new IllegalArgumentException("INT8 quantization needs a matrix, got shape " + shape);
        }
        long n = shape.get(0);
        long k = shape.get(1);
        long rowsPerBlock = Math.max(1, BLOCK_BYTES / (k * 4));
        NDManager owner = weight.getManager();
        Builder out = new Builder(owner, n, k);
        try (NDManager keep = owner.newSubManager()) {
            weight.attach(keep); // closed with keep; a memory-mapped view is only read
            for (long r = 0; r < n; r += rowsPerBlock) {
                out.add(weight.get(new NDIndex().addSliceDim(r, Math.min(n, r + rowsPerBlock))), 1f);
            }
            return out.build();
        }
    }

    /**
     * Quantizes a matrix block by block (row blocks of one or several tensors stacked, as a
     * fused projection is) into codes and scales allocated once at their final size, so that
     * only one float32 block is alive at a time and the temporaries of each block are the same
     * sizes as the last one's (the allocator reuses them instead of fragmenting).
     *
     * <pre>{@code
     * Int8Kernel.Builder b = new Int8Kernel.Builder(modelManager, rows, cols);
     * loader.forEachRowBlock(entry, block -> b.add(block, 1f));   // blocks are only read
     * Int8Kernel.Quantized q = b.build();
     * }</pre>
     */
    public static final class Builder {
        private final long rows;
        private final long cols;
        private final NDArray codes;
        private final NDArray scales;
        private long filled;

        /** A matrix of {@code rows} x {@code cols}; the result lives in {@code owner}. */
        public Builder(NDManager owner, long rows, long cols) {
            this.rows = rows;
            this.cols = cols;
            // row-major and padded with zeros for PyTorch's kernel (GPT-2's transposed Conv1D weights included)
            this.codes = owner.zeros(new Shape(align(rows, ROW_ALIGN), align(cols, COL_ALIGN)), DataType.INT8);
            this.scales = owner.zeros(new Shape(rows), DataType.FLOAT32);
        }

        /**
         * Quantizes the rows of the float32 {@code block} [n, cols] into the next n rows, scaled
         * by {@code factor} (the scales absorb it: the codes of {@code w * f} are those of
         * {@code w}); the block is only read, never kept.
         */
        public void add(NDArray block, float factor) {
            long n = block.getShape().get(0);
            if (filled + n > rows || block.getShape().get(1) != cols) {
                throw new IllegalArgumentException("block " + block.getShape() + " does not fit rows " + filled + ".."
                        + rows + " of " + cols + " columns");
            }
            try (NDManager temp = codes.getManager().newSubManager()) {
                block.tempAttach(temp); // results land in temp; the block goes back to its manager, unclosed
                NDArray s = block.abs().max(new int[] {1}).div(127f).maximum(1e-30f);
                NDArray q = block.div(s.expandDims(1)).round().clip(-127, 127).toType(DataType.INT8, false);
                codes.set(new NDIndex().addSliceDim(filled, filled + n).addSliceDim(0, cols), q);
                scales.set(new NDIndex().addSliceDim(filled, filled + n), factor == 1f ? s : s.mul(factor));
            }
            filled += n;
        }

        /** The quantized matrix; every row must have been added. */
        public Quantized build() {
            if (filled != rows) {
                throw new IllegalStateException("only " + filled + " of " + rows + " rows were added");
            }
            return new Quantized(codes, scales, cols);
        }
    }

    private static long align(long v, int to) {
        return (v + to - 1) / to * to;
    }

    /** {@code x @ q^T}: x float32 [..., K] → float32 [..., N], in x's manager. */
    public NDArray linear(NDArray x, Quantized q) {
        try (IValue xi = IValue.from((PtNDArray) x);
             IValue wi = IValue.from((PtNDArray) q.weights());
             IValue si = IValue.from((PtNDArray) q.scales());
             IValue out = module.forward(xi, wi, si)) {
            return out.toTensor((PtNDManager) x.getManager());
        }
    }

    @Override
    public void close() {
        module.close();
    }
}
