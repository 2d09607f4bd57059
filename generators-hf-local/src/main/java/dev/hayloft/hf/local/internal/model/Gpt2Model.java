package dev.hayloft.hf.local.internal.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.LayerNorm;
import dev.hayloft.hf.local.internal.config.ModelConfig;

/**
 * GPT-2 ({@code GPT2LMHeadModel}): learned position embeddings, pre-norm blocks with
 * LayerNorm (with bias), fused {@code c_attn} split into contiguous {@code [q | k | v]}
 * blocks, {@code gelu_new} MLP and the head tied to {@code wte}. Conv1D weights are stored
 * {@code [in, out]}; they are used through a transposed view, so no copy is made. Tensor
 * names may carry the {@code transformer.} prefix or not; {@code attn.bias} /
 * {@code attn.masked_bias} buffers are ignored.
 *
 * <pre>{@code
 * CausalLM lm = Gpt2Model.load(config, binder, manager);
 * }</pre>
 */
public final class Gpt2Model extends DecoderModel {
    private static final float GELU_C = (float) Math.sqrt(2.0 / Math.PI);

    private final TokenTable wte;
    private final Projection head;
    private final NDArray wpe;
    private final NDArray lnFw;
    private final NDArray lnFb;
    private final Block[] blocks;
    private final float eps;

    private record Block(NDArray ln1w, NDArray ln1b, Projection attn, Projection proj,
                         NDArray ln2w, NDArray ln2b, Projection fc, Projection out) {
    }

    private Gpt2Model(NDManager manager, ModelConfig config, TokenTable wte, NDArray wpe, NDArray lnFw, NDArray lnFb,
                      Block[] blocks) {
        super(manager, config);
        this.wte = wte;
        this.head = wte.asProjection();
        this.wpe = wpe;
        this.lnFw = lnFw;
        this.lnFb = lnFb;
        this.blocks = blocks;
        this.eps = (float) config.normEps();
    }

    /** Loads {@code GPT2LMHeadModel} weights, with or without the {@code transformer.} prefix. */
    public static Gpt2Model load(ModelConfig c, WeightBinder w, NDManager manager) {
        String prefix = w.has("transformer.wte.weight") ? "transformer." : "";
        long e = c.hiddenSize();
        long inner = c.intermediateSize();
        TokenTable wte = w.tokenTable(w.load(prefix + "wte.weight", c.vocabSize(), e));
        NDArray wpe = w.load(prefix + "wpe.weight", c.maxPositions(), e);
        Block[] blocks = new Block[c.numLayers()];
        for (int i = 0; i < blocks.length; i++) {
            String p = prefix + "h." + i + ".";
            float scale = (float) (c.scaleAttnWeights() ? 1.0 / Math.sqrt(c.headDim()) : 1.0);
            if (c.attnScaleByLayer()) {
                scale /= (i + 1);
            }
            NDArray attnW = w.load(p + "attn.c_attn.weight", e, 3 * e);
            NDArray attnB = w.load(p + "attn.c_attn.bias", 3 * e);
            blocks[i] = new Block(
                    w.load(p + "ln_1.weight", e), w.load(p + "ln_1.bias", e),
                    w.projection(conv1d(scaleQuery(w, attnW, e, scale, 1)), scaleQuery(w, attnB, e, scale, 0)),
                    w.projection(conv1d(w.load(p + "attn.c_proj.weight", e, e)), w.load(p + "attn.c_proj.bias", e)),
                    w.load(p + "ln_2.weight", e), w.load(p + "ln_2.bias", e),
                    w.projection(conv1d(w.load(p + "mlp.c_fc.weight", e, inner)), w.load(p + "mlp.c_fc.bias", inner)),
                    w.projection(conv1d(w.load(p + "mlp.c_proj.weight", inner, e)), w.load(p + "mlp.c_proj.bias", e)));
        }
        return new Gpt2Model(manager, c, wte, wpe, w.load(prefix + "ln_f.weight", e), w.load(prefix + "ln_f.bias", e),
                blocks);
    }

    /** Multiplies the q block (first {@code e} entries along {@code axis}) by the attention scale. */
    private static NDArray scaleQuery(WeightBinder w, NDArray a, long e, float scale, int axis) {
        if (scale == 1f) {
            return a;
        }
        NDIndex qIdx = new NDIndex().addAllDim(axis).addSliceDim(0, e);
        NDIndex restIdx = new NDIndex().addAllDim(axis).addSliceDim(e, 3 * e);
        NDArray q = a.get(qIdx).mul(scale);
        NDArray rest = a.get(restIdx);
        NDArray out = w.concat(axis, q, rest);
        a.close();
        return out;
    }

    /** A Conv1D {@code [in, out]} weight as an nn.Linear-style {@code [out, in]} view. */
    private static NDArray conv1d(NDArray weight) {
        return weight.transpose();
    }

    @Override
    protected NDArray embed(NDArray ids, int start, NDManager scope) {
        long t = ids.getShape().get(1);
        NDArray positions = scope.arange(start, start + (int) t).toType(DataType.INT64, false);
        NDArray tokens = wte.gather(ids);
        NDArray pos = positions.getNDArrayInternal().embedding(positions, wpe, SparseFormat.DENSE).singletonOrThrow();
        return tokens.add(pos);
    }

    @Override
    protected NDArray block(int layer, NDArray x, Step step) {
        Block b = blocks[layer];
        int heads = config.numHeads();
        long batch = x.getShape().get(0);
        long t = x.getShape().get(1);
        NDArray qkv = b.attn.apply(layerNorm(x, b.ln1w, b.ln1b)).reshape(batch, t, 3L * heads, config.headDim());
        NDArray q = qkv.get(new NDIndex().addAllDim(2).addSliceDim(0, heads));
        NDArray k = qkv.get(new NDIndex().addAllDim(2).addSliceDim(heads, 2L * heads)).transpose(0, 2, 1, 3);
        NDArray v = qkv.get(new NDIndex().addAllDim(2).addSliceDim(2L * heads, 3L * heads)).transpose(0, 2, 1, 3);
        NDArray[] kv = step.cache().append(layer, k, v, step.scope());
        NDArray attn = Attention.attend(q, kv[0], kv[1], step.mask(), heads);
        NDArray h = x.add(b.proj.apply(attn));
        NDArray fc = b.fc.apply(layerNorm(h, b.ln2w, b.ln2b));
        return h.add(b.out.apply(activation(fc)));
    }

    @Override
    protected NDArray head(NDArray last) {
        return head.apply(layerNorm(last, lnFw, lnFb));
    }

    private NDArray layerNorm(NDArray x, NDArray weight, NDArray bias) {
        return LayerNorm.layerNorm(x, new Shape(config.hiddenSize()), weight, bias, eps).singletonOrThrow();
    }

    private NDArray activation(NDArray x) {
        switch (config.activation()) {
            case "gelu":
                return Activation.gelu(x);
            case "relu":
                return Activation.relu(x);
            default: // gelu_new, gelu_pytorch_tanh: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))
                NDArray inner = x.pow(3).mul(0.044715f).add(x).mul(GELU_C);
                return x.mul(Activation.tanh(inner).add(1f)).mul(0.5f);
        }
    }
}
