package dev.hayloft.hf.local.internal.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.hayloft.hf.local.internal.config.ModelConfig;
import dev.hayloft.hf.local.internal.config.RopeScaling;

/**
 * Rotary position embedding as transformers applies it (half-split {@code rotate_half}
 * layout, dimension {@code i} paired with {@code i + headDim/2}), with the inverse
 * frequencies computed in float32 like transformers, including Llama-3 and linear
 * {@code rope_scaling}.
 *
 * <pre>{@code
 * RotaryEmbedding rope = new RotaryEmbedding(config);
 * NDArray[] cs = rope.tables(scope, startPos, t);   // cos, signed sin: [t, 1, headDim]
 * NDArray rotated = RotaryEmbedding.apply(qk, cs[0], cs[1]);
 * }</pre>
 */
public final class RotaryEmbedding {
    private final int headDim;
    private final float[] invFreq;

    public RotaryEmbedding(ModelConfig config) {
        this.headDim = config.headDim();
        this.invFreq = inverseFrequencies(config);
    }

    /** The {@code headDim / 2} inverse frequencies (after scaling). */
    public float[] inverseFrequencies() {
        return invFreq.clone();
    }

    static float[] inverseFrequencies(ModelConfig config) {
        int dim = config.headDim();
        float[] inv = new float[dim / 2];
        for (int i = 0; i < inv.length; i++) {
            float exponent = (float) (2 * i) / dim;
            float pow = (float) Math.pow(config.ropeTheta(), exponent);
            inv[i] = 1.0f / pow;
        }
        RopeScaling s = config.ropeScaling();
        if (s == null) {
            return inv;
        }
        float factor = (float) s.factor();
        if (RopeScaling.LINEAR.equals(s.type())) {
            for (int i = 0; i < inv.length; i++) {
                inv[i] = inv[i] / factor;
            }
            return inv;
        }
        // transformers' _compute_llama3_parameters
        float low = (float) s.lowFreqFactor();
        float high = (float) s.highFreqFactor();
        float old = s.originalMaxPositions();
        float lowFreqWavelen = old / low;
        float highFreqWavelen = old / high;
        for (int i = 0; i < inv.length; i++) {
            float wavelen = (float) (2 * Math.PI) / inv[i];
            float scaled = wavelen > lowFreqWavelen ? inv[i] / factor : inv[i];
            boolean medium = !(wavelen < highFreqWavelen) && !(wavelen > lowFreqWavelen);
            if (medium) {
                float smooth = (old / wavelen - low) / (high - low);
                scaled = (1 - smooth) * scaled / factor + smooth * scaled;
            }
            inv[i] = scaled;
        }
        return inv;
    }

    /**
     * The cosine table and the sign-folded sine table ({@code -sin} in the first half,
     * {@code +sin} in the second) for positions {@code start .. start+t-1}, each shaped
     * {@code [t, 1, headDim]} and owned by {@code manager}.
     */
    public NDArray[] tables(NDManager manager, int start, int t) {
        int half = headDim / 2;
        float[] cos = new float[t * headDim];
        float[] sin = new float[t * headDim];
        for (int p = 0; p < t; p++) {
            float pos = start + p;
            for (int i = 0; i < half; i++) {
                float angle = pos * invFreq[i];
                float c = (float) Math.cos(angle);
                float s = (float) Math.sin(angle);
                int base = p * headDim;
                cos[base + i] = c;
                cos[base + half + i] = c;
                sin[base + i] = -s;
                sin[base + half + i] = s;
            }
        }
        Shape shape = new Shape(t, 1, headDim);
        return new NDArray[] {manager.create(cos, shape), manager.create(sin, shape)};
    }

    /**
     * {@code x * cos + rotate_half(x) * sin} for {@code x} shaped {@code [batch, t, heads,
     * headDim]}, with {@code signedSin} from {@link #tables}.
     */
    public static NDArray apply(NDArray x, NDArray cos, NDArray signedSin) {
        long d = x.getShape().get(3);
        long half = d / 2;
        NDArray first = x.get(new NDIndex().addAllDim(3).addSliceDim(0, half));
        NDArray second = x.get(new NDIndex().addAllDim(3).addSliceDim(half, d));
        NDArray swapped = NDArrays.concat(new NDList(second, first), 3);
        return x.mul(cos).add(swapped.mul(signedSin));
    }
}
