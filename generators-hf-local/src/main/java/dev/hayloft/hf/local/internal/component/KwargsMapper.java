package dev.hayloft.hf.local.internal.component;

import dev.hayloft.core.errors.GenerationException;
import dev.hayloft.core.errors.InvalidRequestException;
import dev.hayloft.hf.local.internal.generation.GenerationParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Maps Haystack/transformers {@code generation_kwargs} onto the runtime's
 * {@link GenerationParams}. Unknown keys are refused with the list of supported ones rather
 * than silently ignored; keys that only steer transformers' pipeline plumbing are accepted
 * and ignored.
 *
 * <pre>{@code
 * KwargsMapper.Mapped m = KwargsMapper.map(Map.of("max_new_tokens", 64, "temperature", 0.7, "do_sample", true),
 *         List.of("\n\n"), 5);
 * }</pre>
 */
public final class KwargsMapper {
    private static final Set<String> SUPPORTED = Set.of("max_new_tokens", "max_length", "temperature", "top_k",
            "top_p", "do_sample", "repetition_penalty", "num_return_sequences", "seed", "stop_sequences",
            "stop_words", "return_full_text", "truncation", "num_beams");
    private static final Set<String> IGNORED = Set.of("pad_token_id", "use_cache", "early_stopping",
            "clean_up_tokenization_spaces", "streamer", "stopping_criteria",
            // read by the chat generator (rendering), not by the decoder
            "continue_final_message", "chat_template_kwargs");

    private KwargsMapper() {
    }

    /**
     * The mapped parameters.
     *
     * @param params runtime parameters
     * @param returnFullText whether the prompt is prepended to the reply
     * @param stopWords the stop words in effect
     */
    public record Mapped(GenerationParams params, boolean returnFullText, List<String> stopWords) {
    }

    /**
     * {@code kwargs} with aliases replaced by transformers' names: {@code n} (OpenAI's name,
     * found in Haystack dicts) becomes {@code num_return_sequences}.
     */
    public static Map<String, Object> withAliases(Map<String, Object> kwargs) {
        if (!kwargs.containsKey("n")) {
            return kwargs;
        }
        Map<String, Object> out = new java.util.LinkedHashMap<>(kwargs);
        Object n = out.remove("n");
        Integer count = integer(kwargs, "n");
        Integer explicit = integer(kwargs, "num_return_sequences");
        if (explicit != null && !explicit.equals(count)) {
            throw invalid("generation_kwargs: n=" + n + " and num_return_sequences=" + explicit + " disagree; give one");
        }
        if (count != null) {
            out.put("num_return_sequences", count);
        }
        return out;
    }

    /** Maps {@code kwargs}; {@code extraStopWords} (init {@code stop_words}) are added. */
    public static Mapped map(Map<String, Object> given, List<String> extraStopWords, int promptTokens) {
        Map<String, Object> kwargs = withAliases(given);
        for (String k : kwargs.keySet()) {
            if (!SUPPORTED.contains(k) && !IGNORED.contains(k)) {
                throw invalid("generation_kwargs: unsupported key '" + k + "'; supported keys are "
                        + new TreeSet<>(SUPPORTED));
            }
        }
        Integer beams = integer(kwargs, "num_beams");
        if (beams != null && beams != 1) {
            throw invalid("generation_kwargs.num_beams: beam search is not supported (got " + beams + ")");
        }
        Integer maxNew = integer(kwargs, "max_new_tokens");
        Integer maxLength = integer(kwargs, "max_length");
        if (maxNew == null && maxLength != null) {
            maxNew = Math.max(1, maxLength - promptTokens);
        }
        List<String> stops = new ArrayList<>();
        stops.addAll(strings(kwargs, "stop_words"));
        stops.addAll(strings(kwargs, "stop_sequences"));
        if (extraStopWords != null) {
            for (String s : extraStopWords) {
                if (!stops.contains(s)) {
                    stops.add(s);
                }
            }
        }
        Object seed = kwargs.get("seed");
        if (seed != null && !(seed instanceof Integer || seed instanceof Long)) {
            throw invalid("generation_kwargs.seed must be an integer");
        }
        GenerationParams p = GenerationParams.builder().maxNewTokens(maxNew).doSample(bool(kwargs, "do_sample"))
                .temperature(number(kwargs, "temperature")).topK(integer(kwargs, "top_k")).topP(number(kwargs, "top_p"))
                .repetitionPenalty(number(kwargs, "repetition_penalty"))
                .numReturnSequences(integer(kwargs, "num_return_sequences"))
                .seed(seed == null ? null : ((Number) seed).longValue()).stopWords(stops)
                .truncatePrompt(bool(kwargs, "truncation")).build();
        Boolean full = bool(kwargs, "return_full_text");
        return new Mapped(p, full != null && full, List.copyOf(stops));
    }

    private static Integer integer(Map<String, Object> kw, String key) {
        Object v = kw.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            return ((Number) v).intValue();
        }
        throw invalid("generation_kwargs." + key + " must be an integer, got " + v);
    }

    private static Double number(Map<String, Object> kw, String key) {
        Object v = kw.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Number) {
            return ((Number) v).doubleValue();
        }
        throw invalid("generation_kwargs." + key + " must be a number, got " + v);
    }

    private static Boolean bool(Map<String, Object> kw, String key) {
        Object v = kw.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        throw invalid("generation_kwargs." + key + " must be true or false, got " + v);
    }

    private static List<String> strings(Map<String, Object> kw, String key) {
        Object v = kw.get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List) {
            List<String> out = new ArrayList<>();
            for (Object o : (List<?>) v) {
                if (!(o instanceof String) || ((String) o).isEmpty()) {
                    throw invalid("generation_kwargs." + key + " must be a list of non-empty strings");
                }
                out.add((String) o);
            }
            return out;
        }
        throw invalid("generation_kwargs." + key + " must be a list of strings");
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException(message, GenerationException.details("local"), null);
    }
}
