package dev.hayloft.openai.internal;

import dev.hayloft.core.serde.JsonValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rewrites a JSON schema into the form OpenAI's strict mode ({@code "strict": true}) accepts:
 * every object schema gets {@code "additionalProperties": false} and lists all its properties
 * as {@code required}, recursively through {@code properties}, {@code items},
 * {@code prefixItems}, {@code anyOf}/{@code allOf}/{@code oneOf} and {@code $defs}/
 * {@code definitions}. The top level always gets {@code "additionalProperties": false}, as
 * Haystack does. The input is not modified.
 *
 * <pre>{@code
 * Map<String, Object> strict = StrictSchemas.strict(tool.parameters());
 * }</pre>
 */
public final class StrictSchemas {
    private static final int MAX_DEPTH = 64;

    private StrictSchemas() {
    }

    /** A strict copy of {@code schema}. */
    public static Map<String, Object> strict(Map<String, ?> schema) {
        Map<String, Object> copy = JsonValues.mutableMap(schema);
        rewrite(copy, 0);
        copy.put("additionalProperties", false);
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static void rewrite(Map<String, Object> schema, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("tool parameter schema nested too deeply for strict mode");
        }
        Object properties = schema.get("properties");
        if (properties instanceof Map || isObjectType(schema.get("type"))) {
            schema.put("additionalProperties", false);
            if (properties instanceof Map) {
                Map<String, Object> props = (Map<String, Object>) properties;
                schema.put("required", new ArrayList<>(props.keySet()));
                for (Object p : props.values()) {
                    descend(p, depth);
                }
            }
        }
        descend(schema.get("items"), depth);
        for (String key : new String[] {"prefixItems", "anyOf", "allOf", "oneOf"}) {
            descend(schema.get(key), depth);
        }
        for (String key : new String[] {"$defs", "definitions"}) {
            Object defs = schema.get(key);
            if (defs instanceof Map) {
                for (Object d : ((Map<String, Object>) defs).values()) {
                    descend(d, depth);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void descend(Object node, int depth) {
        if (node instanceof Map) {
            rewrite((Map<String, Object>) node, depth + 1);
        } else if (node instanceof List) {
            for (Object n : (List<Object>) node) {
                descend(n, depth);
            }
        }
    }

    private static boolean isObjectType(Object type) {
        return "object".equals(type) || (type instanceof List && ((List<?>) type).contains("object"));
    }
}
