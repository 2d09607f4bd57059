package dev.hayloft.hf.local.internal.weights;

import java.util.Locale;

/**
 * How the linear layers of a model hold their weights in memory.
 *
 * <ul>
 *   <li>{@link #F32}: float32, the exact default (F16/BF16 checkpoints are widened).</li>
 *   <li>{@link #INT8}: weight-only INT8, symmetric per output channel, quantized while loading
 *       (from F32, F16 or BF16 files, tensor by tensor); activations stay float32 outside the
 *       kernel. A quarter of the memory and faster decoding, within a measured tolerance of F32.</li>
 * </ul>
 *
 * <pre>{@code
 * WeightPrecision p = WeightPrecision.parse("int8");   // INT8
 * }</pre>
 */
public enum WeightPrecision {
    F32, INT8;

    /** The precision for a {@code model_kwargs.quantization} value ({@code null}/"none" → F32). */
    public static WeightPrecision parse(String value) {
        if (value == null) {
            return F32;
        }
        switch (value.toLowerCase(Locale.ROOT)) {
            case "none":
            case "f32":
            case "float32":
                return F32;
            case "int8":
                return INT8;
            default:
                throw new IllegalArgumentException("huggingface_pipeline_kwargs.model_kwargs.quantization must be "
                        + "\"int8\" or \"none\", got \"" + value + "\"");
        }
    }
}
