package dev.hayloft.hf.local.internal.generation;

import java.util.List;

/**
 * The outcome of one generation request: {@code num_return_sequences} sequences in order,
 * the token usage, and whether the prompt had to be truncated to fit the context window.
 *
 * <pre>{@code
 * GenerationResult r = model.generate("Once upon a time", params, null);
 * String first = r.text();
 * int used = r.usage().totalTokens();
 * }</pre>
 *
 * @param sequences the generated sequences, index 0 first
 * @param usage prompt and completion token counts
 * @param promptTruncated whether prompt tokens were dropped from the left
 */
public record GenerationResult(List<GeneratedSequence> sequences, Usage usage, boolean promptTruncated) {

    public GenerationResult {
        sequences = List.copyOf(sequences);
        if (sequences.isEmpty()) {
            throw new IllegalArgumentException("a result has at least one sequence");
        }
    }

    /** The text of the first sequence. */
    public String text() {
        return sequences.get(0).text();
    }
}
