package dev.hayloft.hf.local.internal.generation;

import dev.hayloft.hf.local.internal.config.ModelConfig;
import dev.hayloft.hf.local.internal.model.CausalLM;
import dev.hayloft.hf.local.internal.model.InferenceSession;
import dev.hayloft.hf.local.internal.model.Seq2SeqLM;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The decoding loop of one request: one forward pass over the prompt, then one per step for
 * all unfinished sequences together (they share the prompt, so they stay aligned), choosing
 * tokens with a {@link TokenChooser}, ending each sequence on an EOS id, a stop word, or its
 * token budget, and streaming stable text to a {@link TokenStreamListener}.
 *
 * <p>For an encoder-decoder model ({@link Seq2SeqLM}) the prompt is the encoder input: the
 * encoder runs once, decoding starts from the decoder start token, the token budget is not
 * shared with the prompt (at most {@link #MAX_DECODER_TOKENS}), and the text is the decoder's
 * output only.
 *
 * <pre>{@code
 * GenerationLoop loop = new GenerationLoop(lm, ids -> tokenizer.decode(ids, true), cleanUp, true, 2048);
 * GenerationResult r = loop.run(promptIds, resolved, listener, false);
 * }</pre>
 */
public final class GenerationLoop {
    /** Prompt tokens decoded in front of the continuation (see {@link SequenceText}). */
    private static final int CONTEXT_TOKENS = 16;
    /** The prompt is fed in chunks of this many tokens, so that a request can stop between them. */
    static final int PREFILL_CHUNK = 512;
    /**
     * New tokens an encoder-decoder model generates at most per request, whatever
     * {@code max_new_tokens} says: its decoder cache is allocated up front for the budget.
     */
    public static final int MAX_DECODER_TOKENS = 4096;

    private final CausalLM lm;
    private final Seq2SeqLM seq2seq;
    private final ModelConfig config;
    private final Function<int[], String> decoder;
    private final boolean cleanUp;
    private final boolean useKvCache;
    private final int contextLength;
    private final int prefillChunk;

    /**
     * @param lm the model
     * @param decoder ids → text with special tokens skipped (and clean-up if configured)
     * @param cleanUp whether {@code decoder} applies transformers' space clean-up
     * @param useKvCache KV-cache decoding (true) or full recomputation at every step
     * @param contextLength the context window (at most the model's), in tokens
     */
    public GenerationLoop(CausalLM lm, Function<int[], String> decoder, boolean cleanUp, boolean useKvCache,
                          int contextLength) {
        this(lm, decoder, cleanUp, useKvCache, contextLength, PREFILL_CHUNK);
    }

    /** As above, feeding the prompt in chunks of {@code prefillChunk} tokens (for tests). */
    GenerationLoop(CausalLM lm, Function<int[], String> decoder, boolean cleanUp, boolean useKvCache,
                   int contextLength, int prefillChunk) {
        this(lm, null, lm.config(), decoder, cleanUp, useKvCache, contextLength, prefillChunk);
    }

    /**
     * The loop of an encoder-decoder model; {@code contextLength} is its nominal context, not a
     * limit on the encoder input.
     */
    public GenerationLoop(Seq2SeqLM seq2seq, Function<int[], String> decoder, boolean cleanUp, boolean useKvCache,
                          int contextLength) {
        this(null, seq2seq, seq2seq.config(), decoder, cleanUp, useKvCache, contextLength, PREFILL_CHUNK);
    }

    private GenerationLoop(CausalLM lm, Seq2SeqLM seq2seq, ModelConfig config, Function<int[], String> decoder,
                           boolean cleanUp, boolean useKvCache, int contextLength, int prefillChunk) {
        if (contextLength < 2 || contextLength > config.maxPositions()) {
            throw new IllegalArgumentException("contextLength must be in 2.." + config.maxPositions());
        }
        this.contextLength = contextLength;
        this.lm = lm;
        this.seq2seq = seq2seq;
        this.config = config;
        this.decoder = decoder;
        this.cleanUp = cleanUp;
        this.useKvCache = useKvCache;
        this.prefillChunk = prefillChunk;
    }

    /**
     * Generates from {@code prompt}, which must fit the context window with room for one new
     * token; {@code listener} may be {@code null}.
     */
    public GenerationResult run(int[] prompt, ResolvedParams p, TokenStreamListener listener, boolean truncated) {
        int window = contextLength;
        if (prompt.length == 0 || (seq2seq == null && prompt.length >= window)) {
            throw new IllegalArgumentException("prompt length " + prompt.length + " must be in 1.." + (window - 1));
        }
        int budget = Math.min(p.maxNewTokens(), seq2seq != null ? MAX_DECODER_TOKENS : window - prompt.length);
        // what the decoder is fed first: the prompt, or an encoder-decoder's start token
        int[] start = seq2seq != null ? new int[] {seq2seq.decoderStartTokenId()} : prompt;
        int n = p.numReturnSequences();
        boolean incremental = (listener != null && listener.wantsText()) || !p.stopWords().isEmpty();
        int[] context = contextTokens(start);
        SequenceText[] texts = new SequenceText[n];
        boolean[][] seen = new boolean[n][];
        for (int i = 0; i < n; i++) {
            texts[i] = new SequenceText(decoder, context, p.stopWords(), cleanUp);
            if (p.repetitionPenalty() != 1.0) {
                seen[i] = new boolean[config.vocabSize()];
                for (int id : start) {
                    seen[i][id] = true;
                }
            }
        }
        FinishReason[] reasons = new FinishReason[n];
        TokenChooser chooser = new TokenChooser(p);
        try (InferenceSession session = seq2seq != null ? seq2seq.newSession(prompt, 1 + budget, useKvCache)
                : lm.newSession(prompt.length + budget, useKvCache)) {
            float[][] logits = prefill(session, start, listener, prefillChunk);
            if (n > 1) {
                session.expand(n);
                float[] first = logits[0];
                logits = new float[n][];
                Arrays.fill(logits, first);
            }
            int[] active = new int[n];
            for (int i = 0; i < n; i++) {
                active[i] = i;
            }
            while (true) {
                int[] next = new int[active.length];
                int[] keep = new int[active.length];
                int kept = 0;
                for (int row = 0; row < active.length; row++) {
                    int seq = active[row];
                    int token = chooser.choose(logits[row], seen[seq] == null ? new boolean[0] : seen[seq]);
                    next[row] = token;
                    if (seen[seq] != null) {
                        seen[seq][token] = true;
                    }
                    SequenceText text = texts[seq];
                    if (incremental) {
                        emit(listener, seq, text.append(token));
                    } else {
                        text.appendSilently(token);
                    }
                    FinishReason reason = null;
                    if (p.eosTokenIds().contains(token) || text.stopped()) {
                        reason = FinishReason.STOP;
                    } else if (text.ids().size() >= budget) {
                        reason = FinishReason.LENGTH;
                    }
                    if (reason != null) {
                        reasons[seq] = reason;
                        emit(listener, seq, text.finish());
                        if (listener != null) {
                            listener.onFinish(seq, reason);
                        }
                    } else {
                        keep[kept++] = row;
                    }
                }
                if (kept == 0) {
                    break;
                }
                if (kept < active.length) {
                    session.keepRows(Arrays.copyOf(keep, kept));
                    int[] nowActive = new int[kept];
                    for (int i = 0; i < kept; i++) {
                        nowActive[i] = active[keep[i]];
                    }
                    active = nowActive;
                }
                int[][] feed = new int[kept][];
                for (int i = 0; i < kept; i++) {
                    feed[i] = new int[] {next[keep[i]]};
                }
                if (listener != null) {
                    listener.beforeStep();
                }
                logits = session.forward(feed);
            }
        }
        List<GeneratedSequence> out = new ArrayList<>(n);
        int completion = 0;
        for (int i = 0; i < n; i++) {
            out.add(new GeneratedSequence(i, texts[i].text(), texts[i].ids(), reasons[i]));
            completion += texts[i].ids().size();
        }
        return new GenerationResult(out, new Usage(prompt.length, completion), truncated);
    }

    /** Feeds the prompt in chunks of {@code chunk} tokens; returns the logits after its last token. */
    private static float[][] prefill(InferenceSession session, int[] prompt, TokenStreamListener listener, int chunk) {
        float[][] logits = null;
        for (int from = 0; from < prompt.length; from += chunk) {
            if (listener != null) {
                listener.beforeStep();
            }
            logits = session.forward(new int[][] {Arrays.copyOfRange(prompt, from,
                    Math.min(prompt.length, from + chunk))});
        }
        return logits;
    }

    /** The last prompt tokens used as decoding context, widened to the whole prompt if they decode to nothing. */
    private int[] contextTokens(int[] prompt) {
        int[] tail = Arrays.copyOfRange(prompt, Math.max(0, prompt.length - CONTEXT_TOKENS), prompt.length);
        if (tail.length < prompt.length && decoder.apply(tail).isEmpty()) {
            return prompt.clone();
        }
        return tail;
    }

    private static void emit(TokenStreamListener listener, int seq, String delta) {
        if (listener != null && !delta.isEmpty()) {
            listener.onText(seq, delta);
        }
    }
}
