package dev.hayloft.hf.local.internal.generation;

import java.util.List;

/**
 * One returned sequence: its text (the continuation only, special tokens skipped, cut before
 * a stop word), the generated token ids (an EOS token that ended it included) and why it
 * ended.
 *
 * <pre>{@code
 * GeneratedSequence s = result.sequences().get(0);
 * String reply = s.text();
 * String reason = s.finishReason().wireName();   // "stop" or "length"
 * }</pre>
 *
 * @param index position among the request's sequences (0-based)
 * @param text generated text
 * @param tokenIds generated token ids
 * @param finishReason why generation ended
 */
public record GeneratedSequence(int index, String text, List<Integer> tokenIds, FinishReason finishReason) {

    public GeneratedSequence {
        tokenIds = List.copyOf(tokenIds);
        if (text == null || finishReason == null) {
            throw new NullPointerException("text and finishReason are required");
        }
    }
}
