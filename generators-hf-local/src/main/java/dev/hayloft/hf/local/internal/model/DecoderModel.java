package dev.hayloft.hf.local.internal.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.hayloft.hf.local.internal.config.ModelConfig;

/**
 * The shared skeleton of a decoder-only transformer: embed, run each block in its own
 * native-memory scope (so a long prompt does not keep every block's intermediates alive),
 * then the final norm and the logits of the last position only.
 *
 * <p>Weights belong to {@link #weights}, a long-lived manager; every op of a request takes
 * a request array as its first operand, so results land in the request's scope (DJL attaches
 * a result to its first operand's manager), never in the weights' manager.
 *
 * <pre>{@code
 * final class MyModel extends DecoderModel {
 *     protected NDArray embed(NDArray ids, int start, NDManager scope) { ... }
 *     protected NDArray block(int layer, NDArray x, Step step) { ... }
 *     protected NDArray head(NDArray last) { ... }
 * }
 * }</pre>
 */
public abstract class DecoderModel implements CausalLM {
    /** The long-lived manager owning the weights. */
    protected final NDManager weights;
    /** The architecture settings. */
    protected final ModelConfig config;

    protected DecoderModel(NDManager weights, ModelConfig config) {
        this.weights = weights;
        this.config = config;
    }

    /**
     * What one block needs besides its input: the block's memory scope, the cache, the
     * position tables (architecture-specific, may be {@code null}) and the attention mask
     * ({@code null} when every key is visible).
     *
     * @param scope manager that owns everything the block creates
     * @param cache the request's KV cache
     * @param start position of the first new token
     * @param tables position tables from {@link #positionTables}
     * @param mask additive attention mask or {@code null}
     */
    protected record Step(NDManager scope, KvCache cache, int start, NDArray[] tables, NDArray mask) {
    }

    /** Token (and learned position) embeddings {@code [batch, t, hidden]} of {@code ids} {@code [batch, t]}. */
    protected abstract NDArray embed(NDArray ids, int start, NDManager scope);

    /** One decoder block: returns the new residual stream for {@code x}. */
    protected abstract NDArray block(int layer, NDArray x, Step step);

    /** Final norm and output projection of the last position {@code [batch, hidden]} → {@code [batch, vocab]}. */
    protected abstract NDArray head(NDArray last);

    /** Per-forward position tables (e.g. RoPE cos/sin) shared by all blocks; {@code null} by default. */
    protected NDArray[] positionTables(NDManager scope, int start, int t) {
        return null;
    }

    @Override
    public ModelConfig config() {
        return config;
    }

    @Override
    public String device() {
        return weights.getDevice().toString();
    }

    @Override
    public InferenceSession newSession(int capacity, boolean useKvCache) {
        if (!weights.isOpen()) {
            throw new IllegalStateException("the model is closed");
        }
        if (capacity < 1 || capacity > config.maxPositions()) {
            throw new IllegalArgumentException("capacity must be in 1.." + config.maxPositions() + ", got " + capacity);
        }
        return new DecoderSession(this, weights.newSubManager(), capacity, useKvCache);
    }

    /** A new KV cache for this model. */
    KvCache newCache(NDManager manager, int batch, int capacity) {
        return new KvCache(manager, config.numLayers(), batch, config.numKvHeads(), capacity, config.headDim());
    }

    /** Runs {@code tokens} (rows of equal length) from position {@code cache.length()}; returns last-position logits. */
    float[][] run(NDManager request, int[][] tokens, KvCache cache) {
        int batch = tokens.length;
        int t = tokens[0].length;
        int start = cache.length();
        long[] flat = new long[batch * t];
        for (int b = 0; b < batch; b++) {
            if (tokens[b].length != t) {
                throw new IllegalArgumentException("all rows must feed the same number of tokens");
            }
            for (int i = 0; i < t; i++) {
                int id = tokens[b][i];
                if (id < 0 || id >= config.vocabSize()) {
                    throw new IllegalArgumentException("token id " + id + " is outside the vocabulary (0.."
                            + (config.vocabSize() - 1) + ")");
                }
                flat[b * t + i] = id;
            }
        }
        try (NDManager forward = request.newSubManager()) {
            NDArray ids = forward.create(flat, new Shape(batch, t));
            NDArray x = embed(ids, start, forward);
            NDArray[] tables = positionTables(forward, start, t);
            NDArray mask = Attention.mask(forward, start, t, start + t, config.slidingWindow());
            for (int layer = 0; layer < config.numLayers(); layer++) {
                try (NDManager scope = forward.newSubManager()) {
                    x.attach(scope);
                    NDArray next = block(layer, x, new Step(scope, cache, start, tables, mask));
                    next.attach(forward);
                    x = next;
                }
            }
            cache.advance(t);
            NDArray last = x.get(new NDIndex().addAllDim().addIndices(-1));
            float[] logits = head(last).toFloatArray();
            int vocab = logits.length / batch;
            float[][] out = new float[batch][];
            for (int b = 0; b < batch; b++) {
                out[b] = new float[vocab];
                System.arraycopy(logits, b * vocab, out[b], 0, vocab);
            }
            return out;
        }
    }

    @Override
    public void close() {
        weights.close();
    }
}
