package dev.hayloft.hf.local.internal.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.hf.local.internal.config.ConfigReader;
import dev.hayloft.hf.local.internal.config.ModelConfig;
import dev.hayloft.hf.local.internal.config.RopeScaling;
import dev.hayloft.hf.local.internal.generation.GenerationParams;
import dev.hayloft.hf.local.internal.runtime.LoadOptions;
import dev.hayloft.hf.local.internal.runtime.LocalModel;
import dev.hayloft.hf.local.internal.testutil.Fixtures;
import dev.hayloft.hf.local.internal.testutil.SafetensorsWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotaryEmbeddingTest {

    private static ModelConfig llama(double theta, int headDim, RopeScaling scaling) {
        return new ModelConfig("llama", 16, headDim * 2, 1, 2, 2, headDim, 16, 131072, 1e-5, theta, scaling,
                false, false, false, false, "silu", null, false, true, null, List.of());
    }

    @Test
    void defaultInverseFrequencies() {
        float[] inv = new RotaryEmbedding(llama(10000, 8, null)).inverseFrequencies();
        assertEquals(4, inv.length);
        for (int i = 0; i < 4; i++) {
            assertEquals(1.0 / Math.pow(10000, 2.0 * i / 8), inv[i], 1e-7);
        }
    }

    @Test
    void llama3ScalingMatchesTransformersFormula() {
        RopeScaling s = new RopeScaling("llama3", 32.0, 1.0, 4.0, 8192);
        float[] inv = new RotaryEmbedding(llama(500000, 64, s)).inverseFrequencies();
        int unchanged = 0;
        int divided = 0;
        int smoothed = 0;
        for (int i = 0; i < 32; i++) {
            double base = 1.0 / Math.pow(500000, 2.0 * i / 64);
            double wavelen = 2 * Math.PI / base;
            double expected;
            if (wavelen < 8192 / 4.0) {
                expected = base;
                unchanged++;
            } else if (wavelen > 8192 / 1.0) {
                expected = base / 32;
                divided++;
            } else {
                double smooth = (8192 / wavelen - 1.0) / (4.0 - 1.0);
                expected = (1 - smooth) * base / 32 + smooth * base;
                smoothed++;
            }
            assertEquals(expected, inv[i], expected * 2e-6, "inv_freq[" + i + "]");
        }
        assertTrue(unchanged > 0 && divided > 0 && smoothed > 0, unchanged + "/" + smoothed + "/" + divided);
    }

    @Test
    void linearScalingDividesEveryFrequency() {
        float[] plain = new RotaryEmbedding(llama(10000, 8, null)).inverseFrequencies();
        float[] scaled = new RotaryEmbedding(llama(10000, 8, new RopeScaling("linear", 4.0, 1, 1, 0)))
                .inverseFrequencies();
        for (int i = 0; i < plain.length; i++) {
            assertEquals(plain[i] / 4, scaled[i], 1e-9);
        }
    }

    @Test
    void ropeScalingInConfigChangesTheModelsOutput(@TempDir Path dir) throws Exception {
        Path source = Fixtures.folder(Fixtures.STORIES);
        SafetensorsWriter.copyModelFilesExceptWeights(source, dir);
        Files.copy(source.resolve("model.safetensors"), dir.resolve("model.safetensors"));
        Path config = dir.resolve("config.json");
        Files.writeString(config, Files.readString(config).replace("\"rope_scaling\": null",
                "\"rope_scaling\": {\"rope_type\": \"llama3\", \"factor\": 8.0, \"low_freq_factor\": 1.0,"
                        + " \"high_freq_factor\": 4.0, \"original_max_position_embeddings\": 64}"));
        assertEquals("llama3", ConfigReader.read(dir).ropeScaling().type());
        int[] prompt = {1, 403, 407, 261, 378, 432, 383, 286, 261, 376, 298, 315};
        float[] plain = Fixtures.model(Fixtures.STORIES).lastPositionLogits(prompt);
        try (LocalModel scaled = LocalModel.load(dir, LoadOptions.defaults())) {
            float[] logits = scaled.lastPositionLogits(prompt);
            double diff = 0;
            for (int i = 0; i < logits.length; i++) {
                diff = Math.max(diff, Math.abs(logits[i] - plain[i]));
            }
            assertTrue(diff > 1e-3, "rope scaling had no effect: " + diff);
            // the first position is rotation-free, so scaling cannot change it
            float[] first = scaled.lastPositionLogits(new int[] {1});
            float[] firstPlain = Fixtures.model(Fixtures.STORIES).lastPositionLogits(new int[] {1});
            for (int i = 0; i < first.length; i++) {
                assertEquals(firstPlain[i], first[i], 1e-5);
            }
            scaled.generate(prompt, GenerationParams.builder().doSample(false).maxNewTokens(3).build(), null);
        }
    }
}
