package dev.hayloft.hf.local.internal.weights;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.hayloft.core.errors.ModelLoadException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns safetensors entries into float32 {@link NDArray}s owned by a long-lived manager.
 *
 * <p>F32 tensors on a little-endian CPU are zero-copy views of the read-only memory-mapped
 * file ({@code torch::from_blob}): such arrays must never be modified in place. F16 and BF16
 * tensors are converted to float32 in Java, written straight into a freshly allocated native
 * tensor (DJL's PyTorch JNI cannot create BF16 arrays). Tensors larger than the chunk size
 * (at most 1 GiB, as one mapping is limited to 2 GiB) are loaded in row blocks and
 * concatenated.
 *
 * <p>F16 and BF16 tensors, and every tensor of a {@linkplain #streaming streaming} loader,
 * are not mapped but read in blocks of at most {@value #READ_BLOCK_BYTES} bytes (one reused
 * buffer per loader, which is used by one thread at a time) into a fresh native float32
 * tensor, so no file pages stay resident. Loading for quantization streams, keeping the peak
 * near the quantized size plus one float32 tensor.
 *
 * <pre>{@code
 * TensorLoader loader = new TensorLoader(weights, modelManager);
 * NDArray embed = loader.load(weights.entry("model.embed_tokens.weight"));
 * }</pre>
 */
public final class TensorLoader {
    /** Default largest byte block mapped or converted at once. */
    public static final long DEFAULT_CHUNK_BYTES = 1L << 30;

    /** Largest block a streaming loader reads at once. */
    public static final int READ_BLOCK_BYTES = 8 << 20;

    private final WeightSource source;
    private final NDManager manager;
    private final long chunkBytes;
    private final boolean streaming;
    private ByteBuffer readBlock;
    private ByteBuffer floatBlock;

    public TensorLoader(WeightSource source, NDManager manager) {
        this(source, manager, DEFAULT_CHUNK_BYTES);
    }

    /** A loader that splits tensors larger than {@code chunkBytes} (for tests). */
    public TensorLoader(WeightSource source, NDManager manager, long chunkBytes) {
        this(source, manager, chunkBytes, false);
    }

    private TensorLoader(WeightSource source, NDManager manager, long chunkBytes, boolean streaming) {
        if (chunkBytes <= 0 || chunkBytes > DEFAULT_CHUNK_BYTES) {
            throw new IllegalArgumentException("chunkBytes must be in 1.." + DEFAULT_CHUNK_BYTES);
        }
        this.source = source;
        this.manager = manager;
        this.chunkBytes = chunkBytes;
        this.streaming = streaming;
    }

    /** This loader reading instead of mapping (see the class comment). */
    public TensorLoader streaming() {
        return new TensorLoader(source, manager, chunkBytes, true);
    }

    /** Loads {@code entry} as a float32 array of its shape on the manager's device. */
    public NDArray load(TensorEntry entry) {
        if (!entry.dtype().isLoadableFloat()) {
            throw new ModelLoadException("Tensor '" + entry.name() + "' in " + entry.file() + " has dtype "
                    + entry.dtype() + "; only F32, F16 and BF16 weights are supported");
        }
        long[] shape = entry.shapeArray();
        if (entry.byteLength() <= chunkBytes) {
            return loadRange(entry, 0, entry.byteLength(), new Shape(shape));
        }
        if (shape.length == 0 || shape[0] == 0) {
            throw new ModelLoadException("Tensor '" + entry.name() + "' is too large to load in one block");
        }
        long rowBytes = entry.byteLength() / shape[0];
        long rowsPerChunk = chunkBytes / rowBytes;
        if (rowsPerChunk == 0) {
            throw new ModelLoadException("Tensor '" + entry.name() + "' has rows of " + rowBytes
                    + " bytes, more than the " + chunkBytes + "-byte load block");
        }
        List<NDArray> parts = new ArrayList<>();
        try (NDManager temp = manager.newSubManager()) {
            for (long row = 0; row < shape[0]; row += rowsPerChunk) {
                long rows = Math.min(rowsPerChunk, shape[0] - row);
                long[] partShape = shape.clone();
                partShape[0] = rows;
                NDArray part = loadRange(entry, row * rowBytes, rows * rowBytes, new Shape(partShape));
                part.attach(temp);
                parts.add(part);
            }
            NDArray whole = NDArrays.concat(new NDList(parts), 0);
            whole.attach(manager);
            return whole;
        }
    }

    private NDArray loadRange(TensorEntry entry, long offset, long length, Shape shape) {
        if ((streaming || entry.dtype() != DType.F32) && !manager.getDevice().isGpu()) {
            // converted or quantized anyway: read, so that no mapped file pages stay resident
            return read(entry, offset, length, shape);
        }
        ByteBuffer mapped = source.map(entry, offset, length);
        if (manager.getDevice().isGpu()) {
            try (NDManager host = NDManager.newBaseManager(Device.cpu(), manager.getEngine().getEngineName())) {
                NDArray onDevice = convertOnCpu(host, entry, mapped, shape).toDevice(manager.getDevice(), true);
                onDevice.attach(manager);
                return onDevice;
            }
        }
        boolean zeroCopy = entry.dtype() == DType.F32
                && ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN
                && (entry.absoluteOffset() + offset) % 4 == 0;
        if (zeroCopy) {
            return manager.create(mapped, shape, DataType.FLOAT32);
        }
        return convertOnCpu(manager, entry, mapped, shape);
    }

    /**
     * Reads {@code entry} (at least one dimension) in row blocks of at most
     * {@value #READ_BLOCK_BYTES} float32 bytes and hands each to {@code consumer} as a float32
     * array {@code [rows, ...]} that is valid only during the call: it is a view of buffers this
     * loader reuses for the next block, so the consumer must only read it (results of operations
     * on it are new arrays). CPU only; one thread at a time.
     */
    public void forEachRowBlock(TensorEntry entry, Consumer<NDArray> consumer) {
        long[] shape = entry.shapeArray();
        if (shape.length == 0 || manager.getDevice().isGpu()) {
            throw new IllegalArgumentException("row blocks need a CPU tensor with rows: " + entry.name());
        }
        long rowElems = entry.elementCount() / Math.max(1, shape[0]);
        int elem = entry.dtype().byteSize();
        long rowsPerBlock = Math.max(1, READ_BLOCK_BYTES / (rowElems * 4));
        if (rowsPerBlock * rowElems * 4 > Integer.MAX_VALUE) {
            throw new ModelLoadException("Tensor '" + entry.name() + "' has rows too large to load in blocks");
        }
        int capacity = (int) Math.max(READ_BLOCK_BYTES, rowsPerBlock * rowElems * 4);
        if (readBlock == null || readBlock.capacity() < capacity) {
            readBlock = ByteBuffer.allocateDirect(capacity).order(ByteOrder.LITTLE_ENDIAN);
        }
        if (entry.dtype() != DType.F32 && (floatBlock == null || floatBlock.capacity() < capacity)) {
            floatBlock = ByteBuffer.allocateDirect(capacity).order(ByteOrder.nativeOrder());
        }
        for (long row = 0; row < shape[0]; row += rowsPerBlock) {
            long rows = Math.min(rowsPerBlock, shape[0] - row);
            int bytes = (int) (rows * rowElems * elem);
            readBlock.clear().limit(bytes);
            source.read(entry, row * rowElems * elem, readBlock);
            readBlock.flip();
            ByteBuffer floats = readBlock;
            if (entry.dtype() != DType.F32) {
                floatBlock.clear();
                HalfPrecision.convert(entry.dtype(), readBlock, floatBlock.asFloatBuffer());
                floats = floatBlock;
            }
            long[] blockShape = shape.clone();
            blockShape[0] = rows;
            NDArray block = manager.create(floats.slice(0, (int) (rows * rowElems * 4)).order(ByteOrder.nativeOrder()),
                    new Shape(blockShape), DataType.FLOAT32);
            try {
                consumer.accept(block);
            } finally {
                block.close();
            }
        }
    }

    private NDArray read(TensorEntry entry, long offset, long length, Shape shape) {
        NDArray out = manager.create(shape, DataType.FLOAT32);
        FloatBuffer target = writable(out, shape).asFloatBuffer();
        int elem = entry.dtype().byteSize();
        if (readBlock == null) { // one block per loader, reused: direct buffers are freed only by the GC
            readBlock = ByteBuffer.allocateDirect(READ_BLOCK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        }
        ByteBuffer block = readBlock;
        int blockBytes = READ_BLOCK_BYTES / elem * elem;
        for (long done = 0; done < length; ) {
            int len = (int) Math.min(blockBytes, length - done);
            block.clear().limit(len);
            source.read(entry, offset + done, block);
            block.flip();
            HalfPrecision.convert(entry.dtype(), block, target);
            target.position(target.position() + len / elem);
            done += len;
        }
        return out;
    }

    private static ByteBuffer writable(NDArray out, Shape shape) {
        ByteBuffer target = out.toByteBuffer(true);
        if (!target.isDirect() || target.capacity() != shape.size() * 4) {
            throw new IllegalStateException("native float32 tensor is not directly writable");
        }
        return target.order(ByteOrder.nativeOrder());
    }

    private static NDArray convertOnCpu(NDManager m, TensorEntry entry, ByteBuffer mapped, Shape shape) {
        NDArray out = m.create(shape, DataType.FLOAT32);
        HalfPrecision.convert(entry.dtype(), mapped, writable(out, shape).asFloatBuffer());
        return out;
    }
}
