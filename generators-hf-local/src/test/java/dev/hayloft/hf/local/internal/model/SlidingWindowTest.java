package dev.hayloft.hf.local.internal.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.hayloft.hf.local.internal.config.ConfigReader;
import dev.hayloft.hf.local.internal.config.ModelConfig;
import dev.hayloft.hf.local.internal.generation.TokenChooser;
import dev.hayloft.hf.local.internal.testutil.Fixtures;
import dev.hayloft.hf.local.internal.testutil.SafetensorsWriter;
import dev.hayloft.hf.local.internal.weights.WeightSource;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mistral's sliding-window attention, run on the stories260K weights re-labelled as mistral. */
class SlidingWindowTest {

    @Test
    void windowedAttentionAgreesBetweenCacheAndRecomputationAndDiffersFromFullAttention(@TempDir Path dir)
            throws Exception {
        Path source = Fixtures.folder(Fixtures.STORIES);
        SafetensorsWriter.copyModelFilesExceptWeights(source, dir);
        Files.copy(source.resolve("model.safetensors"), dir.resolve("model.safetensors"));
        Path config = dir.resolve("config.json");
        Files.writeString(config, Files.readString(config)
                .replace("\"model_type\": \"llama\"", "\"model_type\": \"mistral\", \"sliding_window\": 6"));
        ModelConfig c = ConfigReader.read(dir);
        assertEquals(6, c.slidingWindow());
        int[] prompt = {1, 403, 407, 261, 378};
        CausalLM full = Fixtures.causalLm(Fixtures.STORIES);
        try (WeightSource w = WeightSource.open(dir); CausalLM windowed = Architectures.load(c, w, Device.cpu());
             InferenceSession cached = windowed.newSession(40, true);
             InferenceSession recomputed = windowed.newSession(40, false);
             InferenceSession plain = full.newSession(40, true)) {
            float[] a = cached.forward(new int[][] {prompt})[0];
            float[] b = recomputed.forward(new int[][] {prompt})[0];
            float[] p = plain.forward(new int[][] {prompt})[0];
            // five tokens fit in a window of six: identical to full attention
            assertArrayEquals(p, a, 1e-5f);
            double divergence = 0;
            for (int step = 0; step < 30; step++) {
                assertArrayEquals(b, a, 1e-4f, "step " + step);
                for (int i = 0; i < a.length; i++) {
                    divergence = Math.max(divergence, Math.abs(a[i] - p[i]));
                }
                int next = TokenChooser.argmax(p);
                a = cached.forward(new int[][] {{next}})[0];
                b = recomputed.forward(new int[][] {{next}})[0];
                p = plain.forward(new int[][] {{next}})[0];
            }
            assertTrue(divergence > 0.1, "the window should change logits beyond 6 tokens: " + divergence);
        }
    }
}
