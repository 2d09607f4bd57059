package dev.hayloft.hf.local.internal.generation;

/**
 * Receives generated text while a request runs. Deltas of one sequence, concatenated, equal
 * that sequence's final {@link GeneratedSequence#text()}: text is held back while it could
 * still change (an incomplete UTF-8 byte sequence, a possible stop word, a possible
 * clean-up of spaces). Called on the generating thread; a listener that throws aborts the
 * request with its exception (which is how cancellation works, see {@link #beforeStep()}).
 *
 * <pre>{@code
 * model.generate(prompt, params, (seq, delta) -> System.out.print(delta));
 * }</pre>
 */
@FunctionalInterface
public interface TokenStreamListener {

    /** New text of sequence {@code sequenceIndex}; never empty. */
    void onText(int sequenceIndex, String delta);

    /** Sequence {@code sequenceIndex} ended (after its last {@link #onText}). */
    default void onFinish(int sequenceIndex, FinishReason reason) {
    }

    /**
     * Called before every forward pass: each chunk of the prompt, each decoding step. Throw (for
     * example a {@code CancellationException}) to stop the request there.
     */
    default void beforeStep() {
    }

    /**
     * Whether {@link #onText} is wanted; when false, text is decoded once at the end (unless stop
     * words need it earlier) and the listener only sees {@link #beforeStep} and {@link #onFinish}.
     */
    default boolean wantsText() {
        return true;
    }
}
