package dev.hayloft.hf.local.internal.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * T5's relative position bias: a learned scalar per (bucket, head) added to the attention
 * scores, the bucket depending on the distance {@code key - query}. Distances below half the
 * buckets (a quarter, per direction, when bidirectional) have a bucket each; longer ones share
 * log-spaced buckets up to {@code maxDistance}, beyond which all fall into the last. The
 * encoder is bidirectional; the decoder only looks back. The log part is computed in float32
 * as torch computes it, so that borderline distances fall into the same bucket.
 *
 * <pre>{@code
 * RelativePositionBias rpb = new RelativePositionBias(table, heads, 32, 128, false);
 * NDArray bias = rpb.bias(scope, start, t, start + t, true);   // [heads, 1, t, total], causal
 * }</pre>
 */
final class RelativePositionBias {
    private final float[] table;
    private final int heads;
    private final int numBuckets;
    private final int maxDistance;
    private final boolean bidirectional;

    /**
     * @param table the {@code relative_attention_bias} weights, {@code [numBuckets, heads]} row-major
     */
    RelativePositionBias(float[] table, int heads, int numBuckets, int maxDistance, boolean bidirectional) {
        if (table.length != numBuckets * heads) {
            throw new IllegalArgumentException("bias table has " + table.length + " values, expected "
                    + numBuckets * heads);
        }
        this.table = table.clone();
        this.heads = heads;
        this.numBuckets = numBuckets;
        this.maxDistance = maxDistance;
        this.bidirectional = bidirectional;
    }

    /** The bucket of the distance {@code relative = key - query} (transformers' {@code _relative_position_bucket}). */
    static int bucket(int relative, boolean bidirectional, int numBuckets, int maxDistance) {
        int buckets = numBuckets;
        int offset = 0;
        int distance;
        if (bidirectional) {
            buckets /= 2;
            if (relative > 0) {
                offset = buckets;
            }
            distance = Math.abs(relative);
        } else {
            distance = -Math.min(relative, 0);
        }
        int maxExact = buckets / 2;
        if (distance < maxExact) {
            return offset + distance;
        }
        float f = (float) Math.log((float) distance / (float) maxExact);
        f = f / (float) Math.log((double) maxDistance / maxExact);
        f = f * (float) (buckets - maxExact);
        return offset + Math.min(maxExact + (int) f, buckets - 1);
    }

    /**
     * The additive bias {@code [heads, 1, t, total]} for queries at positions
     * {@code start..start+t-1} over keys {@code 0..total-1}; with {@code causal}, keys after
     * their query get negative infinity.
     */
    NDArray bias(NDManager manager, int start, int t, int total, boolean causal) {
        float[] out = new float[heads * t * total];
        int[] buckets = new int[total];
        for (int i = 0; i < t; i++) {
            int q = start + i;
            for (int k = 0; k < total; k++) {
                buckets[k] = bucket(k - q, bidirectional, numBuckets, maxDistance);
            }
            for (int h = 0; h < heads; h++) {
                int base = (h * t + i) * total;
                for (int k = 0; k < total; k++) {
                    out[base + k] = causal && k > q ? Float.NEGATIVE_INFINITY : table[buckets[k] * heads + h];
                }
            }
        }
        return manager.create(out, new Shape(heads, 1, t, total));
    }
}
