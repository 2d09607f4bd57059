package dev.hayloft.hf.local.internal.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Activation;
import dev.hayloft.hf.local.internal.config.ModelConfig;
import dev.hayloft.hf.local.internal.model.WeightBinder.Part;

/**
 * The Llama family: Llama 2/3 (incl. Llama-3 RoPE scaling), SmolLM, TinyLlama,
 * stories260K, Mistral (optional sliding window), Qwen2 (q/k/v biases) and Qwen3 (per-head
 * RMSNorm of q and k before RoPE, {@code head_dim} independent of the width). Pre-norm blocks
 * with RMSNorm, RoPE (half-split layout), grouped-query attention and a SiLU-gated MLP;
 * tied or separate {@code lm_head}.
 *
 * <p>At load, q/k/v are fused into one matrix (with the {@code head_dim^-0.5} score scale
 * folded into the q rows, which RoPE's linearity permits; with q/k norms, where RMSNorm would
 * cancel it, into the q norm's weight instead) and gate/up into another, so a block runs two
 * matmuls where transformers runs five.
 *
 * <pre>{@code
 * CausalLM lm = LlamaModel.load(config, binder, manager);
 * }</pre>
 */
public final class LlamaModel extends DecoderModel {
    private final TokenTable embed;
    private final NDArray finalNorm;
    private final Projection lmHead;
    private final Block[] blocks;
    private final RotaryEmbedding rope;
    private final float eps;

    private record Block(NDArray inputNorm, Projection qkv, NDArray qkNorm, Projection out, NDArray postNorm,
                         Projection gateUp, Projection down) {
    }

    private LlamaModel(NDManager manager, ModelConfig config, TokenTable embed, NDArray finalNorm, Projection lmHead,
                       Block[] blocks) {
        super(manager, config);
        this.embed = embed;
        this.finalNorm = finalNorm;
        this.lmHead = lmHead;
        this.blocks = blocks;
        this.rope = new RotaryEmbedding(config);
        this.eps = (float) config.normEps();
    }

    /**
     * Loads the weights named like transformers' {@code LlamaForCausalLM} state dict (for
     * {@code qwen3} also each layer's {@code self_attn.q_norm.weight} and {@code k_norm.weight}).
     */
    public static LlamaModel load(ModelConfig c, WeightBinder w, NDManager manager) {
        boolean qkNorm = "qwen3".equals(c.modelType());
        long h = c.hiddenSize();
        long qDim = (long) c.numHeads() * c.headDim();
        long kvDim = (long) c.numKvHeads() * c.headDim();
        long inter = c.intermediateSize();
        float scale = (float) (1.0 / Math.sqrt(c.headDim()));
        float qScale = qkNorm ? 1f : scale; // RMSNorm would cancel a scale folded into q_proj
        TokenTable embed = w.tokenTable("model.embed_tokens.weight", c.vocabSize(), h);
        Block[] blocks = new Block[c.numLayers()];
        for (int i = 0; i < blocks.length; i++) {
            String p = "model.layers." + i + ".";
            NDArray qkvBias = null;
            if (c.qkvBias()) {
                NDArray qb = w.load(p + "self_attn.q_proj.bias", qDim);
                NDArray kb = w.load(p + "self_attn.k_proj.bias", kvDim);
                NDArray vb = w.load(p + "self_attn.v_proj.bias", kvDim);
                qkvBias = w.concatRows(WeightBinder.scaled(qb, qScale), kb, vb);
            }
            NDArray qkNormWeight = qkNorm ? headNorms(c, w, p, scale) : null;
            NDArray gateUpBias = null;
            if (c.mlpBias()) {
                gateUpBias = w.concatRows(w.load(p + "mlp.gate_proj.bias", inter), w.load(p + "mlp.up_proj.bias", inter));
            }
            blocks[i] = new Block(
                    w.load(p + "input_layernorm.weight", h),
                    w.linear(qkvBias, new Part(p + "self_attn.q_proj.weight", qDim, h, qScale),
                            new Part(p + "self_attn.k_proj.weight", kvDim, h),
                            new Part(p + "self_attn.v_proj.weight", kvDim, h)),
                    qkNormWeight,
                    w.linear(c.outputBias() ? w.load(p + "self_attn.o_proj.bias", h) : null,
                            new Part(p + "self_attn.o_proj.weight", h, qDim)),
                    w.load(p + "post_attention_layernorm.weight", h),
                    w.linear(gateUpBias, new Part(p + "mlp.gate_proj.weight", inter, h),
                            new Part(p + "mlp.up_proj.weight", inter, h)),
                    w.linear(c.mlpBias() ? w.load(p + "mlp.down_proj.bias", h) : null,
                            new Part(p + "mlp.down_proj.weight", h, inter)));
        }
        NDArray finalNorm = w.load("model.norm.weight", h);
        Projection head = c.tieWordEmbeddings() ? embed.asProjection()
                : w.linear(null, new Part("lm_head.weight", c.vocabSize(), h));
        return new LlamaModel(manager, c, embed, finalNorm, head, blocks);
    }

    /**
     * The q and k norm weights as one {@code [heads + kvHeads, headDim]} table matching the
     * fused head layout: {@code q_norm * scale} for each query head, then {@code k_norm} for
     * each key head.
     */
    private static NDArray headNorms(ModelConfig c, WeightBinder w, String p, float scale) {
        long d = c.headDim();
        NDArray q = WeightBinder.scaled(w.load(p + "self_attn.q_norm.weight", d), scale);
        NDArray k = w.load(p + "self_attn.k_norm.weight", d);
        NDArray qRows = q.reshape(1, d).repeat(0, c.numHeads());
        NDArray kRows = k.reshape(1, d).repeat(0, c.numKvHeads());
        q.close();
        k.close();
        return w.concatRows(qRows, kRows);
    }


    @Override
    protected NDArray embed(NDArray ids, int start, NDManager scope) {
        return embed.gather(ids);
    }

    @Override
    protected NDArray[] positionTables(NDManager scope, int start, int t) {
        return rope.tables(scope, start, t);
    }

    @Override
    protected NDArray block(int layer, NDArray x, Step step) {
        Block b = blocks[layer];
        int heads = config.numHeads();
        int kvHeads = config.numKvHeads();
        long batch = x.getShape().get(0);
        long t = x.getShape().get(1);
        NDArray qkv = b.qkv.apply(rmsNorm(x, b.inputNorm)).reshape(batch, t, heads + 2L * kvHeads, config.headDim());
        NDArray qk = qkv.get(new NDIndex().addAllDim(2).addSliceDim(0, heads + kvHeads));
        if (b.qkNorm != null) {
            qk = rmsNorm(qk, b.qkNorm); // per head (last axis), before RoPE
        }
        qk = RotaryEmbedding.apply(qk, step.tables()[0], step.tables()[1]);
        NDArray q = qk.get(new NDIndex().addAllDim(2).addSliceDim(0, heads));
        NDArray k = qk.get(new NDIndex().addAllDim(2).addSliceDim(heads, heads + kvHeads)).transpose(0, 2, 1, 3);
        NDArray v = qkv.get(new NDIndex().addAllDim(2).addSliceDim(heads + kvHeads, heads + 2L * kvHeads))
                .transpose(0, 2, 1, 3);
        NDArray[] kv = step.cache().append(layer, k, v, step.scope());
        NDArray attn = Attention.attend(q, kv[0], kv[1], step.mask(), kvHeads);
        NDArray h = x.add(b.out.apply(attn));
        NDArray gateUp = b.gateUp.apply(rmsNorm(h, b.postNorm));
        long inter = config.intermediateSize();
        NDArray gate = gateUp.get(new NDIndex().addAllDim(2).addSliceDim(0, inter));
        NDArray up = gateUp.get(new NDIndex().addAllDim(2).addSliceDim(inter, 2 * inter));
        NDArray act = gate.mul(Activation.sigmoid(gate)).mul(up);
        return h.add(b.down.apply(act));
    }

    @Override
    protected NDArray head(NDArray last) {
        return lmHead.apply(rmsNorm(last, finalNorm));
    }

    private NDArray rmsNorm(NDArray x, NDArray weight) {
        NDArray inv = x.square().mean(new int[] {-1}, true).add(eps).pow(-0.5);
        return x.mul(inv).mul(weight);
    }
}
