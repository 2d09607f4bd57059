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
 * patterns. Decoding token sequences (rather than single tokens) is what keeps multi-byte
 * characters intact.
 *
 * <p>Each step decodes only the unstable tail, not the whole continuation: the text up to a
 * checkpoint is kept, and the tokens after it are decoded together with {@value #OVERLAP}
 * tokens before it, twice (with and without the new tokens); the difference is the new text.
 * The checkpoint moves forward once the tail is complete characters. When the two decodings
 * disagree on the overlap (byte-fallback tokens of an unfinished character regroup the bytes
 * before it), the step waits for the next tokens, and after {@value #PENDING_LIMIT} such steps
 * the whole sequence is decoded once. What was handed out never changes: {@link #finish()}
 * decodes everything once and uses that text when it continues what was streamed (always, in
 * practice), else the streamed text; so the deltas always add up to {@link #text()}.
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
    /** Tokens decoded before the checkpoint, so that merges across it are seen. */
    static final int OVERLAP = 8;
    /** Steps the overlap may disagree before the whole sequence is decoded. */
    static final int PENDING_LIMIT = 16;

    private final Function<int[], String> decoder;
    private final int[] context;
    private final String contextText;
    private final List<String> stopWords;
    private final List<String> holdPatterns;
    private final int longestStop;
    private final List<Integer> ids = new ArrayList<>();
    /** The decoded text of {@link #ids} so far: {@code text[0..committed)} is the text of the ids before {@link #checkpoint}. */
    private final StringBuilder text = new StringBuilder();
    /** What was handed out; append-only. */
    private final StringBuilder out = new StringBuilder();
    private int committed;
    private int checkpoint;
    private int pending;
    private int searchedUpTo;
    private String finalText;
    private boolean stopWordSeen;
    private int fullDecodes;

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
     * Appends {@code id}, decodes the tail, and returns the newly stable text ({@code ""} if
     * none). When a stop word appears, the text is cut before it, {@link #stopped()} becomes true
     * and the rest up to the cut is returned.
     */
    public String append(int id) {
        ids.add(id);
        decodeTail();
        if (!stopWords.isEmpty()) {
            int from = Math.max(0, searchedUpTo - longestStop + 1);
            int cut = -1;
            for (String stop : stopWords) {
                int at = text.indexOf(stop, from);
                if (at >= 0 && (cut < 0 || at < cut)) {
                    cut = at;
                }
            }
            if (cut >= 0) {
                stopWordSeen = true;
                String delta = take(cut);
                finalText = out.toString();
                return delta;
            }
        }
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == REPLACEMENT) {
            end--;
        }
        searchedUpTo = end;
        return take(end - heldBack(end));
    }

    /** Whether a stop word ended the sequence. */
    public boolean stopped() {
        return stopWordSeen;
    }

    /** Ends the sequence and returns the text not yet handed out. */
    public String finish() {
        if (finalText == null) {
            String full = decodeAll();
            String streamed = out.toString();
            if (full.startsWith(streamed)) {
                finalText = full;
            } else {
                // a decoding that contradicts what was streamed (invalid bytes): what was streamed stays
                finalText = streamed + (agreesWithOut(0) ? text.substring(streamed.length()) : "");
            }
        }
        String delta = finalText.length() > out.length() ? finalText.substring(out.length()) : "";
        out.append(delta);
        return delta;
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

    /** How often a step had to decode the whole sequence (for tests: stays small). */
    int fullDecodes() {
        return fullDecodes;
    }

    /** Brings {@link #text} up to date with {@link #ids}, decoding only the tokens after the checkpoint. */
    private void decodeTail() {
        int c = context.length;
        int k = c + checkpoint;
        int n = c + ids.size();
        int w = Math.max(0, k - OVERLAP);
        String head = decode(w, k);
        if (head.isEmpty() && w > 0) {
            w = 0; // the overlap decodes to nothing (special tokens): leading-space rules need real text before
            head = decode(0, k);
        }
        String whole = decode(w, n);
        if (whole.startsWith(head)) {
            pending = 0;
            text.setLength(committed);
            text.append(whole, head.length(), whole.length());
        } else if (++pending <= PENDING_LIMIT) {
            return; // e.g. an unfinished byte-fallback character regrouped the bytes before it: wait
        } else {
            fullDecodes++;
            pending = 0;
            text.setLength(0);
            text.append(decodeAll());
            committed = 0;
            checkpoint = 0;
        }
        int end = text.length();
        // move the checkpoint where the text is complete characters that no clean-up can still change
        if (end > 0 && text.charAt(end - 1) != REPLACEMENT && heldBack(end) == 0
                && ids.size() - checkpoint >= OVERLAP) {
            checkpoint = ids.size();
            committed = end;
        }
    }

    /** Decodes {@code context ++ ids} from {@code from} to {@code to}. */
    private String decode(int from, int to) {
        int[] all = new int[to - from];
        for (int i = from; i < to; i++) {
            all[i - from] = i < context.length ? context[i] : ids.get(i - context.length);
        }
        return all.length == 0 ? "" : decoder.apply(all);
    }

    private String decodeAll() {
        String full = decode(0, context.length + ids.size());
        return full.substring(Math.min(contextText.length(), full.length()));
    }

    /** Length of the longest tail of {@code text[0..end)} that is a proper prefix of a hold pattern. */
    private int heldBack(int end) {
        int held = 0;
        for (String p : holdPatterns) {
            for (int len = Math.min(p.length() - 1, end); len > held; len--) {
                if (regionEquals(end - len, p, len)) {
                    held = len;
                    break;
                }
            }
        }
        return held;
    }

    private boolean regionEquals(int at, String p, int len) {
        for (int i = 0; i < len; i++) {
            if (text.charAt(at + i) != p.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Hands out {@code text[handed out..upTo)}, provided the text still starts with what was handed out. */
    private String take(int upTo) {
        int o = out.length();
        if (upTo <= o || !agreesWithOut(Math.min(committed, o))) {
            return "";
        }
        String delta = text.substring(o, upTo);
        out.append(delta);
        return delta;
    }

    /** Whether {@code text} continues {@link #out}, comparing from {@code from} (before it they are known equal). */
    private boolean agreesWithOut(int from) {
        if (text.length() < out.length()) {
            return false;
        }
        for (int i = from; i < out.length(); i++) {
            if (text.charAt(i) != out.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
