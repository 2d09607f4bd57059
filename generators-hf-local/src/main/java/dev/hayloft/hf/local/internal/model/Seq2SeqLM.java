package dev.hayloft.hf.local.internal.model;

import dev.hayloft.hf.local.internal.config.ModelConfig;

/**
 * A loaded encoder-decoder model (T5, flan-T5): read-only weights that any number of threads
 * may use at once, each request through its own {@link InferenceSession}. A session is opened
 * for one encoder input; the encoder runs once, at the session's first
 * {@link InferenceSession#forward forward}, and every {@code forward} then feeds decoder
 * tokens, starting with {@link #decoderStartTokenId()}. {@link Architectures} loads one.
 *
 * <pre>{@code
 * try (Seq2SeqLM t5 = Architectures.loadT5(T5Config.read(folder), weights, Device.cpu());
 *      InferenceSession s = t5.newSession(new int[] {13, 8, 1}, 21, true)) {
 *     float[][] logits = s.forward(new int[][] {{t5.decoderStartTokenId()}});   // [rows][vocab]
 *     float[][] next = s.forward(new int[][] {{42}});
 * }
 * }</pre>
 */
public interface Seq2SeqLM extends AutoCloseable {

    /** The architecture settings shared with decoder-only models (encoder blocks as {@code numLayers}). */
    ModelConfig config();

    /** The device the weights live on, e.g. {@code "cpu()"} or {@code "gpu(0)"}. */
    String device();

    /** The first decoder token of every sequence ({@code decoder_start_token_id}). */
    int decoderStartTokenId();

    /**
     * Starts a request over {@code encoderIds} (which should end with EOS, as the tokenizer
     * adds it): a session holding up to {@code capacity} decoder tokens per row, with a
     * self-attention KV cache ({@code useKvCache}) or recomputing the decoder at every step.
     */
    InferenceSession newSession(int[] encoderIds, int capacity, boolean useKvCache);

    /** Releases the weights; sessions still open fail afterwards. */
    @Override
    void close();
}
