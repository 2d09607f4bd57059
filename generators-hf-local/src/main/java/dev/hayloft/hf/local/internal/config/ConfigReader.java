package dev.hayloft.hf.local.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hayloft.core.errors.ModelLoadException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Parses {@code config.json} into a {@link ModelConfig}, understanding the field names of
 * the Llama family ({@code llama}, {@code mistral}, {@code qwen2}, {@code qwen3}), of GPT-2
 * and (through {@link T5Config}) of T5.
 *
 * <pre>{@code
 * ModelConfig config = ConfigReader.read(Path.of("/models/SmolLM2-135M"));
 * }</pre>
 */
public final class ConfigReader {
    /** The {@code model_type} values this runtime can run. */
    public static final List<String> SUPPORTED_MODEL_TYPES =
            List.of("llama", "mistral", "qwen2", "qwen3", "gpt2", "t5");

    private ConfigReader() {
    }

    /** Reads {@code folder/config.json}. */
    public static ModelConfig read(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new ModelLoadException("Model folder " + folder + " does not exist or is not a directory");
        }
        Path file = folder.resolve("config.json");
        JsonNode json = JsonFiles.read(file);
        String type = JsonFiles.optString(json, "model_type", file);
        if (type == null) {
            throw new ModelLoadException(file + " has no 'model_type'; supported model types: " + SUPPORTED_MODEL_TYPES);
        }
        try {
            switch (type) {
                case "llama":
                case "mistral":
                case "qwen2":
                case "qwen3": // the Llama family too: q/k norms, own head_dim, attention_bias
                    return llamaFamily(type, json, file);
                case "gpt2":
                    return gpt2(json, file);
                case "t5":
                    return T5Config.parse(json, file).base();
                default:
                    throw new ModelLoadException("Unsupported model_type '" + type + "' in " + file
                            + "; supported model types: " + SUPPORTED_MODEL_TYPES);
            }
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException("Invalid " + file + ": " + e.getMessage(), e);
        }
    }

    private static ModelConfig llamaFamily(String type, JsonNode j, Path file) {
        int hidden = JsonFiles.requireInt(j, "hidden_size", file);
        int heads = JsonFiles.requireInt(j, "num_attention_heads", file);
        Integer kv = JsonFiles.optInt(j, "num_key_value_heads", file);
        Integer headDim = JsonFiles.optInt(j, "head_dim", file);
        if (headDim == null && type.equals("qwen3")) {
            headDim = 128; // Qwen3Config's default: head_dim is independent of hidden_size / heads
        }
        if (headDim == null && hidden % heads != 0) {
            throw new ModelLoadException(file + ": hidden_size " + hidden + " is not divisible by num_attention_heads "
                    + heads + " and no head_dim is given");
        }
        String act = orDefault(JsonFiles.optString(j, "hidden_act", file), "silu");
        if (!act.equals("silu") && !act.equals("swish")) {
            throw new ModelLoadException(file + ": hidden_act '" + act + "' is not supported for " + type
                    + " (supported: silu)");
        }
        boolean qwen = type.equals("qwen2");
        boolean attentionBias = Boolean.TRUE.equals(JsonFiles.optBoolean(j, "attention_bias", file));
        Integer window = null;
        if (type.equals("mistral")) {
            window = JsonFiles.optInt(j, "sliding_window", file);
        } else if (type.startsWith("qwen") && Boolean.TRUE.equals(JsonFiles.optBoolean(j, "use_sliding_window", file))) {
            throw new ModelLoadException(file + ": use_sliding_window=true is not supported for " + type);
        }
        return new ModelConfig(
                type,
                JsonFiles.requireInt(j, "vocab_size", file),
                hidden,
                JsonFiles.requireInt(j, "num_hidden_layers", file),
                heads,
                kv == null ? heads : kv,
                headDim == null ? hidden / heads : headDim,
                JsonFiles.requireInt(j, "intermediate_size", file),
                orDefault(JsonFiles.optInt(j, "max_position_embeddings", file), 2048),
                orDefault(JsonFiles.optDouble(j, "rms_norm_eps", file), 1e-6),
                orDefault(JsonFiles.optDouble(j, "rope_theta", file), 10000.0),
                ropeScaling(j, file),
                orDefault(JsonFiles.optBoolean(j, "tie_word_embeddings", file), false),
                qwen || attentionBias,
                !qwen && attentionBias,
                Boolean.TRUE.equals(JsonFiles.optBoolean(j, "mlp_bias", file)),
                act,
                window,
                false,
                true,
                JsonFiles.optInt(j, "bos_token_id", file),
                JsonFiles.intOrList(j, "eos_token_id", file));
    }

    private static ModelConfig gpt2(JsonNode j, Path file) {
        int embd = JsonFiles.requireInt(j, "n_embd", file);
        int heads = JsonFiles.requireInt(j, "n_head", file);
        if (embd % heads != 0) {
            throw new ModelLoadException(file + ": n_embd " + embd + " is not divisible by n_head " + heads);
        }
        Integer inner = JsonFiles.optInt(j, "n_inner", file);
        String act = orDefault(JsonFiles.optString(j, "activation_function", file), "gelu_new");
        if (!List.of("gelu_new", "gelu_pytorch_tanh", "gelu", "relu").contains(act)) {
            throw new ModelLoadException(file + ": activation_function '" + act
                    + "' is not supported for gpt2 (supported: gelu_new, gelu_pytorch_tanh, gelu, relu)");
        }
        return new ModelConfig(
                "gpt2",
                JsonFiles.requireInt(j, "vocab_size", file),
                embd,
                JsonFiles.requireInt(j, "n_layer", file),
                heads,
                heads,
                embd / heads,
                inner == null ? 4 * embd : inner,
                orDefault(JsonFiles.optInt(j, "n_positions", file), 1024),
                orDefault(JsonFiles.optDouble(j, "layer_norm_epsilon", file), 1e-5),
                0,
                null,
                orDefault(JsonFiles.optBoolean(j, "tie_word_embeddings", file), true),
                true,
                true,
                true,
                act,
                null,
                Boolean.TRUE.equals(JsonFiles.optBoolean(j, "scale_attn_by_inverse_layer_idx", file)),
                orDefault(JsonFiles.optBoolean(j, "scale_attn_weights", file), true),
                JsonFiles.optInt(j, "bos_token_id", file),
                JsonFiles.intOrList(j, "eos_token_id", file));
    }

    private static RopeScaling ropeScaling(JsonNode j, Path file) {
        JsonNode s = j.get("rope_scaling");
        if (s == null || s.isNull()) {
            return null;
        }
        if (!s.isObject()) {
            throw new ModelLoadException(file + ": rope_scaling must be an object or null, got " + s);
        }
        String type = JsonFiles.optString(s, "rope_type", file);
        if (type == null) {
            type = JsonFiles.optString(s, "type", file);
        }
        type = type == null ? "default" : type.toLowerCase(Locale.ROOT);
        Double factor = JsonFiles.optDouble(s, "factor", file);
        switch (type) {
            case "default":
                return null;
            case RopeScaling.LINEAR:
                return new RopeScaling(type, requireField(factor, "rope_scaling.factor", file), 1, 1, 0);
            case RopeScaling.LLAMA3:
                return new RopeScaling(type,
                        requireField(factor, "rope_scaling.factor", file),
                        requireField(JsonFiles.optDouble(s, "low_freq_factor", file), "rope_scaling.low_freq_factor", file),
                        requireField(JsonFiles.optDouble(s, "high_freq_factor", file), "rope_scaling.high_freq_factor", file),
                        requireField(JsonFiles.optInt(s, "original_max_position_embeddings", file),
                                "rope_scaling.original_max_position_embeddings", file));
            default:
                throw new ModelLoadException(file + ": rope_scaling type '" + type
                        + "' is not supported (supported: default, linear, llama3)");
        }
    }

    private static <T> T requireField(T value, String field, Path file) {
        if (value == null) {
            throw new ModelLoadException(file + " lacks the required field '" + field + "'");
        }
        return value;
    }

    private static <T> T orDefault(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
