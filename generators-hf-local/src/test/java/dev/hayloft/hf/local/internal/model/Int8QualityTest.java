package dev.hayloft.hf.local.internal.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hayloft.hf.local.internal.config.ConfigReader;
import dev.hayloft.hf.local.internal.generation.TokenChooser;
import dev.hayloft.hf.local.internal.testutil.Fixtures;
import dev.hayloft.hf.local.internal.weights.WeightPrecision;
import dev.hayloft.hf.local.internal.weights.WeightSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * INT8 weight-only mode against float32 on the shared fixtures: the mean absolute difference of
 * the last-position logits, relative to their spread, and the greedy continuation. The
 * tolerances are the ones documented in docs/hf-local.md (INT8 section).
 */
class Int8QualityTest {
    /** Mean |logit(int8) - logit(f32)| divided by the standard deviation of the f32 logits. */
    static final double MAX_RELATIVE_MEAN_ABS_DIFF = 0.05;
    /** Greedy tokens that must agree with float32's before the first divergence. */
    static final int GREEDY_TOKENS = 16;
    /** Share of steps where INT8's argmax equals float32's when both are fed float32's greedy tokens. */
    static final double MIN_FORCED_AGREEMENT = 0.85;

    private static CausalLM load(String model, WeightPrecision precision) {
        Path folder = Fixtures.folder(model);
        try (WeightSource w = WeightSource.open(folder)) {
            return Architectures.load(ConfigReader.read(folder), w, Device.cpu(), precision);
        }
    }

    private static List<int[]> prompts(String model) {
        List<int[]> out = new ArrayList<>();
        if (model.equals(Fixtures.STORIES)) {
            for (Iterator<Map.Entry<String, JsonNode>> it = Fixtures.json(model, "expected.json").get("encode").fields();
                 it.hasNext(); ) {
                out.add(Fixtures.ints(it.next().getValue()));
            }
        } else {
            for (JsonNode c : Fixtures.json(model, "reference.json").get("cases")) {
                out.add(Fixtures.ints(c.get("input_ids")));
            }
        }
        return out;
    }

    /** The argmax at each step of {@code lm} fed {@code forced} (teacher forcing). */
    private static int[] forcedArgmax(CausalLM lm, int[] prompt, int[] forced) {
        try (InferenceSession s = lm.newSession(prompt.length + forced.length, true)) {
            float[] logits = s.forward(new int[][] {prompt})[0];
            int[] out = new int[forced.length];
            for (int i = 0; i < forced.length; i++) {
                out[i] = TokenChooser.argmax(logits);
                if (i + 1 < forced.length) {
                    logits = s.forward(new int[][] {{forced[i]}})[0];
                }
            }
            return out;
        }
    }

    private static int[] greedy(CausalLM lm, int[] prompt, int n, List<float[]> firstLogits) {
        try (InferenceSession s = lm.newSession(prompt.length + n, true)) {
            float[] logits = s.forward(new int[][] {prompt})[0];
            firstLogits.add(logits);
            int[] out = new int[n];
            for (int i = 0; i < n; i++) {
                out[i] = TokenChooser.argmax(logits);
                if (i + 1 < n) {
                    logits = s.forward(new int[][] {{out[i]}})[0];
                }
            }
            return out;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.STORIES, Fixtures.QWEN2, Fixtures.GPT2})
    void int8StaysWithinTheDocumentedToleranceOfFloat32(String model) {
        CausalLM f32 = load(model, WeightPrecision.F32);
        CausalLM int8 = load(model, WeightPrecision.INT8);
        try {
            int agreeing = 0;
            int forcedAgreeing = 0;
            int total = 0;
            for (int[] prompt : prompts(model)) {
                List<float[]> a = new ArrayList<>();
                List<float[]> b = new ArrayList<>();
                int[] expected = greedy(f32, prompt, GREEDY_TOKENS, a);
                int[] actual = greedy(int8, prompt, GREEDY_TOKENS, b);
                float[] x = a.get(0);
                float[] y = b.get(0);
                assertEquals(x.length, y.length);
                double mean = 0;
                for (float v : x) {
                    mean += v;
                }
                mean /= x.length;
                double var = 0;
                double diff = 0;
                for (int i = 0; i < x.length; i++) {
                    var += (x[i] - mean) * (x[i] - mean);
                    diff += Math.abs(x[i] - y[i]);
                }
                double rel = (diff / x.length) / Math.sqrt(var / x.length);
                int prefix = 0;
                while (prefix < expected.length && expected[prefix] == actual[prefix]) {
                    prefix++;
                }
                int[] forced = forcedArgmax(int8, prompt, expected);
                int same = 0;
                for (int i = 0; i < expected.length; i++) {
                    same += forced[i] == expected[i] ? 1 : 0;
                }
                System.out.printf("INT8 %s prompt of %d tokens: mean |dlogit| %.5f (%.4f of the spread), greedy "
                        + "prefix %d/%d, teacher-forced argmax %d/%d%n", model, prompt.length, diff / x.length, rel,
                        prefix, expected.length, same, expected.length);
                assertTrue(rel < MAX_RELATIVE_MEAN_ABS_DIFF, model + ": relative logit difference " + rel);
                assertTrue(rel > 0, "INT8 ran, not float32");
                assertTrue(prefix >= 1, model + ": the first greedy token differs from float32's");
                agreeing += prefix;
                forcedAgreeing += same;
                total += expected.length;
            }
            System.out.printf("INT8 %s: greedy prefix %d/%d, teacher-forced argmax %d/%d%n", model, agreeing, total,
                    forcedAgreeing, total);
            assertTrue(forcedAgreeing >= MIN_FORCED_AGREEMENT * total, model + ": teacher-forced argmax agreement "
                    + forcedAgreeing + "/" + total);
        } finally {
            f32.close();
            int8.close();
        }
    }
}
