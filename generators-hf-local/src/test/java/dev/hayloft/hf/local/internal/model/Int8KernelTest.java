package dev.hayloft.hf.local.internal.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The INT8 kernel module loads from the jar (no network) and multiplies as the dequantized
 * matrix does, within bfloat16 activation rounding.
 */
class Int8KernelTest {

    private static float[] random(int n, long seed) {
        Random r = new Random(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }

    @Test
    void quantizedProductMatchesTheDequantizedMatrix() {
        int n = 48;
        int k = 64;
        try (NDManager m = NDManager.newBaseManager("PyTorch"); Int8Kernel kernel = Int8Kernel.load(m)) {
            float[] w = random(n * k, 1);
            NDArray weight = m.create(w, new Shape(n, k));
            NDArray original = weight.duplicate();
            Int8Kernel.Quantized q = Int8Kernel.quantize(weight);
            assertEquals(DataType.INT8, q.weights().getDataType());
            assertEquals(new Shape(n), q.scales().getShape());
            // per-row symmetric: the largest magnitude of each row maps to ±127, the error is at most half a step
            NDArray deq = q.dequantize();
            float maxErr = original.sub(deq).abs().max().getFloat();
            float maxStep = q.scales().max().getFloat();
            assertTrue(maxErr <= maxStep * 0.5f + 1e-6f, "quantization error " + maxErr + " vs step " + maxStep);
            assertEquals(127, q.weights().abs().toType(DataType.INT32, false).max(new int[] {1}).min().getInt());

            NDArray x = m.create(random(3 * 5 * k, 2), new Shape(3, 5, k));
            NDArray y = kernel.linear(x, q);
            assertEquals(new Shape(3, 5, n), y.getShape());
            assertEquals(DataType.FLOAT32, y.getDataType());
            NDArray expected = Linear.linear(x, deq).singletonOrThrow();
            float diff = y.sub(expected).abs().max().getFloat();
            float scale = expected.abs().max().getFloat();
            // bf16 activations carry 8 bits of mantissa: relative error ~ 2^-8 of the row's magnitude
            assertTrue(diff < scale * 0.02f, "int8 product differs by " + diff + " (magnitude " + scale + ")");
            assertTrue(diff > 0f, "the kernel ran in reduced precision, not as the float32 reference");
        }
    }
}
