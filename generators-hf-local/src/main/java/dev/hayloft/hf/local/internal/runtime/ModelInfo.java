package dev.hayloft.hf.local.internal.runtime;

import dev.hayloft.hf.local.internal.config.GenerationDefaults;
import dev.hayloft.hf.local.internal.config.TokenizerSettings;
import java.util.List;

/**
 * What a loaded {@link LocalModel} is: its architecture, context window, device, the ids
 * that end generation, and the raw settings a component needs (chat templates and special
 * token strings from {@code tokenizer_config.json}, defaults from
 * {@code generation_config.json}).
 *
 * <pre>{@code
 * ModelInfo info = model.info();
 * String template = info.tokenizerSettings().chatTemplate();
 * String bos = info.tokenizerSettings().bosToken();
 * }</pre>
 *
 * @param modelType {@code model_type}, e.g. {@code "llama"}
 * @param contextLength usable context window in tokens (prompt plus generated)
 * @param vocabSize logits width
 * @param device where the weights live: {@code "cpu"} or {@code "cuda:N"}
 * @param eosTokenIds ids that end a sequence (generation_config, else config, else tokenizer)
 * @param bosTokenId the BOS id, or {@code null}
 * @param padTokenId the padding id, or {@code null}
 * @param tokenizerSettings tokenizer_config.json (special tokens, chat templates)
 * @param generationDefaults generation_config.json
 */
public record ModelInfo(String modelType, int contextLength, int vocabSize, String device,
                        List<Integer> eosTokenIds, Integer bosTokenId, Integer padTokenId,
                        TokenizerSettings tokenizerSettings, GenerationDefaults generationDefaults) {

    public ModelInfo {
        eosTokenIds = List.copyOf(eosTokenIds);
    }
}
