package dev.hayloft.hf.local.internal.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.hf.local.internal.generation.TokenChooser;
import dev.hayloft.hf.local.internal.testutil.Fixtures;
import org.junit.jupiter.api.Test;

/** KV-cache decoding against full recomputation, batching, and native-memory hygiene. */
class KvCacheConsistencyTest {
    private static final int[] PROMPT = {1, 403, 407, 261, 378};

    @Test
    void kvCacheLogitsMatchFullRecomputationForTwoHundredSteps() {
        CausalLM lm = Fixtures.causalLm(Fixtures.STORIES);
        int steps = 200;
        double worst = 0;
        try (InferenceSession cached = lm.newSession(PROMPT.length + steps, true);
             InferenceSession full = lm.newSession(PROMPT.length + steps, false)) {
            float[] a = cached.forward(new int[][] {PROMPT})[0];
            float[] b = full.forward(new int[][] {PROMPT})[0];
            for (int step = 0; step < steps; step++) {
                for (int i = 0; i < a.length; i++) {
                    double d = Math.abs(a[i] - b[i]);
                    worst = Math.max(worst, d);
                    if (d > 1e-4) {
                        throw new AssertionError("step " + step + " logit " + i + ": cached " + a[i] + " vs full " + b[i]);
                    }
                }
                int next = TokenChooser.argmax(a);
                assertEquals(next, TokenChooser.argmax(b), "step " + step);
                a = cached.forward(new int[][] {{next}})[0];
                b = full.forward(new int[][] {{next}})[0];
            }
            assertEquals(PROMPT.length + steps, cached.length());
        }
        assertTrue(worst < 1e-4, "worst difference " + worst);
    }

    @Test
    void feedingThePromptInChunksEqualsOneForwardPass() {
        CausalLM lm = Fixtures.causalLm(Fixtures.STORIES);
        try (InferenceSession whole = lm.newSession(16, true); InferenceSession chunked = lm.newSession(16, true)) {
            float[] a = whole.forward(new int[][] {PROMPT})[0];
            chunked.forward(new int[][] {{1, 403}});
            float[] b = chunked.forward(new int[][] {{407, 261, 378}})[0];
            assertArrayEquals(a, b, 1e-4f);
        }
    }

    @Test
    void batchedRowsMatchSingleRowSessionsAfterExpandAndKeepRows() {
        CausalLM lm = Fixtures.causalLm(Fixtures.STORIES);
        int[][] continuations = {{432, 383, 286}, {298, 315, 421}, {13, 438, 310}};
        float[][] single = new float[3][];
        for (int r = 0; r < 3; r++) {
            try (InferenceSession s = lm.newSession(16, true)) {
                s.forward(new int[][] {PROMPT});
                float[] last = null;
                for (int t : continuations[r]) {
                    last = s.forward(new int[][] {{t}})[0];
                }
                single[r] = last;
            }
        }
        for (boolean cache : new boolean[] {true, false}) {
            try (InferenceSession s = lm.newSession(16, cache)) {
                s.forward(new int[][] {PROMPT});
                s.expand(3);
                assertEquals(3, s.batchSize());
                s.forward(new int[][] {{continuations[0][0]}, {continuations[1][0]}, {continuations[2][0]}});
                s.keepRows(new int[] {0, 2}); // the middle row finished
                s.forward(new int[][] {{continuations[0][1]}, {continuations[2][1]}});
                float[][] out = s.forward(new int[][] {{continuations[0][2]}, {continuations[2][2]}});
                assertArrayEquals(single[0], out[0], 1e-4f, "row 0, cache=" + cache);
                assertArrayEquals(single[2], out[1], 1e-4f, "row 2, cache=" + cache);
            }
        }
    }

    @Test
    void requestsLeaveNoArraysBehindInTheWeightsManager() {
        DecoderModel lm = (DecoderModel) Fixtures.causalLm(Fixtures.STORIES);
        int before = lm.weights.getManagedArrays().size();
        try (InferenceSession s = lm.newSession(64, true)) {
            s.forward(new int[][] {PROMPT});
            s.expand(2);
            for (int i = 0; i < 20; i++) {
                s.forward(new int[][] {{261}, {262}});
            }
            s.keepRows(new int[] {1});
            // inside a session only its cache lives on: 2 arrays per layer
            assertEquals(before + 2 * lm.config().numLayers(), lm.weights.getManagedArrays().size());
        }
        assertEquals(before, lm.weights.getManagedArrays().size());
    }

    @Test
    void sessionRejectsMisuse() {
        CausalLM lm = Fixtures.causalLm(Fixtures.STORIES);
        try (InferenceSession s = lm.newSession(6, true)) {
            assertThrows(IllegalArgumentException.class, () -> s.forward(new int[][] {{1}, {2}}));
            assertThrows(IllegalArgumentException.class, () -> s.forward(new int[][] {{1, 9999}}));
            s.forward(new int[][] {PROMPT});
            s.forward(new int[][] {{5}});
            assertThrows(IllegalStateException.class, () -> s.forward(new int[][] {{5}}));
        }
        assertThrows(IllegalArgumentException.class, () -> lm.newSession(513, true));
    }
}
