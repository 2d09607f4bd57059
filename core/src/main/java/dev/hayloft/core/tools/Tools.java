package dev.hayloft.core.tools;

import dev.hayloft.core.errors.DeserializationException;
import dev.hayloft.core.serde.DeserializationContext;
import dev.hayloft.core.serde.DictReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Helpers for the {@code tools} parameter of chat generators: a list of {@link Tool}s and
 * {@link Toolset}s (or a single Toolset, in Haystack's serialised form).
 *
 * <pre>{@code
 * List<Tool> flat = Tools.flatten(List.of(toolA, Toolset.of(List.of(toolB))));
 * Object serialized = Tools.serialize(sources);                  // for toDict
 * List<ToolSource> back = Tools.deserialize(reader, "tools", ctx); // for fromDict
 * }</pre>
 */
public final class Tools {
    private Tools() {
    }

    /** All tools of {@code sources} in order; duplicate names are refused. Null gives an empty list. */
    public static List<Tool> flatten(List<? extends ToolSource> sources) {
        List<Tool> out = new ArrayList<>();
        if (sources == null) {
            return out;
        }
        for (ToolSource s : sources) {
            if (s == null) {
                throw new IllegalArgumentException("tools: null entry");
            }
            out.addAll(s.tools());
        }
        checkDuplicateNames(out);
        return out;
    }

    /** Fails with {@link IllegalArgumentException} listing duplicate tool names. */
    public static void checkDuplicateNames(List<Tool> tools) {
        Set<String> seen = new LinkedHashSet<>();
        Set<String> dups = new TreeSet<>();
        for (Tool t : tools) {
            if (!seen.add(t.name())) {
                dups.add(t.name());
            }
        }
        if (!dups.isEmpty()) {
            throw new IllegalArgumentException("Duplicate tool names found: " + dups);
        }
    }

    /**
     * The serialised form of {@code sources}: null, a single Toolset's dict when the list is
     * exactly one Toolset, else a list of dicts.
     */
    public static Object serialize(List<? extends ToolSource> sources) {
        if (sources == null) {
            return null;
        }
        if (sources.size() == 1 && sources.get(0) instanceof Toolset) {
            return sources.get(0).toDict();
        }
        List<Object> out = new ArrayList<>();
        for (ToolSource s : sources) {
            out.add(s.toDict());
        }
        return out;
    }

    /** Reads what {@link #serialize} wrote under {@code key}; null when absent. */
    public static List<ToolSource> deserialize(DictReader r, String key, DeserializationContext ctx) {
        Object raw = r.raw(key);
        if (raw == null) {
            return null;
        }
        if (raw instanceof Map) {
            return List.of(Toolset.fromDict(r.child(key), ctx));
        }
        if (!(raw instanceof List)) {
            throw r.wrongType(key, "a list of tools or a toolset", raw);
        }
        List<ToolSource> out = r.optionalListOf(key, (t, i) -> {
            String type = t.requireString("type");
            if (Tool.TYPE.equals(type) || Tool.HAYSTACK_TYPE.equals(type)) {
                return Tool.fromDict(t, ctx);
            }
            if (Toolset.TYPE.equals(type) || Toolset.HAYSTACK_TYPE.equals(type)) {
                return Toolset.fromDict(t, ctx);
            }
            throw new DeserializationException("Unknown tool type '" + type + "': neither a Tool nor a Toolset",
                    t.pathOf("type"), null);
        });
        try {
            flatten(out);
        } catch (IllegalArgumentException e) {
            throw r.error(key, e.getMessage(), e);
        }
        return out;
    }
}
