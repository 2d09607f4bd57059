package dev.hayloft.hf.local.internal.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hayloft.hf.local.internal.generation.GenerationParams;
import dev.hayloft.hf.local.internal.generation.GenerationResult;
import dev.hayloft.hf.local.internal.generation.TokenChooser;
import dev.hayloft.hf.local.internal.runtime.LoadOptions;
import dev.hayloft.hf.local.internal.runtime.LocalModel;
import dev.hayloft.hf.local.internal.testutil.Fixtures;
import dev.hayloft.hf.local.internal.testutil.SafetensorsWriter;
import dev.hayloft.hf.local.internal.testutil.SafetensorsWriter.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Derived copies of the fixtures (BF16, F16, sharded, renamed) load to the values they must. */
class ConvertedCheckpointTest {
    @TempDir
    Path dir;

    private static Map<String, Tensor> storiesTensors() {
        return SafetensorsWriter.readF32(Fixtures.folder(Fixtures.STORIES).resolve("model.safetensors"));
    }

    /** {@code x} rounded to nearest-even with {@code bits} significant bits and exponent floor {@code minExp}. */
    private static float round(float x, int bits, int minExp) {
        if (x == 0) {
            return x;
        }
        int e = Math.max(Math.getExponent(x), minExp);
        double quantum = Math.scalb(1.0, e - (bits - 1));
        return (float) (Math.rint(x / quantum) * quantum);
    }

    private void assertLoadsRounded(DType dtype, int bits, int minExp) {
        Map<String, Tensor> original = storiesTensors();
        List<Tensor> converted = new ArrayList<>();
        original.values().forEach(t -> converted.add(new Tensor(t.name(), t.shape(), t.values(), dtype)));
        Path file = dir.resolve(WeightSource.SINGLE_FILE);
        SafetensorsWriter.write(file, converted);
        int changed = 0;
        try (WeightSource w = WeightSource.open(dir);
             NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            TensorLoader loader = new TensorLoader(w, m);
            TensorLoader chunked = new TensorLoader(w, m, 1000);
            for (Tensor t : original.values()) {
                TensorEntry e = w.entry(t.name());
                assertEquals(dtype, e.dtype());
                NDArray a = loader.load(e);
                assertArrayEquals(t.shape(), a.getShape().getShape());
                float[] got = a.toFloatArray();
                float[] gotChunked = chunked.load(e).toFloatArray();
                for (int i = 0; i < got.length; i++) {
                    float expected = round(t.values()[i], bits, minExp);
                    if (Float.floatToIntBits(expected) != Float.floatToIntBits(got[i])) {
                        throw new AssertionError(t.name() + "[" + i + "]: " + t.values()[i] + " should load as "
                                + expected + " but loaded as " + got[i]);
                    }
                    if (expected != t.values()[i]) {
                        changed++;
                    }
                }
                assertArrayEquals(got, gotChunked, t.name() + " chunked");
            }
        }
        assertTrue(changed > 100_000, "rounding should change most of the 260k weights, changed " + changed);
    }

    @Test
    void bf16CopyLoadsToExactlyTheBf16RoundedWeights() {
        assertLoadsRounded(DType.BF16, 8, -126);
    }

    @Test
    void f16CopyLoadsToExactlyTheF16RoundedWeights() {
        assertLoadsRounded(DType.F16, 11, -14);
    }

    @Test
    void f32LoadingIsExactIncludingChunkedLoading() {
        Path source = Fixtures.folder(Fixtures.STORIES);
        Map<String, Tensor> original = storiesTensors();
        try (WeightSource w = WeightSource.open(source);
             NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            TensorLoader chunked = new TensorLoader(w, m, 4096);
            for (Tensor t : original.values()) {
                assertArrayEquals(t.values(), new TensorLoader(w, m).load(w.entry(t.name())).toFloatArray(), t.name());
                assertArrayEquals(t.values(), chunked.load(w.entry(t.name())).toFloatArray(), t.name());
            }
        }
    }

    @Test
    void shardedCopyGivesIdenticalGreedyOutput() {
        Path source = Fixtures.folder(Fixtures.STORIES);
        SafetensorsWriter.copyModelFilesExceptWeights(source, dir);
        List<Tensor> all = new ArrayList<>(storiesTensors().values());
        Map<String, String> weightMap = new LinkedHashMap<>();
        int shards = 3;
        for (int s = 0; s < shards; s++) {
            List<Tensor> part = new ArrayList<>();
            for (int i = s; i < all.size(); i += shards) {
                part.add(all.get(i));
            }
            String name = String.format("model-%05d-of-%05d.safetensors", s + 1, shards);
            SafetensorsWriter.write(dir.resolve(name), part);
            part.forEach(t -> weightMap.put(t.name(), name));
        }
        SafetensorsWriter.writeIndex(dir.resolve(WeightSource.INDEX_FILE), weightMap);
        try (WeightSource w = WeightSource.open(dir)) {
            assertEquals(3, w.files().size());
            assertEquals(all.size(), w.entries().size());
        }
        JsonNode greedy = Fixtures.json(Fixtures.STORIES, "expected.json").get("greedy");
        int[] expected = Fixtures.ints(greedy.get("ids"));
        try (LocalModel model = LocalModel.load(dir, LoadOptions.defaults())) {
            GenerationResult r = model.generate(greedy.get("prompt").asText(),
                    GenerationParams.builder().doSample(false).maxNewTokens(60).build(), null);
            int[] got = r.sequences().get(0).tokenIds().stream().mapToInt(Integer::intValue).toArray();
            assertArrayEquals(java.util.Arrays.copyOfRange(expected, 5, expected.length), got);
            assertEquals(greedy.get("text").asText(), greedy.get("prompt").asText() + r.text());
        }
    }

    @Test
    void bf16ModelRunsCloseToTheFloat32Model() {
        Path source = Fixtures.folder(Fixtures.STORIES);
        SafetensorsWriter.copyModelFilesExceptWeights(source, dir);
        List<Tensor> converted = new ArrayList<>();
        storiesTensors().values().forEach(t -> converted.add(new Tensor(t.name(), t.shape(), t.values(), DType.BF16)));
        SafetensorsWriter.write(dir.resolve(WeightSource.SINGLE_FILE), converted);
        int[] prompt = {1, 403, 407, 261, 378};
        float[] reference = Fixtures.model(Fixtures.STORIES).lastPositionLogits(prompt);
        try (LocalModel model = LocalModel.load(dir, LoadOptions.defaults())) {
            float[] logits = model.lastPositionLogits(prompt);
            double maxDiff = 0;
            for (int i = 0; i < logits.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(logits[i] - reference[i]));
            }
            assertTrue(maxDiff > 0 && maxDiff < 0.5, "bf16 vs f32 logits differ by " + maxDiff);
            assertEquals(TokenChooser.argmax(reference), TokenChooser.argmax(logits));
        }
    }

    @Test
    void gpt2WithoutTransformerPrefixAndWithMaskBuffersGivesTheSameLogits() {
        Path source = Fixtures.folder(Fixtures.GPT2);
        SafetensorsWriter.copyModelFilesExceptWeights(source, dir);
        List<Tensor> renamed = new ArrayList<>();
        for (Tensor t : SafetensorsWriter.readF32(source.resolve("model.safetensors")).values()) {
            renamed.add(new Tensor(t.name().substring("transformer.".length()), t.shape(), t.values(), DType.F32));
        }
        for (int layer = 0; layer < 2; layer++) {
            renamed.add(new Tensor("h." + layer + ".attn.bias", new long[] {1, 1, 4, 4}, new float[16], DType.F32));
        }
        SafetensorsWriter.write(dir.resolve(WeightSource.SINGLE_FILE), renamed);
        int[] prompt = {464, 2068, 7586, 21831};
        float[] reference = Fixtures.model(Fixtures.GPT2).lastPositionLogits(prompt);
        try (LocalModel model = LocalModel.load(dir, LoadOptions.defaults())) {
            // identical weights; only float summation order may differ (other data alignment)
            assertArrayEquals(reference, model.lastPositionLogits(prompt), 1e-5f);
        }
    }
}
