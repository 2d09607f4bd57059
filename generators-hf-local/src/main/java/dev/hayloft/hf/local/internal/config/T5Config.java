package dev.hayloft.hf.local.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hayloft.core.errors.ModelLoadException;
import java.nio.file.Path;
import java.util.List;

/**
 * The settings of a T5 encoder-decoder ({@code model_type} {@code t5}: t5 v1.0, t5 v1.1,
 * flan-T5) from {@code config.json}: the shared part as a {@link ModelConfig} ({@code d_model}
 * as hidden size, {@code num_layers} encoder blocks, {@code num_heads}, {@code d_kv} as head
 * width, {@code d_ff}, {@code layer_norm_epsilon}, {@code tie_word_embeddings} default true,
 * {@code n_positions} default 512 as the nominal context) plus what only T5 has.
 *
 * <p>{@code feed_forward_proj} is {@code ACT} or {@code gated-ACT} like transformers parses it;
 * {@code gated-gelu} means the tanh-approximated {@code gelu_new} (flan-T5, t5 v1.1).
 *
 * <pre>{@code
 * T5Config t5 = T5Config.read(Path.of("/models/flan-t5-base"));
 * int decoderBlocks = t5.numDecoderLayers();
 * boolean gated = t5.gated();            // true for flan-T5
 * }</pre>
 *
 * @param base the architecture settings shared with decoder-only models
 * @param numDecoderLayers {@code num_decoder_layers} (default {@code num_layers})
 * @param numBuckets {@code relative_attention_num_buckets} (default 32)
 * @param maxDistance {@code relative_attention_max_distance} (default 128)
 * @param gated whether the feed-forward is gated ({@code wi_0}, {@code wi_1})
 * @param decoderStartTokenId {@code decoder_start_token_id} (default {@code pad_token_id}, else 0)
 */
public record T5Config(ModelConfig base, int numDecoderLayers, int numBuckets, int maxDistance, boolean gated,
                       int decoderStartTokenId) {
    /** Activations the T5 feed-forward supports (after the optional {@code gated-} prefix). */
    public static final List<String> ACTIVATIONS = List.of("relu", "gelu", "gelu_new", "silu");

    public T5Config {
        if (numDecoderLayers <= 0) {
            throw new IllegalArgumentException("num_decoder_layers must be > 0, got " + numDecoderLayers);
        }
        if (numBuckets < 2) {
            throw new IllegalArgumentException("relative_attention_num_buckets must be >= 2, got " + numBuckets);
        }
        if (maxDistance <= numBuckets / 2) {
            throw new IllegalArgumentException("relative_attention_max_distance must exceed half the buckets, got "
                    + maxDistance);
        }
    }

    /** Reads {@code folder/config.json}, which must describe a T5 model. */
    public static T5Config read(Path folder) {
        Path file = folder.resolve("config.json");
        return parse(JsonFiles.read(file), file);
    }

    /** Parses a T5 {@code config.json} already read from {@code file}. */
    public static T5Config parse(JsonNode j, Path file) {
        String proj = orDefault(JsonFiles.optString(j, "feed_forward_proj", file), "relu");
        String[] parts = proj.split("-");
        boolean gated = parts[0].equals("gated");
        if ((parts.length > 1 && !gated) || parts.length > 2) {
            throw new ModelLoadException(file + ": feed_forward_proj '" + proj + "' is not of the form ACT or gated-ACT");
        }
        String act = parts[parts.length - 1];
        if (proj.equals("gated-gelu")) {
            act = "gelu_new"; // as transformers' T5Config maps it
        }
        if (!ACTIVATIONS.contains(act)) {
            throw new ModelLoadException(file + ": feed_forward_proj '" + proj + "' is not supported for t5 (supported:"
                    + " relu, gated-gelu, and ACT or gated-ACT with ACT in " + ACTIVATIONS + ")");
        }
        int layers = JsonFiles.requireInt(j, "num_layers", file);
        Integer pad = JsonFiles.optInt(j, "pad_token_id", file);
        Integer start = JsonFiles.optInt(j, "decoder_start_token_id", file);
        try {
            ModelConfig base = new ModelConfig(
                    "t5",
                    JsonFiles.requireInt(j, "vocab_size", file),
                    JsonFiles.requireInt(j, "d_model", file),
                    layers,
                    JsonFiles.requireInt(j, "num_heads", file),
                    JsonFiles.requireInt(j, "num_heads", file),
                    JsonFiles.requireInt(j, "d_kv", file),
                    JsonFiles.requireInt(j, "d_ff", file),
                    orDefault(JsonFiles.optInt(j, "n_positions", file), 512),
                    orDefault(JsonFiles.optDouble(j, "layer_norm_epsilon", file), 1e-6),
                    0,
                    null,
                    orDefault(JsonFiles.optBoolean(j, "tie_word_embeddings", file), true),
                    false,
                    false,
                    false,
                    act,
                    null,
                    false,
                    false,
                    null,
                    JsonFiles.intOrList(j, "eos_token_id", file));
            return new T5Config(base,
                    orDefault(JsonFiles.optInt(j, "num_decoder_layers", file), layers),
                    orDefault(JsonFiles.optInt(j, "relative_attention_num_buckets", file), 32),
                    orDefault(JsonFiles.optInt(j, "relative_attention_max_distance", file), 128),
                    gated,
                    start != null ? start : pad != null ? pad : 0);
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException("Invalid " + file + ": " + e.getMessage(), e);
        }
    }

    private static <T> T orDefault(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
