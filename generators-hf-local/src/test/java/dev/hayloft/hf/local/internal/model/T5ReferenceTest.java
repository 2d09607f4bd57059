package dev.hayloft.hf.local.internal.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hayloft.hf.local.internal.generation.TokenChooser;
import dev.hayloft.hf.local.internal.testutil.Fixtures;
import dev.hayloft.hf.local.internal.testutil.Qwen3Fixture;
import dev.hayloft.hf.local.internal.testutil.T5Fixture;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reproduces reference.json of the tiny random T5 fixtures (t5 v1.0 style: ReLU, tied
 * embeddings with the d_model^-0.5 rescale; flan-T5 style: gated-gelu, separate lm_head, more
 * decoder than encoder blocks, heads * d_kv != d_model), written by an independent float64
 * numpy forward pass: decoder logits at the first steps and the greedy continuation with its
 * per-step winning logit, with and without the decoder KV cache.
 */
class T5ReferenceTest {

    @ParameterizedTest
    @MethodSource("fixtures")
    void generatedWeightsAreTheOnesTheReferenceWasComputedOn(String model) {
        JsonNode weights = T5Fixture.weights(model);
        assertEquals(weights.get("sha256_f32_le").asText(), Qwen3Fixture.weightsSha256(T5Fixture.tensors(weights)));
    }

    static Stream<String> fixtures() {
        return Stream.of(Fixtures.T5, Fixtures.FLAN_T5);
    }


    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String model : List.of(Fixtures.T5, Fixtures.FLAN_T5)) {
            for (JsonNode c : Fixtures.resourceJson(model, "reference.json").get("cases")) {
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
        JsonNode ref = Fixtures.resourceJson(model, "reference.json");
        JsonNode c = null;
        for (JsonNode x : ref.get("cases")) {
            if (x.get("name").asText().equals(caseName)) {
                c = x;
            }
        }
        JsonNode tol = ref.get("suggested_tolerances");
        double abs = tol.get("logits_abs").asDouble();
        int[] encoderIds = Fixtures.ints(c.get("input_ids"));
        int[] expected = Fixtures.ints(c.get("greedy").get("new_ids"));
        double[] stepLogit = Fixtures.doubles(c.get("greedy").get("step_argmax_logit"));
        Seq2SeqLM lm = Fixtures.seq2seq(model);
        assertEquals(0, lm.decoderStartTokenId());
        try (InferenceSession s = lm.newSession(encoderIds, expected.length, kvCache)) {
            float[] logits = s.forward(new int[][] {{lm.decoderStartTokenId()}})[0];
            int[] generated = new int[expected.length];
            for (int step = 0; step < expected.length; step++) {
                if (step < c.get("decoder_steps").size()) {
                    checkSummary(c.get("decoder_steps").get(step), logits, abs, tol, step);
                }
                int best = TokenChooser.argmax(logits);
                generated[step] = best;
                assertEquals(stepLogit[step], logits[best], abs, "winning logit at step " + step);
                if (step + 1 < expected.length) {
                    logits = s.forward(new int[][] {{best}})[0];
                }
            }
            assertArrayEquals(expected, generated);
            assertEquals(expected.length, s.length());
        }
    }

    private static void checkSummary(JsonNode ref, float[] logits, double abs, JsonNode tol, int step) {
        double[] first16 = Fixtures.doubles(ref.get("first16"));
        for (int i = 0; i < 16; i++) {
            assertEquals(first16[i], logits[i], abs, "step " + step + " logits[" + i + "]");
        }
        assertEquals(ref.get("argmax").asInt(), TokenChooser.argmax(logits), "step " + step + " argmax");
        for (JsonNode top : ref.get("top5")) {
            assertEquals(top.get(1).asDouble(), logits[top.get(0).asInt()], abs, "step " + step + " top5 " + top.get(0));
        }
        double sum = 0;
        double sumSq = 0;
        for (float v : logits) {
            sum += v;
            sumSq += (double) v * v;
        }
        assertEquals(ref.get("sum").asDouble(), sum, tol.get("sum_abs").asDouble(), "step " + step + " sum");
        double sq = ref.get("sum_sq").asDouble();
        assertEquals(sq, sumSq, sq * tol.get("sum_sq_rel").asDouble(), "step " + step + " sum of squares");
    }

    @Test
    void batchedRowsAfterExpandMatchTheSingleRow() {
        JsonNode c = Fixtures.resourceJson(Fixtures.FLAN_T5, "reference.json").get("cases").get(0);
        int[] expected = Fixtures.ints(c.get("greedy").get("new_ids"));
        Seq2SeqLM lm = Fixtures.seq2seq(Fixtures.FLAN_T5);
        try (InferenceSession s = lm.newSession(Fixtures.ints(c.get("input_ids")), 4, true)) {
            s.forward(new int[][] {{0}});
            s.expand(3);
            float[][] rows = s.forward(new int[][] {{expected[0]}, {expected[0]}, {5}});
            assertEquals(expected[1], TokenChooser.argmax(rows[0]));
            assertArrayEquals(rows[0], rows[1]);
            s.keepRows(new int[] {1});
            float[] next = s.forward(new int[][] {{expected[1]}})[0];
            assertEquals(expected[2], TokenChooser.argmax(next));
        }
    }

    @Test
    void rejectsOutOfVocabularyIdsAndOverflow() {
        Seq2SeqLM lm = Fixtures.seq2seq(Fixtures.T5);
        assertThrows(IllegalArgumentException.class, () -> lm.newSession(new int[] {lm.config().vocabSize()}, 2, true));
        try (InferenceSession s = lm.newSession(new int[] {5, 1}, 1, true)) {
            s.forward(new int[][] {{0}});
            assertThrows(IllegalStateException.class, () -> s.forward(new int[][] {{4}}));
        }
    }

    @Test
    void relativePositionBucketsFollowTransformers() {
        int[] rel = {-300, -128, -100, -64, -33, -32, -31, -17, -16, -15, -9, -8, -7, -1, 0, 1, 7, 8, 9, 15, 16,
            17, 31, 32, 33, 64, 100, 128, 300};
        int[] bidirectional = {15, 15, 15, 14, 12, 12, 11, 10, 10, 9, 8, 8, 7, 1, 0, 17, 23, 24, 24, 25, 26, 26, 27,
            28, 28, 30, 31, 31, 31};
        int[] causal = {31, 31, 30, 26, 21, 21, 21, 16, 16, 15, 9, 8, 7, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        for (int i = 0; i < rel.length; i++) {
            assertEquals(bidirectional[i], RelativePositionBias.bucket(rel[i], true, 32, 128), "bidirectional " + rel[i]);
            assertEquals(causal[i], RelativePositionBias.bucket(rel[i], false, 32, 128), "causal " + rel[i]);
        }
    }
}
