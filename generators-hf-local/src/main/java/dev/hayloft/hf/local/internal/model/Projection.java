package dev.hayloft.hf.local.internal.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.core.Linear;

/**
 * A linear layer {@code y = x W^T + b} as a model block runs it: float32 weights on DJL's
 * {@code linear}, or INT8 weights on PyTorch's weight-only int8 kernel ({@link Int8Kernel}).
 * {@link WeightBinder#projection} picks one from the load's precision.
 *
 * <pre>{@code
 * Projection qkv = binder.projection(fusedF32, bias);   // F32 or INT8, as the model was loaded
 * NDArray y = qkv.apply(x);                             // [..., in] -> [..., out]
 * }</pre>
 */
public sealed interface Projection permits Projection.Dense, Projection.Int8 {

    /** {@code x W^T + b}, in {@code x}'s manager. */
    NDArray apply(NDArray x);

    /** Float32 weights [out, in] and an optional bias [out]. */
    record Dense(NDArray weight, NDArray bias) implements Projection {
        @Override
        public NDArray apply(NDArray x) {
            return Linear.linear(x, weight, bias).singletonOrThrow();
        }
    }

    /** INT8 weights with per-row scales, an optional float32 bias, and the kernel that runs them. */
    record Int8(Int8Kernel.Quantized weight, NDArray bias, Int8Kernel kernel) implements Projection {
        @Override
        public NDArray apply(NDArray x) {
            NDArray y = kernel.linear(x, weight);
            return bias == null ? y : y.add(bias); // not in place: the kernel returns an inference-mode tensor
        }
    }
}
