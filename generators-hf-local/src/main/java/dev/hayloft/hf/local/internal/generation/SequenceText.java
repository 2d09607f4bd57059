package dev.hayloft.hf.local.internal.generation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The text of one growing sequence: decodes the generated ids (with a few prompt tokens as
 * left context, as transformers' pipeline decodes prompt + continuation and drops the prompt
 * text), finds stop words across token boundaries, and hands out the stable part of the
 * text as deltas.
 *
 * <p>Text is stable when it can no longer change or be cut: a trailing U+FFFD (an incomplete
 * UTF-8 sequence of byte-fallback or byte-level tokens) is held back, as is the longest tail
 * that could still grow into a stop word or into one of transformers' space clean-up
 * patterns. Decoding the whole growing sequence (rather than single tokens) is what keeps
 * multi-byte characters intact.
 *
 * <pre>{@code
 * SequenceText text = new SequenceText(decoder, promptTail, List.of("\n\n"), false);
 * String delta = text.append(tokenId);   // "" while nothing new is stable
 * if (text.stopped()) { String rest = text.finish(); }
 * }</pre>
 */
public final class SequenceText {
    /** Patterns whose removal by {@code clean_up_tokenization_spaces} changes earlier text. */
    private static final List<String> CLEANUP_PATTERNS =
            List.of(" .", " ?", " !", " ,", " ' ", " n't", " 'm", " 's", " 've", " 're");
    private static final char REPLACEMENT = '\uFFFD';

    private final Function<int[], String> decoder;
    private final int[] context;
    private final String contextText;
    private final List<String> stopWords;
    private final List<String> holdPatterns;
    private final int longestStop;
    private final List<Integer> ids = new ArrayList<>();
    private String current = "";
    private int emitted;
    private int searchedUpTo;
    private String finalText;
    private boolean stopWordSeen;

    /**
     * @param decoder ids → text (special tokens skipped, clean-up applied if the model does)
     * @param context the last prompt tokens (left context for decoding); may be empty
     * @param stopWords stop strings
     * @param cleanUp whether {@code decoder} applies transformers' space clean-up
     */
    public SequenceText(Function<int[], String> decoder, int[] context, List<String> stopWords, boolean cleanUp) {
        this.decoder = decoder;
        this.context = context.clone();
        this.contextText = context.length == 0 ? "" : decoder.apply(context);
        this.stopWords = List.copyOf(stopWords);
        List<String> hold = new ArrayList<>(stopWords);
        if (cleanUp) {
            hold.addAll(CLEANUP_PATTERNS);
        }
        this.holdPatterns = hold;
        this.longestStop = stopWords.stream().mapToInt(String::length).max().orElse(0);
    }

    /** Appends {@code id} without decoding (when neither streaming nor stop words need it). */
    public void appendSilently(int id) {
        ids.add(id);
    }

    /**
     * Appends {@code id}, decodes, and returns the newly stable text ({@code ""} if none).
     * When a stop word appears, the text is cut before it, {@link #stopped()} becomes true and
     * the rest up to the cut is returned.
     */
    public String append(int id) {
        ids.add(id);
        current = decodeAll();
        if (!stopWords.isEmpty()) {
            int from = Math.max(0, searchedUpTo - longestStop + 1);
            int cut = -1;
            for (String stop : stopWords) {
                int at = current.indexOf(stop, from);
                if (at >= 0 && (cut < 0 || at < cut)) {
                    cut = at;
                }
            }
            if (cut >= 0) {
                stopWordSeen = true;
                finalText = current.substring(0, cut);
                return take(finalText);
            }
        }
        String stable = current;
        int end = stable.length();
        while (end > 0 && stable.charAt(end - 1) == REPLACEMENT) {
            end--;
        }
        searchedUpTo = end;
        end -= heldBack(stable.substring(0, end));
        return take(stable.substring(0, end));
    }

    /** Whether a stop word ended the sequence. */
    public boolean stopped() {
        return stopWordSeen;
    }

    /** Ends the sequence and returns the text not yet handed out. */
    public String finish() {
        if (finalText == null) {
            finalText = decodeAll();
        }
        return take(finalText);
    }

    /** The final text (after {@link #finish()} or a stop word). */
    public String text() {
        if (finalText == null) {
            throw new IllegalStateException("the sequence has not finished");
        }
        return finalText;
    }

    /** The generated ids so far. */
    public List<Integer> ids() {
        return ids;
    }

    private String decodeAll() {
        int[] all = new int[context.length + ids.size()];
        System.arraycopy(context, 0, all, 0, context.length);
        for (int i = 0; i < ids.size(); i++) {
            all[context.length + i] = ids.get(i);
        }
        String text = decoder.apply(all);
        return text.substring(Math.min(contextText.length(), text.length()));
    }

    /** Length of the longest tail of {@code text} that is a proper prefix of a hold pattern. */
    private int heldBack(String text) {
        int held = 0;
        for (String p : holdPatterns) {
            for (int len = Math.min(p.length() - 1, text.length()); len > held; len--) {
                if (text.regionMatches(text.length() - len, p, 0, len)) {
                    held = len;
                    break;
                }
            }
        }
        return held;
    }

    /** Hands out {@code upTo} beyond what was already handed out. */
    private String take(String upTo) {
        if (upTo.length() <= emitted) {
            return "";
        }
        String delta = upTo.substring(emitted);
        emitted = upTo.length();
        return delta;
    }
}
