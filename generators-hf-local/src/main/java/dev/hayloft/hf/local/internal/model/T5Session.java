package dev.hayloft.hf.local.internal.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * {@link InferenceSession} of a {@link T5Model} for one encoder input. The encoder runs at the
 * first {@link #forward} (so a cancelled request never starts it), and its cross-attention
 * keys and values are computed once per decoder block and kept for the whole request, shared
 * by every row (one batch row, broadcast). Decoder tokens go through a self-attention KV cache,
 * or without one (for testing) the decoder sequence is recomputed at every call.
 *
 * <pre>{@code
 * InferenceSession s = t5.newSession(encoderIds, 1 + maxNewTokens, true);
 * float[][] logits = s.forward(new int[][] {{t5.decoderStartTokenId()}});
 * }</pre>
 */
final class T5Session implements InferenceSession {
    private final T5Model model;
    private final NDManager manager;
    private final int[] encoderIds;
    private final SessionRows rows;
    private NDArray[][] crossKv;

    T5Session(T5Model model, NDManager manager, int[] encoderIds, int capacity, boolean useKvCache) {
        this.model = model;
        this.manager = manager;
        this.encoderIds = encoderIds;
        this.rows = new SessionRows(manager, capacity, useKvCache, model::newCache);
    }

    @Override
    public float[][] forward(int[][] tokens) {
        rows.check(tokens);
        if (crossKv == null) {
            crossKv = model.encode(manager, encoderIds);
        }
        return rows.forward(tokens, (scope, ids, cache) -> model.decode(scope, ids, cache, crossKv));
    }

    @Override
    public int length() {
        return rows.length();
    }

    @Override
    public int batchSize() {
        return rows.batchSize();
    }

    @Override
    public void expand(int copies) {
        rows.expand(copies);
    }

    @Override
    public void keepRows(int[] keep) {
        rows.keepRows(keep);
    }

    @Override
    public void close() {
        manager.close();
    }
}
