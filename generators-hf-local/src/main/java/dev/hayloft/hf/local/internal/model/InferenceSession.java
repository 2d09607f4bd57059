package dev.hayloft.hf.local.internal.model;

/**
 * One request's decoding state (its own native memory scope and KV cache). Rows of the batch
 * always hold the same number of tokens. Not thread-safe: one thread drives a session.
 *
 * <pre>{@code
 * try (InferenceSession s = lm.newSession(prompt.length + 20, true)) {
 *     float[][] logits = s.forward(new int[][] {prompt});   // batch of one
 *     s.expand(3);                                          // three sequences from here on
 *     logits = s.forward(new int[][] {{a}, {b}, {c}});
 *     s.keepRows(new int[] {0, 2});                         // the second one finished
 * }
 * }</pre>
 */
public interface InferenceSession extends AutoCloseable {

    /**
     * Feeds {@code tokens[row]} (equally long for every row) after the tokens already fed and
     * returns, per row, the logits at the last fed position ({@code [rows][vocab]}).
     */
    float[][] forward(int[][] tokens);

    /** Tokens fed so far per row. */
    int length();

    /** Rows in the batch (1 until {@link #expand}). */
    int batchSize();

    /** Turns the single row into {@code copies} identical rows. */
    void expand(int copies);

    /** Keeps only the listed rows, in the listed order. */
    void keepRows(int[] rows);

    /** Frees the session's native memory. */
    @Override
    void close();
}
