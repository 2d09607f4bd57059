package dev.hayloft.hf.local.internal.generation;

/**
 * Receives generated text while a request runs. Deltas of one sequence, concatenated, equal
 * that sequence's final {@link GeneratedSequence#text()}: text is held back while it could
 * still change (an incomplete UTF-8 byte sequence, a possible stop word, a possible
 * clean-up of spaces). Called on the generating thread; a listener that throws aborts the
 * request with its exception.
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
}
