package dev.hayloft.serialization.internal;

import dev.hayloft.core.component.ComponentRegistry;
import dev.hayloft.core.component.ComponentType;
import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.core.errors.SerializationException;
import dev.hayloft.core.tools.Tool;
import dev.hayloft.core.tools.Toolset;
import java.util.List;
import java.util.Map;

/**
 * Rewrites a pipeline dict from Hayloft's type names to Haystack's: component types through
 * the registry's Haystack aliases (also of components nested in init parameters, e.g. a
 * {@code FallbackChatGenerator}'s {@code chat_generators}), tool and toolset types, and named
 * streaming callbacks.
 * (Reading needs no rewrite: the registry resolves Haystack's names as aliases.)
 *
 * <pre>{@code
 * Map<String, Object> dict = JsonValues.mutableMap(pipeline.toDict());
 * HaystackNames.toHaystack(dict, ComponentRegistry.defaults());
 * }</pre>
 */
public final class HaystackNames {
    private static final Map<String, String> CALLBACKS = Map.of(StreamingCallback.PRINT_STREAMING_CHUNK,
            "haystack.components.generators.utils.print_streaming_chunk");
    private static final Map<String, String> NESTED_TYPES = Map.of(Tool.TYPE, Tool.HAYSTACK_TYPE, Toolset.TYPE,
            Toolset.HAYSTACK_TYPE);

    private HaystackNames() {
    }

    /** Rewrites {@code pipelineDict} (a mutable deep copy) in place. */
    @SuppressWarnings("unchecked")
    public static void toHaystack(Map<String, Object> pipelineDict, ComponentRegistry registry) {
        Object comps = pipelineDict.get("components");
        if (!(comps instanceof Map)) {
            return;
        }
        for (Map.Entry<String, Object> e : ((Map<String, Object>) comps).entrySet()) {
            Map<String, Object> c = (Map<String, Object>) e.getValue();
            String ours = (String) c.get("type");
            String theirs = registry.lookup(ours).map(ComponentType::haystackName).orElse(null);
            if (theirs == null) {
                throw new SerializationException("Component '" + e.getKey() + "' (" + ours + ") has no Haystack "
                        + "counterpart; dump with TypeNames.HAYLOFT instead");
            }
            c.put("type", theirs);
            rewriteNested(c.get("init_parameters"), registry, "components." + e.getKey() + ".init_parameters");
        }
    }

    @SuppressWarnings("unchecked")
    private static void rewriteNested(Object v, ComponentRegistry registry, String path) {
        if (v instanceof Map) {
            Map<String, Object> m = (Map<String, Object>) v;
            Object type = m.get("type");
            if (type instanceof String && NESTED_TYPES.containsKey(type) && m.containsKey("data")) {
                m.put("type", NESTED_TYPES.get(type));
            } else if (type instanceof String && m.get("init_parameters") instanceof Map) {
                ComponentType ct = registry.lookup((String) type).orElse(null);
                if (ct != null) {
                    if (ct.haystackName() == null) {
                        throw new SerializationException("Component at " + path + " (" + type + ") has no Haystack "
                                + "counterpart; dump with TypeNames.HAYLOFT instead");
                    }
                    m.put("type", ct.haystackName());
                }
            }
            Object cb = m.get("streaming_callback");
            if (cb instanceof String && CALLBACKS.containsKey(cb)) {
                m.put("streaming_callback", CALLBACKS.get(cb));
            }
            m.forEach((k, child) -> rewriteNested(child, registry, path + "." + k));
        } else if (v instanceof List) {
            List<Object> l = (List<Object>) v;
            for (int i = 0; i < l.size(); i++) {
                rewriteNested(l.get(i), registry, path + "[" + i + "]");
            }
        }
    }
}
