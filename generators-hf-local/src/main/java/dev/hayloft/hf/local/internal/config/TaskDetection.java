package dev.hayloft.hf.local.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Set;

/**
 * The transformers pipeline task of a model when none was given, from its {@code config.json}
 * (where Haystack asks the Hub's API for the model's {@code pipeline_tag}): encoder-decoder
 * models ({@code is_encoder_decoder}, or a sequence-to-sequence {@code model_type} such as
 * {@code t5}) are {@code text2text-generation}, everything else {@code text-generation}.
 *
 * <pre>{@code
 * String task = TaskDetection.detect(Path.of("/models/flan-t5-base"));   // "text2text-generation"
 * }</pre>
 */
public final class TaskDetection {
    /** Decoder-only models. */
    public static final String TEXT_GENERATION = "text-generation";
    /** Encoder-decoder models. */
    public static final String TEXT2TEXT_GENERATION = "text2text-generation";
    private static final Set<String> SEQ2SEQ = Set.of("t5", "mt5", "umt5", "longt5", "bart", "mbart", "pegasus",
            "marian", "led", "bigbird_pegasus", "prophetnet", "switch_transformers", "m2m_100", "nllb-moe");

    private TaskDetection() {
    }

    /** The task of the model in {@code folder}; {@code text-generation} when {@code config.json} says nothing. */
    public static String detect(Path folder) {
        JsonNode config = JsonFiles.readOptional(folder.resolve("config.json"));
        if (config == null || !config.isObject()) {
            return TEXT_GENERATION;
        }
        JsonNode encDec = config.get("is_encoder_decoder");
        JsonNode type = config.get("model_type");
        if ((encDec != null && encDec.asBoolean(false)) || (type != null && SEQ2SEQ.contains(type.asText()))) {
            return TEXT2TEXT_GENERATION;
        }
        return TEXT_GENERATION;
    }
}
