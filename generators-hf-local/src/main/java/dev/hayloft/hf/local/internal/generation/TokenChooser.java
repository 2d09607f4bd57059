package dev.hayloft.hf.local.internal.generation;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Picks the next token from a row of logits the way transformers' logits processors do, in
 * their order: repetition penalty, then (when sampling) temperature, top-k and top-p, then a
 * multinomial draw; greedy decoding takes the first maximal logit. One chooser serves one
 * request; its random generator is seeded from the request's seed, so a seed reproduces the
 * output. Not thread-safe.
 *
 * <pre>{@code
 * TokenChooser chooser = new TokenChooser(resolved);
 * int next = chooser.choose(logits, seenTokens);
 * }</pre>
 */
public final class TokenChooser {
    /** Logits further than this below the maximum have probability below e^-40: never sampled. */
    private static final float NEGLIGIBLE = 40f;

    private final ResolvedParams params;
    private final SplittableRandom random;

    public TokenChooser(ResolvedParams params) {
        this.params = params;
        this.random = new SplittableRandom(params.seed());
    }

    /**
     * The next token for {@code logits} (left unmodified); {@code seen[id]} marks the ids
     * already in the sequence (prompt included), used by the repetition penalty.
     */
    public int choose(float[] logits, boolean[] seen) {
        float[] scores = logits;
        if (params.repetitionPenalty() != 1.0) {
            scores = logits.clone();
            float penalty = (float) params.repetitionPenalty();
            for (int id = 0; id < scores.length && id < seen.length; id++) {
                if (seen[id]) {
                    scores[id] = scores[id] < 0 ? scores[id] * penalty : scores[id] / penalty;
                }
            }
        }
        if (!params.doSample()) {
            return argmax(scores);
        }
        return sample(scores);
    }

    /** Index of the first maximal value. */
    public static int argmax(float[] scores) {
        int best = 0;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] > scores[best]) {
                best = i;
            }
        }
        return best;
    }

    private int sample(float[] raw) {
        float temperature = (float) params.temperature();
        int vocab = raw.length;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : raw) {
            max = Math.max(max, v);
        }
        float maxScaled = max / temperature;
        // Candidates: finite, non-negligible logits, sorted by descending score.
        long[] packed = new long[vocab];
        int n = 0;
        for (int id = 0; id < vocab; id++) {
            float s = raw[id] / temperature;
            if (s > maxScaled - NEGLIGIBLE) {
                packed[n++] = ((long) sortableDescending(s) << 32) | id;
            }
        }
        if (n == 0) {
            return argmax(raw); // no finite logit: nothing to sample from
        }
        packed = Arrays.copyOf(packed, n);
        Arrays.sort(packed);
        int keep = n;
        int topK = params.topK();
        if (topK > 0 && topK < keep) {
            // transformers keeps every token whose score is >= the k-th largest (ties included)
            float kth = score(raw, packed[topK - 1], temperature);
            keep = topK;
            while (keep < n && score(raw, packed[keep], temperature) >= kth) {
                keep++;
            }
        }
        double[] probs = new double[keep];
        double total = 0;
        for (int i = 0; i < keep; i++) {
            probs[i] = Math.exp(score(raw, packed[i], temperature) - maxScaled);
            total += probs[i];
        }
        if (params.topP() < 1.0) {
            // keep the smallest prefix whose exclusive cumulative probability stays below top_p
            double cumulative = 0;
            int cut = keep;
            for (int i = 0; i < keep; i++) {
                if (i > 0 && cumulative >= params.topP()) {
                    cut = i;
                    break;
                }
                cumulative += probs[i] / total;
            }
            keep = cut;
            total = 0;
            for (int i = 0; i < keep; i++) {
                total += probs[i];
            }
        }
        double u = random.nextDouble() * total;
        for (int i = 0; i < keep; i++) {
            u -= probs[i];
            if (u < 0) {
                return (int) packed[i];
            }
        }
        return (int) packed[keep - 1];
    }

    private static float score(float[] raw, long packed, float temperature) {
        return raw[(int) packed] / temperature;
    }

    /** An int whose ascending order is the descending order of {@code f} (for finite floats). */
    private static int sortableDescending(float f) {
        int bits = Float.floatToIntBits(f);
        int ascending = bits >= 0 ? bits : bits ^ 0x7FFFFFFF;
        return ~ascending;
    }
}
