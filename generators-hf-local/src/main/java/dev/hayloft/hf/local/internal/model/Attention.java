package dev.hayloft.hf.local.internal.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Causal scaled-dot-product attention with grouped-query heads, shared by the
 * architectures. Query heads {@code h} read key/value head {@code h / (heads / kvHeads)}
 * (transformers' {@code repeat_kv}); rather than repeating keys, the query heads of one
 * group are folded into the row dimension so one batched matmul serves the group.
 *
 * <pre>{@code
 * NDArray mask = Attention.mask(scope, start, t, start + t, null);   // null when not needed
 * NDArray out = Attention.attend(q, keys, values, mask, kvHeads);     // [batch, t, heads*headDim]
 * }</pre>
 */
public final class Attention {
    private Attention() {
    }

    /**
     * The additive mask {@code [t, total]} for queries at positions {@code start..start+t-1}
     * over keys {@code 0..total-1}: 0 where a key is visible (causal, and within
     * {@code window} when given), negative infinity elsewhere. {@code null} when every key is
     * visible (one new token and no window cut).
     */
    public static NDArray mask(NDManager manager, int start, int t, int total, Integer window) {
        boolean windowCuts = window != null && total > window;
        if (t == 1 && !windowCuts) {
            return null;
        }
        float[] m = new float[t * total];
        for (int i = 0; i < t; i++) {
            int q = start + i;
            for (int j = 0; j < total; j++) {
                boolean visible = j <= q && (window == null || j > q - window);
                m[i * total + j] = visible ? 0f : Float.NEGATIVE_INFINITY;
            }
        }
        return manager.create(m, new Shape(t, total));
    }

    /**
     * Attention output {@code [batch, t, heads * headDim]} for queries {@code q}
     * ({@code [batch, t, heads, headDim]}, already multiplied by the score scale), keys and
     * values {@code [batch, kvHeads, total, headDim]} and an optional {@link #mask}.
     */
    public static NDArray attend(NDArray q, NDArray keys, NDArray values, NDArray mask, int kvHeads) {
        Shape qs = q.getShape();
        long batch = qs.get(0);
        long t = qs.get(1);
        long heads = qs.get(2);
        long d = qs.get(3);
        long group = heads / kvHeads;
        long total = keys.getShape().get(2);
        NDArray grouped = q.transpose(0, 2, 1, 3).reshape(batch, kvHeads, group * t, d);
        NDArray scores = grouped.matMul(keys.transpose(0, 1, 3, 2));
        if (mask != null) {
            scores = scores.reshape(batch, kvHeads, group, t, total).add(mask)
                    .reshape(batch, kvHeads, group * t, total);
        }
        NDArray probs = scores.softmax(-1);
        return probs.matMul(values)
                .reshape(batch, heads, t, d)
                .transpose(0, 2, 1, 3)
                .reshape(batch, t, heads * d);
    }
}
