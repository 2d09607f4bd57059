package dev.hayloft.hf.local.internal.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import dev.hayloft.hf.local.internal.config.ModelConfig;
import dev.hayloft.hf.local.internal.config.T5Config;

/**
 * T5 ({@code T5ForConditionalGeneration}: t5 v1.0, t5 v1.1, flan-T5): an encoder and a decoder
 * stack of pre-norm blocks with T5's scale-only layer norm (no mean, no bias), attention
 * without the {@code 1/sqrt(d_kv)} score scale plus a relative position bias owned by the first
 * block of each stack and reused by the others, decoder cross-attention over the encoder
 * output, and a ReLU ({@code wi}, {@code wo}) or gated ({@code wi_0}, {@code wi_1}, {@code wo})
 * feed-forward. With tied embeddings (t5 v1.0) the decoder output is scaled by
 * {@code d_model^-0.5} before the head; flan-T5's separate {@code lm_head} is used unscaled.
 *
 * <p>q/k/v are fused into one matrix per self-attention, k/v into one per cross-attention and
 * {@code wi_0}/{@code wi_1} into one. Weights belong to a long-lived manager; request arrays are
 * always the first operand, so results land in the request's scope.
 *
 * <pre>{@code
 * Seq2SeqLM t5 = T5Model.load(T5Config.read(folder), binder, manager);
 * }</pre>
 */
public final class T5Model implements Seq2SeqLM {
    private static final float GELU_C = (float) Math.sqrt(2.0 / Math.PI);

    private final NDManager weights;
    private final T5Config t5;
    private final ModelConfig config;
    private final NDArray shared;
    private final NDArray lmHead;
    private final float headScale;
    private final EncoderBlock[] encoder;
    private final DecoderBlock[] decoder;
    private final NDArray encoderNorm;
    private final NDArray decoderNorm;
    private final RelativePositionBias encoderBias;
    private final RelativePositionBias decoderBias;
    private final float eps;

    private record SelfAttention(NDArray norm, NDArray qkv, NDArray out) {
    }

    private record CrossAttention(NDArray norm, NDArray q, NDArray kv, NDArray out) {
    }

    private record FeedForward(NDArray norm, NDArray wi, NDArray wo) {
    }

    private record EncoderBlock(SelfAttention self, FeedForward ff) {
    }

    private record DecoderBlock(SelfAttention self, CrossAttention cross, FeedForward ff) {
    }

    private T5Model(NDManager weights, T5Config t5, NDArray shared, NDArray lmHead, EncoderBlock[] encoder,
                    DecoderBlock[] decoder, NDArray encoderNorm, NDArray decoderNorm,
                    RelativePositionBias encoderBias, RelativePositionBias decoderBias) {
        this.weights = weights;
        this.t5 = t5;
        this.config = t5.base();
        this.shared = shared;
        this.lmHead = lmHead;
        this.headScale = config.tieWordEmbeddings() ? (float) Math.pow(config.hiddenSize(), -0.5) : 1f;
        this.encoder = encoder;
        this.decoder = decoder;
        this.encoderNorm = encoderNorm;
        this.decoderNorm = decoderNorm;
        this.encoderBias = encoderBias;
        this.decoderBias = decoderBias;
        this.eps = (float) config.normEps();
    }

    /** Loads the weights named like transformers' {@code T5ForConditionalGeneration} state dict. */
    public static T5Model load(T5Config t5, WeightBinder w, NDManager manager) {
        ModelConfig c = t5.base();
        long d = c.hiddenSize();
        long inner = (long) c.numHeads() * c.headDim();
        NDArray shared = w.has("shared.weight") ? w.load("shared.weight", c.vocabSize(), d)
                : w.load("encoder.embed_tokens.weight", c.vocabSize(), d);
        EncoderBlock[] enc = new EncoderBlock[c.numLayers()];
        for (int i = 0; i < enc.length; i++) {
            String p = "encoder.block." + i + ".layer.";
            enc[i] = new EncoderBlock(selfAttention(w, p + "0.", d, inner), feedForward(w, t5, p + "1.", d));
        }
        DecoderBlock[] dec = new DecoderBlock[t5.numDecoderLayers()];
        for (int i = 0; i < dec.length; i++) {
            String p = "decoder.block." + i + ".layer.";
            String x = p + "1.EncDecAttention.";
            CrossAttention cross = new CrossAttention(w.load(p + "1.layer_norm.weight", d),
                    w.load(x + "q.weight", inner, d),
                    w.concatRows(w.load(x + "k.weight", inner, d), w.load(x + "v.weight", inner, d)),
                    w.load(x + "o.weight", d, inner));
            dec[i] = new DecoderBlock(selfAttention(w, p + "0.", d, inner), cross, feedForward(w, t5, p + "2.", d));
        }
        NDArray head = c.tieWordEmbeddings() ? shared : w.load("lm_head.weight", c.vocabSize(), d);
        return new T5Model(manager, t5, shared, head, enc, dec,
                w.load("encoder.final_layer_norm.weight", d), w.load("decoder.final_layer_norm.weight", d),
                positionBias(w, t5, "encoder", true), positionBias(w, t5, "decoder", false));
    }

    private static SelfAttention selfAttention(WeightBinder w, String p, long d, long inner) {
        String a = p + "SelfAttention.";
        return new SelfAttention(w.load(p + "layer_norm.weight", d),
                w.concatRows(w.load(a + "q.weight", inner, d), w.load(a + "k.weight", inner, d),
                        w.load(a + "v.weight", inner, d)),
                w.load(a + "o.weight", d, inner));
    }

    private static FeedForward feedForward(WeightBinder w, T5Config t5, String p, long d) {
        long ff = t5.base().intermediateSize();
        String m = p + "DenseReluDense.";
        NDArray wi = t5.gated()
                ? w.concatRows(w.load(m + "wi_0.weight", ff, d), w.load(m + "wi_1.weight", ff, d))
                : w.load(m + "wi.weight", ff, d);
        return new FeedForward(w.load(p + "layer_norm.weight", d), wi, w.load(m + "wo.weight", d, ff));
    }

    private static RelativePositionBias positionBias(WeightBinder w, T5Config t5, String stack, boolean bidirectional) {
        int heads = t5.base().numHeads();
        NDArray table = w.load(stack + ".block.0.layer.0.SelfAttention.relative_attention_bias.weight",
                t5.numBuckets(), heads);
        float[] values = table.toFloatArray();
        table.close();
        return new RelativePositionBias(values, heads, t5.numBuckets(), t5.maxDistance(), bidirectional);
    }

    @Override
    public ModelConfig config() {
        return config;
    }

    /** The T5-specific settings. */
    public T5Config t5Config() {
        return t5;
    }

    @Override
    public String device() {
        return weights.getDevice().toString();
    }

    @Override
    public int decoderStartTokenId() {
        return t5.decoderStartTokenId();
    }

    @Override
    public InferenceSession newSession(int[] encoderIds, int capacity, boolean useKvCache) {
        if (!weights.isOpen()) {
            throw new IllegalStateException("the model is closed");
        }
        if (encoderIds.length == 0) {
            throw new IllegalArgumentException("the encoder input must hold at least one token");
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        return new T5Session(this, weights.newSubManager(), checkIds(new int[][] {encoderIds})[0].clone(), capacity,
                useKvCache);
    }

    /** A new decoder self-attention cache. */
    KvCache newCache(NDManager manager, int batch, int capacity) {
        return new KvCache(manager, decoder.length, batch, config.numHeads(), capacity, config.headDim());
    }

    /**
     * Runs the encoder over {@code ids} and returns, per decoder block, the cross-attention keys
     * and values {@code [1, heads, S, d_kv]} (owned by {@code manager}): {@code [2][blocks]}.
     */
    NDArray[][] encode(NDManager manager, int[] ids) {
        int s = ids.length;
        NDArray[][] kv = new NDArray[2][decoder.length];
        try (NDManager forward = manager.newSubManager()) {
            NDArray x = embed(forward, new int[][] {ids});
            NDArray bias = encoderBias.bias(forward, 0, s, s, false);
            for (EncoderBlock b : encoder) {
                try (NDManager scope = forward.newSubManager()) {
                    x.attach(scope);
                    NDArray next = feedForward(b.ff, selfAttention(b.self, x, bias, null, 0, scope));
                    next.attach(forward);
                    x = next;
                }
            }
            NDArray out = rmsNorm(x, encoderNorm);
            int heads = config.numHeads();
            for (int l = 0; l < decoder.length; l++) {
                NDArray both = Linear.linear(out, decoder[l].cross.kv).singletonOrThrow()
                        .reshape(1, s, 2L * heads, config.headDim());
                kv[0][l] = both.get(new NDIndex().addAllDim(2).addSliceDim(0, heads)).transpose(0, 2, 1, 3);
                kv[1][l] = both.get(new NDIndex().addAllDim(2).addSliceDim(heads, 2L * heads)).transpose(0, 2, 1, 3);
                kv[0][l].attach(manager);
                kv[1][l].attach(manager);
            }
        }
        return kv;
    }

    /**
     * Feeds decoder {@code tokens} (rows of equal length) from position {@code cache.length()}
     * with cross-attention keys/values from {@link #encode}; returns last-position logits.
     */
    float[][] decode(NDManager request, int[][] tokens, KvCache cache, NDArray[][] crossKv) {
        checkIds(tokens);
        int batch = tokens.length;
        int t = tokens[0].length;
        int start = cache.length();
        try (NDManager forward = request.newSubManager()) {
            NDArray x = embed(forward, tokens);
            NDArray bias = decoderBias.bias(forward, start, t, start + t, true);
            for (int l = 0; l < decoder.length; l++) {
                DecoderBlock b = decoder[l];
                try (NDManager scope = forward.newSubManager()) {
                    x.attach(scope);
                    NDArray h = selfAttention(b.self, x, bias, cache, l, scope);
                    h = crossAttention(b.cross, h, crossKv[0][l], crossKv[1][l]);
                    NDArray next = feedForward(b.ff, h);
                    next.attach(forward);
                    x = next;
                }
            }
            cache.advance(t);
            NDArray last = rmsNorm(x.get(new NDIndex().addAllDim().addIndices(-1)), decoderNorm);
            if (headScale != 1f) {
                last = last.mul(headScale);
            }
            float[] logits = Linear.linear(last, lmHead).singletonOrThrow().toFloatArray();
            int vocab = logits.length / batch;
            float[][] out = new float[batch][];
            for (int r = 0; r < batch; r++) {
                out[r] = new float[vocab];
                System.arraycopy(logits, r * vocab, out[r], 0, vocab);
            }
            return out;
        }
    }

    private int[][] checkIds(int[][] tokens) {
        int t = tokens[0].length;
        for (int[] row : tokens) {
            if (row.length != t) {
                throw new IllegalArgumentException("all rows must feed the same number of tokens");
            }
            for (int id : row) {
                if (id < 0 || id >= config.vocabSize()) {
                    throw new IllegalArgumentException("token id " + id + " is outside the vocabulary (0.."
                            + (config.vocabSize() - 1) + ")");
                }
            }
        }
        return tokens;
    }

    private NDArray embed(NDManager scope, int[][] tokens) {
        int t = tokens[0].length;
        long[] flat = new long[tokens.length * t];
        for (int r = 0; r < tokens.length; r++) {
            for (int i = 0; i < t; i++) {
                flat[r * t + i] = tokens[r][i];
            }
        }
        NDArray ids = scope.create(flat, new Shape(tokens.length, t));
        return ids.getNDArrayInternal().embedding(ids, shared, SparseFormat.DENSE).singletonOrThrow();
    }

    /** {@code x + o(attention(norm(x)))} with the position bias (and causal mask) in {@code bias}. */
    private NDArray selfAttention(SelfAttention a, NDArray x, NDArray bias, KvCache cache, int layer,
                                  NDManager scope) {
        int heads = config.numHeads();
        long batch = x.getShape().get(0);
        long t = x.getShape().get(1);
        NDArray qkv = Linear.linear(rmsNorm(x, a.norm), a.qkv).singletonOrThrow()
                .reshape(batch, t, 3L * heads, config.headDim());
        NDArray q = qkv.get(new NDIndex().addAllDim(2).addSliceDim(0, heads));
        NDArray k = qkv.get(new NDIndex().addAllDim(2).addSliceDim(heads, 2L * heads)).transpose(0, 2, 1, 3);
        NDArray v = qkv.get(new NDIndex().addAllDim(2).addSliceDim(2L * heads, 3L * heads)).transpose(0, 2, 1, 3);
        if (cache != null) {
            NDArray[] kv = cache.append(layer, k, v, scope);
            k = kv[0];
            v = kv[1];
        }
        NDArray attn = Attention.attend(q, k, v, bias, heads);
        return x.add(Linear.linear(attn, a.out).singletonOrThrow());
    }

    /** {@code x + o(attention(q(norm(x)), encoder keys, encoder values))}; no position bias. */
    private NDArray crossAttention(CrossAttention a, NDArray x, NDArray keys, NDArray values) {
        long batch = x.getShape().get(0);
        long t = x.getShape().get(1);
        NDArray q = Linear.linear(rmsNorm(x, a.norm), a.q).singletonOrThrow()
                .reshape(batch, t, config.numHeads(), config.headDim());
        NDArray attn = Attention.attend(q, keys, values, null, config.numHeads());
        return x.add(Linear.linear(attn, a.out).singletonOrThrow());
    }

    private NDArray feedForward(FeedForward f, NDArray x) {
        NDArray h = Linear.linear(rmsNorm(x, f.norm), f.wi).singletonOrThrow();
        NDArray act;
        if (t5.gated()) {
            long ff = config.intermediateSize();
            NDArray gate = h.get(new NDIndex().addAllDim(2).addSliceDim(0, ff));
            NDArray linear = h.get(new NDIndex().addAllDim(2).addSliceDim(ff, 2 * ff));
            act = activation(gate).mul(linear);
        } else {
            act = activation(h);
        }
        return x.add(Linear.linear(act, f.wo).singletonOrThrow());
    }

    private NDArray activation(NDArray x) {
        switch (config.activation()) {
            case "relu":
                return Activation.relu(x);
            case "gelu":
                return Activation.gelu(x);
            case "silu":
                return x.mul(Activation.sigmoid(x));
            default: // gelu_new: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))
                NDArray inner = x.pow(3).mul(0.044715f).add(x).mul(GELU_C);
                return x.mul(Activation.tanh(inner).add(1f)).mul(0.5f);
        }
    }

    /** T5's layer norm: {@code weight * x / sqrt(mean(x^2) + eps)}, no mean subtraction, no bias. */
    private NDArray rmsNorm(NDArray x, NDArray weight) {
        NDArray inv = x.square().mean(new int[] {-1}, true).add(eps).pow(-0.5);
        return x.mul(inv).mul(weight);
    }

    @Override
    public void close() {
        weights.close();
    }
}
