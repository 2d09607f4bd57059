package dev.hayloft.observability.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code gen_ai.request.*} values out of a request's generation kwargs (OpenAI's,
 * Hugging Face's and the local runtime's spellings); nothing else of the kwargs is recorded.
 *
 * <pre>{@code
 * Double t = Kwargs.number(kwargs, "temperature");                                      // 0.2
 * Long max = Kwargs.integer(kwargs, "max_tokens", "max_completion_tokens", "max_new_tokens");
 * }</pre>
 */
public final class Kwargs {
    private Kwargs() {
    }

    /** The first of {@code keys} holding a number, as a double; null when none does. */
    public static Double number(Map<String, Object> kwargs, String... keys) {
        for (String k : keys) {
            Object v = kwargs.get(k);
            if (v instanceof Number) {
                return ((Number) v).doubleValue();
            }
        }
        return null;
    }

    /** The first of {@code keys} holding a whole number; null when none does. */
    public static Long integer(Map<String, Object> kwargs, String... keys) {
        for (String k : keys) {
            Object v = kwargs.get(k);
            if (v instanceof Integer || v instanceof Long || v instanceof Short) {
                return ((Number) v).longValue();
            }
        }
        return null;
    }

    /** The stop sequences ({@code stop}, {@code stop_sequences}, {@code stop_words}): a string or a list of them. */
    public static List<String> stops(Map<String, Object> kwargs) {
        for (String k : new String[] {"stop", "stop_sequences", "stop_words"}) {
            Object v = kwargs.get(k);
            if (v instanceof String) {
                return List.of((String) v);
            }
            if (v instanceof List) {
                List<String> out = new ArrayList<>();
                for (Object o : (List<?>) v) {
                    if (o instanceof String) {
                        out.add((String) o);
                    }
                }
                return out;
            }
        }
        return List.of();
    }
}
