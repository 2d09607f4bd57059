package dev.hayloft.hf.local.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hayloft.core.errors.ModelLoadException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code tokenizer_config.json} (with {@code special_tokens_map.json} and
 * {@code chat_template.jinja} as fallbacks) says about special tokens, BOS/EOS insertion,
 * clean-up and chat templates.
 *
 * <pre>{@code
 * TokenizerSettings t = TokenizerSettings.read(folder);
 * String template = t.chatTemplate();     // may be null
 * boolean bos = Boolean.TRUE.equals(t.addBosToken());
 * }</pre>
 *
 * @param addBosToken {@code add_bos_token}; {@code null} leaves it to tokenizer.json's post-processor
 * @param addEosToken {@code add_eos_token}; {@code null} leaves it to tokenizer.json's post-processor
 * @param bosToken BOS token text, or {@code null}
 * @param eosToken EOS token text, or {@code null}
 * @param unkToken unknown token text, or {@code null}
 * @param padToken padding token text, or {@code null}
 * @param modelMaxLength {@code model_max_length}, or {@code null} when absent or unbounded
 * @param cleanUpTokenizationSpaces {@code clean_up_tokenization_spaces} (default false)
 * @param chatTemplate the default chat template, or {@code null}
 * @param namedChatTemplates all named templates (the default one under {@code "default"})
 * @param tokenizerClass {@code tokenizer_class}, or {@code null}
 */
public record TokenizerSettings(Boolean addBosToken, Boolean addEosToken, String bosToken, String eosToken,
                                String unkToken, String padToken, Integer modelMaxLength,
                                boolean cleanUpTokenizationSpaces, String chatTemplate,
                                Map<String, String> namedChatTemplates, String tokenizerClass) {

    public static final String FILE = "tokenizer_config.json";

    public TokenizerSettings {
        namedChatTemplates = Map.copyOf(namedChatTemplates);
    }

    /** Reads the tokenizer settings of {@code folder}; absent files leave fields unset. */
    public static TokenizerSettings read(Path folder) {
        Path file = folder.resolve(FILE);
        JsonNode j = JsonFiles.readOptional(file);
        Path mapFile = folder.resolve("special_tokens_map.json");
        JsonNode map = JsonFiles.readOptional(mapFile);
        Map<String, String> named = new LinkedHashMap<>();
        JsonNode tpl = j.get("chat_template");
        if (tpl != null && tpl.isTextual()) {
            named.put("default", tpl.asText());
        } else if (tpl != null && tpl.isArray()) {
            for (JsonNode t : tpl) {
                JsonNode name = t.get("name");
                JsonNode body = t.get("template");
                if (name == null || !name.isTextual() || body == null || !body.isTextual()) {
                    throw new ModelLoadException(file + ": chat_template list entries need string 'name' and 'template'");
                }
                named.put(name.asText(), body.asText());
            }
        } else if (tpl != null && !tpl.isNull()) {
            throw new ModelLoadException(file + ": chat_template must be a string or a list, got " + tpl.getNodeType());
        }
        Path jinja = folder.resolve("chat_template.jinja");
        if (Files.isRegularFile(jinja)) {
            try {
                named.put("default", Files.readString(jinja, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new ModelLoadException("Cannot read " + jinja + ": " + e.getMessage(), e);
            }
        }
        Integer maxLen = null;
        JsonNode ml = j.get("model_max_length");
        if (ml != null && ml.isNumber() && ml.asDouble() >= 1 && ml.asDouble() <= Integer.MAX_VALUE) {
            maxLen = (int) ml.asDouble();
        }
        return new TokenizerSettings(
                JsonFiles.optBoolean(j, "add_bos_token", file),
                JsonFiles.optBoolean(j, "add_eos_token", file),
                token(j, map, "bos_token", file),
                token(j, map, "eos_token", file),
                token(j, map, "unk_token", file),
                token(j, map, "pad_token", file),
                maxLen,
                Boolean.TRUE.equals(JsonFiles.optBoolean(j, "clean_up_tokenization_spaces", file)),
                named.get("default"),
                named,
                JsonFiles.optString(j, "tokenizer_class", file));
    }

    /** A special token given as a string or as an AddedToken object ({@code {"content": ...}}). */
    private static String token(JsonNode config, JsonNode map, String key, Path file) {
        JsonNode v = config.has(key) ? config.get(key) : map.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isObject() && v.get("content") != null && v.get("content").isTextual()) {
            return v.get("content").asText();
        }
        throw new ModelLoadException(file + ": '" + key + "' must be a string or an object with 'content', got " + v);
    }
}
