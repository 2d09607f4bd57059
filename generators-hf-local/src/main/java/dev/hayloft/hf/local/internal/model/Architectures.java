package dev.hayloft.hf.local.internal.model;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.hayloft.core.errors.ModelLoadException;
import dev.hayloft.hf.local.internal.config.ConfigReader;
import dev.hayloft.hf.local.internal.config.ModelConfig;
import dev.hayloft.hf.local.internal.config.T5Config;
import dev.hayloft.hf.local.internal.weights.TensorLoader;
import dev.hayloft.hf.local.internal.weights.WeightPrecision;
import dev.hayloft.hf.local.internal.weights.WeightSource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The registry of supported architectures, keyed by {@code model_type}. Adding an
 * architecture means writing a {@link DecoderModel} subclass and registering its loader here
 * (and its config field names in {@link ConfigReader}). Encoder-decoder models (T5) load
 * through {@link #loadT5} as a {@link Seq2SeqLM}.
 *
 * <pre>{@code
 * ModelConfig config = ConfigReader.read(folder);
 * try (WeightSource weights = WeightSource.open(folder)) {
 *     CausalLM lm = Architectures.load(config, weights, Device.cpu());
 * }
 * }</pre>
 */
public final class Architectures {
    /** Builds a model from checked weights. */
    @FunctionalInterface
    interface Loader {
        DecoderModel load(ModelConfig config, WeightBinder weights, NDManager manager);
    }

    private static final Map<String, Loader> LOADERS = buildLoaders();

    private Architectures() {
    }

    private static Map<String, Loader> buildLoaders() {
        Map<String, Loader> m = new LinkedHashMap<>();
        m.put("llama", LlamaModel::load);
        m.put("mistral", LlamaModel::load);
        m.put("qwen2", LlamaModel::load);
        m.put("qwen3", LlamaModel::load);
        m.put("gpt2", Gpt2Model::load);
        return Map.copyOf(m);
    }

    /** Whether {@code modelType} has an implementation. */
    public static boolean supports(String modelType) {
        return LOADERS.containsKey(modelType) || isEncoderDecoder(modelType);
    }

    /** Whether {@code modelType} is an encoder-decoder architecture, loaded by {@link #loadT5}. */
    public static boolean isEncoderDecoder(String modelType) {
        return "t5".equals(modelType);
    }

    /**
     * Loads the T5 weights of {@code source} onto {@code device}. The returned model owns its
     * native memory; the source may be closed afterwards.
     */
    public static Seq2SeqLM loadT5(T5Config config, WeightSource source, Device device) {
        NDManager manager = NDManager.newBaseManager(device, "PyTorch");
        try {
            WeightBinder binder = new WeightBinder(source,
                    new TensorLoader(source, manager, TensorLoader.DEFAULT_CHUNK_BYTES), config.base());
            return T5Model.load(config, binder, manager);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * Loads the weights of {@code source} for {@code config} onto {@code device}. The
     * returned model owns its native memory; the source may be closed afterwards.
     */
    public static CausalLM load(ModelConfig config, WeightSource source, Device device) {
        return load(config, source, device, WeightPrecision.F32);
    }

    /** As {@link #load(ModelConfig, WeightSource, Device)} holding the linear layers in {@code precision}. */
    public static CausalLM load(ModelConfig config, WeightSource source, Device device, WeightPrecision precision) {
        return load(config, source, device, TensorLoader.DEFAULT_CHUNK_BYTES, precision);
    }

    /** As {@link #load(ModelConfig, WeightSource, Device)} with a custom tensor block size (tests). */
    public static CausalLM load(ModelConfig config, WeightSource source, Device device, long chunkBytes) {
        return load(config, source, device, chunkBytes, WeightPrecision.F32);
    }

    private static CausalLM load(ModelConfig config, WeightSource source, Device device, long chunkBytes,
                                 WeightPrecision precision) {
        Loader loader = LOADERS.get(config.modelType());
        if (loader == null && isEncoderDecoder(config.modelType())) {
            throw new ModelLoadException("model_type '" + config.modelType() + "' is an encoder-decoder model: load it "
                    + "with Architectures.loadT5 (task text2text-generation)");
        }
        if (loader == null) {
            throw new ModelLoadException("Unsupported model_type '" + config.modelType()
                    + "'; supported model types: " + ConfigReader.SUPPORTED_MODEL_TYPES);
        }
        NDManager manager = NDManager.newBaseManager(device, "PyTorch");
        try {
            WeightBinder binder = new WeightBinder(source, new TensorLoader(source, manager, chunkBytes), config,
                    precision, manager);
            return loader.load(config, binder, manager);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }
}
