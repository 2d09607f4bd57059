package dev.hayloft.hf.local.internal.config;

import java.util.List;

/**
 * The architecture settings of a causal LM, normalised from the field names of each
 * {@code config.json} family (Llama/Mistral/Qwen2 {@code hidden_size}..., GPT-2
 * {@code n_embd}...). Produced by {@link ConfigReader}.
 *
 * <pre>{@code
 * ModelConfig c = ConfigReader.read(folder);
 * int kvGroups = c.numHeads() / c.numKvHeads();
 * }</pre>
 *
 * @param modelType {@code model_type}, e.g. {@code "llama"}
 * @param vocabSize rows of the embedding / logits width
 * @param hiddenSize model width
 * @param numLayers decoder blocks
 * @param numHeads query heads
 * @param numKvHeads key/value heads (GQA when fewer than {@code numHeads})
 * @param headDim width of one head
 * @param intermediateSize MLP width
 * @param maxPositions context window ({@code max_position_embeddings} / {@code n_positions})
 * @param normEps RMSNorm / LayerNorm epsilon
 * @param ropeTheta RoPE base (unused by GPT-2)
 * @param ropeScaling RoPE scaling, or {@code null}
 * @param tieWordEmbeddings whether logits use the embedding matrix
 * @param qkvBias whether q/k/v projections have biases
 * @param outputBias whether the attention output projection has a bias
 * @param mlpBias whether MLP projections have biases
 * @param activation MLP activation name ({@code silu}, {@code gelu_new}, ...)
 * @param slidingWindow attention window in tokens, or {@code null} for full attention
 * @param attnScaleByLayer GPT-2 {@code scale_attn_by_inverse_layer_idx}
 * @param scaleAttnWeights GPT-2 {@code scale_attn_weights} (true elsewhere)
 * @param bosTokenId {@code bos_token_id} of config.json, or {@code null}
 * @param eosTokenIds {@code eos_token_id} of config.json (int or list), possibly empty
 */
public record ModelConfig(
        String modelType,
        int vocabSize,
        int hiddenSize,
        int numLayers,
        int numHeads,
        int numKvHeads,
        int headDim,
        int intermediateSize,
        int maxPositions,
        double normEps,
        double ropeTheta,
        RopeScaling ropeScaling,
        boolean tieWordEmbeddings,
        boolean qkvBias,
        boolean outputBias,
        boolean mlpBias,
        String activation,
        Integer slidingWindow,
        boolean attnScaleByLayer,
        boolean scaleAttnWeights,
        Integer bosTokenId,
        List<Integer> eosTokenIds) {

    public ModelConfig {
        eosTokenIds = List.copyOf(eosTokenIds);
        requirePositive("vocab_size", vocabSize);
        requirePositive("hidden_size", hiddenSize);
        requirePositive("num_hidden_layers", numLayers);
        requirePositive("num_attention_heads", numHeads);
        requirePositive("num_key_value_heads", numKvHeads);
        requirePositive("head_dim", headDim);
        requirePositive("intermediate_size", intermediateSize);
        requirePositive("max_position_embeddings", maxPositions);
        if (numHeads % numKvHeads != 0) {
            throw new IllegalArgumentException("num_attention_heads (" + numHeads
                    + ") must be a multiple of num_key_value_heads (" + numKvHeads + ")");
        }
        if (headDim % 2 != 0) {
            throw new IllegalArgumentException("head_dim must be even, got " + headDim);
        }
        if (!(normEps > 0)) {
            throw new IllegalArgumentException("the norm epsilon must be > 0, got " + normEps);
        }
    }

    private static void requirePositive(String field, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be > 0, got " + value);
        }
    }
}
