package dev.hayloft.hf.local.internal.generation;

/**
 * Why a sequence ended: {@link #STOP} (an EOS token or a stop word) or {@link #LENGTH}
 * ({@code max_new_tokens} or the context window reached). {@link #wireName()} is the
 * OpenAI/Haystack spelling.
 *
 * <pre>{@code
 * if (sequence.finishReason() == FinishReason.LENGTH) { ... }   // "length"
 * }</pre>
 */
public enum FinishReason {
    STOP("stop"),
    LENGTH("length");

    private final String wireName;

    FinishReason(String wireName) {
        this.wireName = wireName;
    }

    /** {@code "stop"} or {@code "length"}. */
    public String wireName() {
        return wireName;
    }
}
