package dev.hayloft.hf.local.internal.model;

import dev.hayloft.hf.local.internal.config.ModelConfig;

/**
 * A loaded causal language model: read-only weights that any number of threads may use at
 * once, each through its own {@link InferenceSession}. Implementations: {@code LlamaModel}
 * (Llama, Mistral, Qwen2, Qwen3) and {@code Gpt2Model}; {@link Architectures} picks one from
 * {@code config.json}.
 *
 * <pre>{@code
 * try (CausalLM lm = Architectures.load(folder, config, "cpu");
 *      InferenceSession s = lm.newSession(64, true)) {
 *     float[][] logits = s.forward(new int[][] {{1, 403, 407}});   // [rows][vocab]
 *     float[][] next = s.forward(new int[][] {{261}});
 * }
 * }</pre>
 */
public interface CausalLM extends AutoCloseable {

    /** The architecture settings. */
    ModelConfig config();

    /** The device the weights live on, e.g. {@code "cpu()"} or {@code "gpu(0)"}. */
    String device();

    /**
     * Starts a request: a session that holds up to {@code capacity} tokens per row, with a
     * KV cache ({@code useKvCache}) or recomputing the whole sequence at every step.
     */
    InferenceSession newSession(int capacity, boolean useKvCache);

    /** Releases the weights; sessions still open fail afterwards. */
    @Override
    void close();
}
