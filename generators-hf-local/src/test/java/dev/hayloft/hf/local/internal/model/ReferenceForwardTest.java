package dev.hayloft.hf.local.internal.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hayloft.hf.local.internal.generation.TokenChooser;
import dev.hayloft.hf.local.internal.testutil.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reproduces reference.json of the tiny random Qwen2, GPT-2 and Qwen3 fixtures (an independent
 * float64 implementation of transformers' forward pass): last-position logits and the
 * greedy continuation (40 steps; 12 for Qwen3) with its per-step winning logit, with and without KV cache.
 */
class ReferenceForwardTest {

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String model : List.of(Fixtures.QWEN2, Fixtures.GPT2, Fixtures.QWEN3)) {
            JsonNode ref = Fixtures.json(model, "reference.json");
            for (JsonNode c : ref.get("cases")) {
                for (boolean cache : new boolean[] {true, false}) {
                    out.add(Arguments.of(model, c.get("name").asText(), cache));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} kvCache={2}")
    @MethodSource("cases")
    void reproducesReferenceLogitsAndGreedyContinuation(String model, String caseName, boolean kvCache) {
        JsonNode ref = Fixtures.json(model, "reference.json");
        JsonNode c = null;
        for (JsonNode x : ref.get("cases")) {
            if (x.get("name").asText().equals(caseName)) {
                c = x;
            }
        }
        double tol = ref.get("suggested_tolerances").get("logits_abs").asDouble();
        double sumTol = ref.get("suggested_tolerances").get("sum_abs").asDouble();
        double sumSqRel = ref.get("suggested_tolerances").get("sum_sq_rel").asDouble();
        int[] prompt = Fixtures.ints(c.get("input_ids"));
        JsonNode last = c.get("last_position_logits");
        JsonNode greedy = c.get("greedy");
        int[] expectedIds = Fixtures.ints(greedy.get("new_ids"));
        double[] expectedStepLogit = Fixtures.doubles(greedy.get("step_argmax_logit"));

        CausalLM lm = Fixtures.causalLm(model);
        try (InferenceSession s = lm.newSession(prompt.length + expectedIds.length, kvCache)) {
            float[] logits = s.forward(new int[][] {prompt})[0];
            assertEquals(last.get("vocab_size").asInt(), logits.length);
            double[] first16 = Fixtures.doubles(last.get("first16"));
            for (int i = 0; i < 16; i++) {
                assertEquals(first16[i], logits[i], tol, "first16[" + i + "]");
            }
            assertEquals(last.get("argmax").asInt(), TokenChooser.argmax(logits));
            assertEquals(last.get("max").asDouble(), logits[TokenChooser.argmax(logits)], tol);
            double sum = 0;
            double sumSq = 0;
            for (float v : logits) {
                sum += v;
                sumSq += (double) v * v;
            }
            assertEquals(last.get("sum").asDouble(), sum, sumTol, "sum of logits");
            double expectedSq = last.get("sum_sq").asDouble();
            assertEquals(expectedSq, sumSq, expectedSq * sumSqRel, "sum of squared logits");
            for (JsonNode top : last.get("top5")) {
                assertEquals(top.get(1).asDouble(), logits[top.get(0).asInt()], tol, "top5 id " + top.get(0));
            }

            int[] generated = new int[expectedIds.length];
            for (int step = 0; step < expectedIds.length; step++) {
                int best = TokenChooser.argmax(logits);
                generated[step] = best;
                assertEquals(expectedStepLogit[step], logits[best], tol, "winning logit at step " + step);
                if (step + 1 < expectedIds.length) {
                    logits = s.forward(new int[][] {{best}})[0];
                }
            }
            assertArrayEquals(expectedIds, generated);
            assertTrue(s.length() == prompt.length + expectedIds.length - 1);
        }
    }
}
