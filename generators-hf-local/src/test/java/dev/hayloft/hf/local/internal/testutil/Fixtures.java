package dev.hayloft.hf.local.internal.testutil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import dev.hayloft.core.testing.SharedFixtures;
import dev.hayloft.hf.local.internal.config.ConfigReader;
import dev.hayloft.hf.local.internal.config.T5Config;
import dev.hayloft.hf.local.internal.model.Architectures;
import dev.hayloft.hf.local.internal.model.CausalLM;
import dev.hayloft.hf.local.internal.model.Seq2SeqLM;
import dev.hayloft.hf.local.internal.weights.WeightSource;
import dev.hayloft.hf.local.internal.runtime.LoadOptions;
import dev.hayloft.hf.local.internal.runtime.LocalModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shared fixture access for the runtime's tests: folder lookup, reference JSON, and loaded
 * models cached for the whole test JVM (loading is the slow part; models are read-only).
 */
public final class Fixtures {
    /** Assembled by {@link Qwen3Fixture} from the test resources and the shared Qwen3 tokenizer. */
    public static final String QWEN3 = "models/tiny-random-qwen3";
    public static final String STORIES = "models/stories260K";
    public static final String QWEN2 = "models/tiny-random-qwen2";
    public static final String GPT2 = "models/tiny-random-gpt2";
    /** Tiny random t5 v1.0-style model (ReLU, tied embeddings), assembled by {@link T5Fixture}. */
    public static final String T5 = "tiny-random-t5";
    /** Tiny random flan-T5-style model (gated-gelu, separate lm_head), assembled by {@link T5Fixture}. */
    public static final String FLAN_T5 = "tiny-random-flan-t5";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, LocalModel> MODELS = new ConcurrentHashMap<>();
    private static final Map<String, CausalLM> LMS = new ConcurrentHashMap<>();
    private static final Map<String, Seq2SeqLM> SEQ2SEQ = new ConcurrentHashMap<>();

    static {
        // Tests run on small shared machines (CI: 2 cores); one intra-op thread avoids OpenMP
        // spin-waiting on contended cores, which made tiny-model ops several times slower.
        Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(1);
    }

    private Fixtures() {
    }

    public static Path folder(String relative) {
        if (relative.equals(QWEN3)) {
            return Qwen3Fixture.folder();
        }
        return SharedFixtures.require(relative);
    }

    public static JsonNode json(String relative, String file) {
        try {
            return MAPPER.readTree(folder(relative).resolve(file).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A model loaded with default options (KV cache on), shared by all tests; do not close it. */
    public static LocalModel model(String relative) {
        Path folder = folder(relative);
        return MODELS.computeIfAbsent(relative, k -> LocalModel.load(folder, LoadOptions.defaults()));
    }

    /** A model loaded without KV cache (full recomputation), shared by all tests; do not close it. */
    public static LocalModel modelWithoutCache(String relative) {
        Path folder = folder(relative);
        return MODELS.computeIfAbsent(relative + "#nocache",
                k -> LocalModel.load(folder, LoadOptions.builder().useKvCache(false).build()));
    }

    /** The bare model (no tokenizer) on the CPU, shared by all tests; do not close it. */
    public static CausalLM causalLm(String relative) {
        Path folder = folder(relative);
        return LMS.computeIfAbsent(relative, k -> {
            try (WeightSource w = WeightSource.open(folder)) {
                return Architectures.load(ConfigReader.read(folder), w, Device.cpu());
            }
        });
    }

    /**
     * A model folder of this module's test resources ({@code models/NAME}); the T5 fixtures are
     * assembled by {@link T5Fixture} (their weights are generated, not stored).
     */
    public static Path resourceModel(String name) {
        if (name.equals(T5) || name.equals(FLAN_T5)) {
            return T5Fixture.folder(name);
        }
        URL url = Fixtures.class.getResource("/models/" + name + "/config.json");
        if (url == null) {
            throw new IllegalStateException("missing test resource models/" + name);
        }
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JSON file of a {@link #resourceModel} folder. */
    public static JsonNode resourceJson(String name, String file) {
        try {
            return MAPPER.readTree(resourceModel(name).resolve(file).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A {@link #resourceModel} loaded with or without KV cache, shared by all tests; do not close it. */
    public static LocalModel resourceLocalModel(String name, boolean kvCache) {
        Path folder = resourceModel(name);
        return MODELS.computeIfAbsent("resource:" + name + "#" + kvCache,
                k -> LocalModel.load(folder, LoadOptions.builder().useKvCache(kvCache).build()));
    }

    /** The bare encoder-decoder model of a {@link #resourceModel} on the CPU, shared by all tests; do not close it. */
    public static Seq2SeqLM seq2seq(String name) {
        Path folder = resourceModel(name);
        return SEQ2SEQ.computeIfAbsent(name, k -> {
            try (WeightSource w = WeightSource.open(folder)) {
                return Architectures.loadT5(T5Config.read(folder), w, Device.cpu());
            }
        });
    }

    public static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    public static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }
}
