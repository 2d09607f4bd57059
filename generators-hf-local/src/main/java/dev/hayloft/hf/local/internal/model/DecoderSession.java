package dev.hayloft.hf.local.internal.model;

import ai.djl.ndarray.NDManager;

/**
 * {@link InferenceSession} of a {@link DecoderModel}: with a KV cache each call feeds only the
 * new tokens; without one (for testing) it keeps the token history and recomputes the whole
 * sequence at every call.
 *
 * <pre>{@code
 * InferenceSession s = model.newSession(128, false);   // full recomputation
 * }</pre>
 */
final class DecoderSession implements InferenceSession {
    private final DecoderModel model;
    private final NDManager manager;
    private final SessionRows rows;

    DecoderSession(DecoderModel model, NDManager manager, int capacity, boolean useKvCache) {
        this.model = model;
        this.manager = manager;
        this.rows = new SessionRows(manager, capacity, useKvCache, model::newCache);
    }

    @Override
    public float[][] forward(int[][] tokens) {
        return rows.forward(tokens, model::run);
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
