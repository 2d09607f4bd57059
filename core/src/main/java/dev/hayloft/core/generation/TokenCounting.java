package dev.hayloft.core.generation;

/**
 * Implemented by chat generators that know their model's tokenizer and context window (the
 * in-process Hugging Face generators), so that prompt budgets can count exactly instead of
 * estimating. Both methods may load the model on first use.
 *
 * <pre>{@code
 * if (generator instanceof TokenCounting tc) {
 *     int window = tc.contextLength();
 *     int used = tc.tokenCounter().countTokens(messages);
 * }
 * }</pre>
 */
public interface TokenCounting {
    /** A counter using the model's own tokenizer (and chat template for prompts). */
    TokenCounter tokenCounter();

    /** The model's usable context window in tokens (prompt plus generated tokens). */
    int contextLength();
}
