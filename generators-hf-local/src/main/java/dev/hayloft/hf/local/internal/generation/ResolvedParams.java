package dev.hayloft.hf.local.internal.generation;

import dev.hayloft.hf.local.internal.config.GenerationDefaults;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The effective settings of one request: each field from the request's
 * {@link GenerationParams}, else the model's {@code generation_config.json}, else
 * transformers' default ({@code do_sample=false}, {@code temperature=1}, {@code top_k=50},
 * {@code top_p=1}, {@code repetition_penalty=1}, {@code max_length=20}).
 *
 * <pre>{@code
 * ResolvedParams r = ResolvedParams.resolve(params, defaults, Set.of(2, 1), promptIds.length);
 * }</pre>
 *
 * @param maxNewTokens tokens to generate at most
 * @param doSample sampling (true) or greedy (false)
 * @param temperature logits divisor when sampling
 * @param topK top-k filter when sampling (0 = off)
 * @param topP nucleus filter when sampling (1 = off)
 * @param repetitionPenalty CTRL-style penalty on already present tokens (1 = off)
 * @param numReturnSequences sequences to return
 * @param seed seed of the request's random generator
 * @param stopWords stop strings
 * @param truncatePrompt whether an over-long prompt is cut from the left
 * @param eosTokenIds ids that end a sequence
 */
public record ResolvedParams(int maxNewTokens, boolean doSample, double temperature, int topK, double topP,
                             double repetitionPenalty, int numReturnSequences, long seed, List<String> stopWords,
                             boolean truncatePrompt, Set<Integer> eosTokenIds) {

    public ResolvedParams {
        stopWords = List.copyOf(stopWords);
        eosTokenIds = Set.copyOf(eosTokenIds);
    }

    /**
     * Resolves {@code p} against the model defaults for a prompt of {@code promptLength}
     * tokens; fails with an {@code InvalidRequestException} for inconsistent settings.
     */
    public static ResolvedParams resolve(GenerationParams p, GenerationDefaults d, Set<Integer> eosTokenIds,
                                         int promptLength) {
        int maxNew;
        if (p.maxNewTokens() != null) {
            maxNew = p.maxNewTokens();
        } else if (d.maxNewTokens() != null) {
            maxNew = d.maxNewTokens();
        } else {
            int maxLength = d.maxLength() != null ? d.maxLength() : 20;
            maxNew = Math.max(1, maxLength - promptLength);
        }
        boolean sample = first(p.doSample(), d.doSample(), false);
        // Re-validate the merged values: generation_config.json may hold out-of-range values too.
        GenerationParams merged = new GenerationParams(maxNew, sample,
                first(p.temperature(), d.temperature(), 1.0),
                first(p.topK(), d.topK(), 50),
                first(p.topP(), d.topP(), 1.0),
                first(p.repetitionPenalty(), d.repetitionPenalty(), 1.0),
                first(p.numReturnSequences(), null, 1),
                p.seed(), p.stopWords(), p.truncatePrompt());
        if (sample && merged.temperature() == 0.0) {
            throw GenerationParams.invalid("temperature must be > 0 when do_sample is true, got 0.0"
                    + " (use do_sample=false for greedy decoding)");
        }
        if (!sample && merged.numReturnSequences() > 1) {
            throw GenerationParams.invalid("num_return_sequences=" + merged.numReturnSequences()
                    + " requires do_sample=true (greedy decoding would return identical sequences)");
        }
        long seed = p.seed() != null ? p.seed() : new SplittableRandom().nextLong();
        return new ResolvedParams(maxNew, sample, merged.temperature(), merged.topK(), merged.topP(),
                merged.repetitionPenalty(), merged.numReturnSequences(), seed, merged.stopWords(),
                Boolean.TRUE.equals(p.truncatePrompt()), eosTokenIds);
    }

    private static <T> T first(T a, T b, T fallback) {
        return a != null ? a : b != null ? b : fallback;
    }
}
