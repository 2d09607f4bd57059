package dev.hayloft.hf.local.internal.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.hf.local.internal.config.GenerationDefaults;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenChooserTest {
    private static final float[] LOGITS = {1.0f, 3.0f, 2.0f, 3.0f, -1.0f, 0.5f};

    private static TokenChooser chooser(GenerationParams.Builder b) {
        return new TokenChooser(ResolvedParams.resolve(b.build(), GenerationDefaults.none(), Set.of(), 1));
    }

    private static int[] histogram(TokenChooser c, float[] logits, int draws) {
        int[] counts = new int[logits.length];
        for (int i = 0; i < draws; i++) {
            counts[c.choose(logits, new boolean[0])]++;
        }
        return counts;
    }

    @Test
    void greedyTakesTheFirstMaximum() {
        assertEquals(1, TokenChooser.argmax(LOGITS));
        assertEquals(1, chooser(GenerationParams.builder().doSample(false)).choose(LOGITS, new boolean[6]));
    }

    @Test
    void repetitionPenaltyDividesPositiveAndMultipliesNegativeLogits() {
        boolean[] seen = new boolean[6];
        seen[1] = true;
        seen[3] = true;
        // 3.0 / 2 = 1.5 < 2.0: token 2 wins
        assertEquals(2, chooser(GenerationParams.builder().doSample(false).repetitionPenalty(2.0)).choose(LOGITS, seen));
        float[] negative = {-1.0f, -0.6f, -5f};
        boolean[] seenFirst = {false, true, false};
        // -0.6 * 2 = -1.2 < -1.0: token 0 wins
        assertEquals(0, chooser(GenerationParams.builder().doSample(false).repetitionPenalty(2.0))
                .choose(negative, seenFirst));
        assertEquals(LOGITS[1], 3.0f, "input logits are not modified");
    }

    @Test
    void topKOneAndTinyTopPAreGreedy() {
        TokenChooser k1 = chooser(GenerationParams.builder().doSample(true).topK(1).seed(1L));
        TokenChooser p = chooser(GenerationParams.builder().doSample(true).topK(0).topP(0.01).seed(1L));
        float[] logits = {1.0f, 3.0f, 2.0f, 2.5f};
        for (int i = 0; i < 200; i++) {
            assertEquals(1, k1.choose(logits, new boolean[0]));
            assertEquals(1, p.choose(logits, new boolean[0]));
        }
    }

    @Test
    void topKKeepsTiesAtTheKthValue() {
        // top_k=1 with two maxima keeps both (transformers: remove scores < k-th value)
        int[] counts = histogram(chooser(GenerationParams.builder().doSample(true).topK(1).seed(3L)), LOGITS, 2000);
        assertEquals(2000, counts[1] + counts[3]);
        assertTrue(counts[1] > 800 && counts[3] > 800, java.util.Arrays.toString(counts));
    }

    @Test
    void samplingFollowsTheSoftmaxDistribution() {
        float[] logits = {0f, (float) Math.log(3)}; // p = 0.25 / 0.75
        int[] counts = histogram(chooser(GenerationParams.builder().doSample(true).topK(0).seed(11L)), logits, 20000);
        assertEquals(0.25, counts[0] / 20000.0, 0.015);
        // temperature 0.5 squares the odds: 1:9
        counts = histogram(chooser(GenerationParams.builder().doSample(true).topK(0).temperature(0.5).seed(11L)),
                logits, 20000);
        assertEquals(0.1, counts[0] / 20000.0, 0.01);
    }

    @Test
    void topPKeepsTheSmallestNucleusReachingP() {
        // probabilities 0.5, 0.3, 0.2: top_p 0.7 keeps {0.5, 0.3}; 0.5 alone keeps only the first
        float[] logits = {(float) Math.log(0.5), (float) Math.log(0.3), (float) Math.log(0.2)};
        int[] counts = histogram(chooser(GenerationParams.builder().doSample(true).topK(0).topP(0.7).seed(5L)),
                logits, 20000);
        assertEquals(0, counts[2]);
        assertEquals(0.625, counts[0] / 20000.0, 0.015);
        counts = histogram(chooser(GenerationParams.builder().doSample(true).topK(0).topP(0.5).seed(5L)), logits, 500);
        assertEquals(500, counts[0]);
    }

    @Test
    void aSeedReproducesTheDraws() {
        float[] logits = new float[1000];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) Math.sin(i);
        }
        int[] a = histogram(chooser(GenerationParams.builder().doSample(true).seed(42L)), logits, 300);
        int[] b = histogram(chooser(GenerationParams.builder().doSample(true).seed(42L)), logits, 300);
        int[] c = histogram(chooser(GenerationParams.builder().doSample(true).seed(43L)), logits, 300);
        assertEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b));
        assertTrue(!java.util.Arrays.equals(a, c));
        // default top_k of 50 applies: only the 50 largest logits are ever drawn
        int used = 0;
        for (int v : a) {
            used += v > 0 ? 1 : 0;
        }
        assertTrue(used <= 50, "drew " + used + " distinct tokens");
    }

    @Test
    void resolutionPrefersRequestThenGenerationConfigThenTransformersDefaults() {
        GenerationDefaults d = new GenerationDefaults(true, 0.7, null, 0.9, null, 100, null, null, java.util.List.of(),
                null);
        ResolvedParams r = ResolvedParams.resolve(GenerationParams.builder().topP(0.5).build(), d, Set.of(2), 10);
        assertTrue(r.doSample());
        assertEquals(0.7, r.temperature());
        assertEquals(50, r.topK());
        assertEquals(0.5, r.topP());
        assertEquals(1.0, r.repetitionPenalty());
        assertEquals(90, r.maxNewTokens()); // max_length 100 - 10 prompt tokens
        assertEquals(1, r.numReturnSequences());
        assertEquals(Set.of(2), r.eosTokenIds());
        assertEquals(20 - 3, ResolvedParams.resolve(GenerationParams.defaults(), GenerationDefaults.none(), Set.of(), 3)
                .maxNewTokens());
        GenerationDefaults bad = new GenerationDefaults(true, 0.7, null, 1.5, null, null, null, null,
                java.util.List.of(), null);
        dev.hayloft.core.errors.InvalidRequestException e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.hayloft.core.errors.InvalidRequestException.class,
                () -> ResolvedParams.resolve(GenerationParams.defaults(), bad, Set.of(), 1));
        assertTrue(e.getMessage().contains("top_p"), e.getMessage());
    }
}
