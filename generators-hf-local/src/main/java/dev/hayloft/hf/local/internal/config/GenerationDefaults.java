package dev.hayloft.hf.local.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;

/**
 * The defaults of {@code generation_config.json}; every field is {@code null} (or empty)
 * when the file does not set it. Request parameters override these; transformers' own
 * defaults apply last.
 *
 * <pre>{@code
 * GenerationDefaults d = GenerationDefaults.read(folder);
 * List<Integer> stopIds = d.eosTokenIds();   // "eos_token_id": 2 or [2, 1]
 * }</pre>
 *
 * @param doSample {@code do_sample}
 * @param temperature {@code temperature}
 * @param topK {@code top_k}
 * @param topP {@code top_p}
 * @param repetitionPenalty {@code repetition_penalty}
 * @param maxLength {@code max_length} (prompt plus new tokens)
 * @param maxNewTokens {@code max_new_tokens}
 * @param bosTokenId {@code bos_token_id}
 * @param eosTokenIds {@code eos_token_id}, an int or a list in the file
 * @param padTokenId {@code pad_token_id}
 */
public record GenerationDefaults(Boolean doSample, Double temperature, Integer topK, Double topP,
                                 Double repetitionPenalty, Integer maxLength, Integer maxNewTokens,
                                 Integer bosTokenId, List<Integer> eosTokenIds, Integer padTokenId) {

    public static final String FILE = "generation_config.json";

    public GenerationDefaults {
        eosTokenIds = List.copyOf(eosTokenIds);
    }

    /** Defaults with nothing set. */
    public static GenerationDefaults none() {
        return new GenerationDefaults(null, null, null, null, null, null, null, null, List.of(), null);
    }

    /** Reads {@code folder/generation_config.json}, or returns {@link #none()} if absent. */
    public static GenerationDefaults read(Path folder) {
        Path file = folder.resolve(FILE);
        JsonNode j = JsonFiles.readOptional(file);
        return new GenerationDefaults(
                JsonFiles.optBoolean(j, "do_sample", file),
                JsonFiles.optDouble(j, "temperature", file),
                JsonFiles.optInt(j, "top_k", file),
                JsonFiles.optDouble(j, "top_p", file),
                JsonFiles.optDouble(j, "repetition_penalty", file),
                JsonFiles.optInt(j, "max_length", file),
                JsonFiles.optInt(j, "max_new_tokens", file),
                JsonFiles.optInt(j, "bos_token_id", file),
                JsonFiles.intOrList(j, "eos_token_id", file),
                JsonFiles.optInt(j, "pad_token_id", file));
    }
}
