package dev.hayloft.core.generation;

import dev.hayloft.core.serde.JsonValues;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Merging of {@code generation_kwargs}: run-time keys override build-time keys one level
 * deep (Haystack's {@code {**init, **runtime}}); the result is a fresh mutable map.
 *
 * <pre>{@code
 * Map<String, Object> kw = GenerationKwargs.merge(Map.of("temperature", 0.2, "max_tokens", 10),
 *                                                 Map.of("temperature", 0.9));
 * // {temperature=0.9, max_tokens=10}
 * }</pre>
 */
public final class GenerationKwargs {
    private GenerationKwargs() {
    }

    /** {@code init} overlaid with {@code runtime}; either may be null. */
    public static Map<String, Object> merge(Map<String, ?> init, Map<String, ?> runtime) {
        Map<String, Object> out = new LinkedHashMap<>(JsonValues.mutableMap(init));
        if (runtime != null) {
            out.putAll(JsonValues.mutableMap(runtime));
        }
        return out;
    }
}
