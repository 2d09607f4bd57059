package dev.hayloft.hf.local.internal.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hayloft.core.errors.ModelLoadException;
import dev.hayloft.hf.local.internal.config.ConfigReader;
import dev.hayloft.hf.local.internal.config.ModelConfig;
import dev.hayloft.hf.local.internal.generation.TokenChooser;
import dev.hayloft.hf.local.internal.runtime.LocalModel;
import dev.hayloft.hf.local.internal.testutil.Fixtures;
import dev.hayloft.hf.local.internal.testutil.Qwen3Fixture;
import dev.hayloft.hf.local.internal.testutil.SafetensorsWriter;
import dev.hayloft.hf.local.internal.weights.WeightSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Qwen3 specifics on the tiny random fixture: the regenerated weights are the ones
 * make_reference.py computed with, the config's own head_dim (32, not hidden/heads = 16), the
 * real tokenizer's ids, first-position logits, KV-cache decoding against full recomputation and
 * batched rows (the q/k norms broadcast over batch and heads), and the q/k norms being required. The logits and
 * greedy continuations of every case are checked by {@link ReferenceForwardTest} and
 * ReferenceGenerationTest, with and without the KV cache.
 */
class Qwen3ModelTest {
    @TempDir
    Path dir;

    private static JsonNode reference() {
        return Fixtures.json(Fixtures.QWEN3, "reference.json");
    }

    @Test
    void regeneratedWeightsAreThoseOfTheReference() {
        Path folder = Fixtures.folder(Fixtures.QWEN3);
        List<SafetensorsWriter.Tensor> tensors = Qwen3Fixture.tensors(Fixtures.json(Fixtures.QWEN3, "config.json"));
        assertEquals(reference().get("weights").get("sha256_f32_le").asText(), Qwen3Fixture.weightsSha256(tensors));
        try (WeightSource w = WeightSource.open(folder)) {
            assertEquals(reference().get("weights").get("tensors").size(), tensors.size());
            assertTrue(w.contains("model.layers.1.self_attn.k_norm.weight"));
            assertFalse(w.contains("lm_head.weight"), "tied: no lm_head");
        }
    }

    @Test
    void configKeepsItsOwnHeadDimAndHasNoBiases() throws Exception {
        ModelConfig c = ConfigReader.read(Fixtures.folder(Fixtures.QWEN3));
        assertEquals("qwen3", c.modelType());
        assertEquals(64, c.hiddenSize());
        assertEquals(32, c.headDim(), "head_dim from config.json, not hidden_size / heads");
        assertEquals(4, c.numHeads());
        assertEquals(2, c.numKvHeads());
        assertFalse(c.qkvBias());
        assertFalse(c.outputBias());
        assertTrue(c.tieWordEmbeddings());
        assertNull(c.slidingWindow());
        assertEquals(40960, c.maxPositions());

        String noHeadDim = Files.readString(Fixtures.folder(Fixtures.QWEN3).resolve("config.json"))
                .replace("\"head_dim\": 32,", "").replace("\"attention_bias\": false", "\"attention_bias\": true");
        Files.writeString(dir.resolve("config.json"), noHeadDim);
        ModelConfig defaults = ConfigReader.read(dir);
        assertEquals(128, defaults.headDim(), "Qwen3Config's default head_dim");
        assertTrue(defaults.qkvBias());
        assertTrue(defaults.outputBias(), "attention_bias also covers o_proj in Qwen3");

        Files.writeString(dir.resolve("config.json"), noHeadDim.replace("\"use_sliding_window\": false",
                "\"use_sliding_window\": true"));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ConfigReader.read(dir));
        assertTrue(e.getMessage().contains("use_sliding_window=true is not supported for qwen3"), e.getMessage());
    }

    @Test
    void realTokenizerGivesTheReferenceIds() {
        LocalModel m = Fixtures.model(Fixtures.QWEN3);
        for (JsonNode c : reference().get("cases")) {
            int[] ids = m.encode(c.get("prompt").asText(), false);
            assertArrayEquals(Fixtures.ints(c.get("input_ids")), ids, c.get("name").asText());
            assertEquals(c.get("prompt").asText(), m.decode(ids, false));
        }
    }

    @Test
    void firstPositionLogitsMatch() {
        double tol = reference().get("suggested_tolerances").get("logits_abs").asDouble();
        CausalLM lm = Fixtures.causalLm(Fixtures.QWEN3);
        for (JsonNode c : reference().get("cases")) {
            JsonNode first = c.get("first_position_logits");
            try (InferenceSession s = lm.newSession(4, true)) {
                float[] logits = s.forward(new int[][] {{c.get("input_ids").get(0).asInt()}})[0];
                double[] first16 = Fixtures.doubles(first.get("first16"));
                for (int i = 0; i < 16; i++) {
                    assertEquals(first16[i], logits[i], tol, c.get("name").asText() + " first16[" + i + "]");
                }
                assertEquals(first.get("argmax").asInt(), TokenChooser.argmax(logits));
                assertEquals(first.get("max").asDouble(), logits[TokenChooser.argmax(logits)], tol);
            }
        }
    }

    @Test
    void kvCacheMatchesFullRecomputationAndBatchedRowsMatchSingleOnes() {
        CausalLM lm = Fixtures.causalLm(Fixtures.QWEN3);
        int[] prompt = Fixtures.ints(reference().get("cases").get(0).get("input_ids"));
        int steps = 48;
        try (InferenceSession cached = lm.newSession(prompt.length + steps, true);
             InferenceSession full = lm.newSession(prompt.length + steps, false)) {
            float[] a = cached.forward(new int[][] {prompt})[0];
            float[] b = full.forward(new int[][] {prompt})[0];
            for (int step = 0; step < steps; step++) {
                assertArrayEquals(b, a, 1e-4f, "step " + step);
                int next = TokenChooser.argmax(a);
                a = cached.forward(new int[][] {{next}})[0];
                b = full.forward(new int[][] {{next}})[0];
            }
        }
        int[][] continuations = {{17, 42}, {151667, 271}};
        float[][] single = new float[2][];
        for (int r = 0; r < 2; r++) {
            try (InferenceSession s = lm.newSession(prompt.length + 2, true)) {
                s.forward(new int[][] {prompt});
                s.forward(new int[][] {{continuations[r][0]}});
                single[r] = s.forward(new int[][] {{continuations[r][1]}})[0];
            }
        }
        try (InferenceSession s = lm.newSession(prompt.length + 2, true)) {
            s.forward(new int[][] {prompt});
            s.expand(2);
            s.forward(new int[][] {{continuations[0][0]}, {continuations[1][0]}});
            float[][] out = s.forward(new int[][] {{continuations[0][1]}, {continuations[1][1]}});
            assertArrayEquals(single[0], out[0], 1e-4f);
            assertArrayEquals(single[1], out[1], 1e-4f);
        }
    }

    @Test
    void missingQkNormIsALoadError() {
        Path folder = Fixtures.folder(Fixtures.QWEN3);
        SafetensorsWriter.copyModelFilesExceptWeights(folder, dir);
        List<SafetensorsWriter.Tensor> kept = SafetensorsWriter.readF32(folder.resolve("model.safetensors")).values()
                .stream().filter(t -> !t.name().equals("model.layers.1.self_attn.q_norm.weight"))
                .collect(Collectors.toList());
        SafetensorsWriter.write(dir.resolve("model.safetensors"), kept);
        try (WeightSource w = WeightSource.open(dir)) {
            ModelLoadException e = assertThrows(ModelLoadException.class,
                    () -> Architectures.load(ConfigReader.read(dir), w, Device.cpu()).close());
            assertTrue(e.getMessage().contains("model.layers.1.self_attn.q_norm.weight"), e.getMessage());
        }
    }
}
