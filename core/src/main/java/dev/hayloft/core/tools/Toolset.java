package dev.hayloft.core.tools;

import dev.hayloft.core.serde.DeserializationContext;
import dev.hayloft.core.serde.DictReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A named group of {@link Tool}s with unique names, handed to a generator as one unit.
 * Serialises as Haystack's {@code {"type": ..., "data": {"tools": [...]}}}.
 *
 * <pre>{@code
 * Toolset math = Toolset.of(List.of(addTool, subtractTool));
 * Toolset all = math.with(weatherTool);        // a new toolset; duplicate names are refused
 * boolean has = all.contains("get_weather");
 * }</pre>
 */
public final class Toolset implements ToolSource, Iterable<Tool> {
    /** The type name this class serialises under. */
    public static final String TYPE = Toolset.class.getName();
    /** Haystack's type name, accepted when reading. */
    public static final String HAYSTACK_TYPE = "haystack.tools.toolset.Toolset";

    private final List<Tool> tools;

    private Toolset(List<Tool> tools) {
        Objects.requireNonNull(tools, "tools");
        this.tools = List.copyOf(tools);
        Tools.checkDuplicateNames(this.tools);
    }

    /** A toolset of {@code tools}; duplicate names are refused. */
    public static Toolset of(List<Tool> tools) {
        return new Toolset(tools);
    }

    /** A new toolset with {@code more} appended. */
    public Toolset with(ToolSource more) {
        List<Tool> all = new ArrayList<>(tools);
        all.addAll(more.tools());
        return new Toolset(all);
    }

    @Override
    public List<Tool> tools() {
        return tools;
    }

    /** Whether a tool with this name is in the set. */
    public boolean contains(String toolName) {
        for (Tool t : tools) {
            if (t.name().equals(toolName)) {
                return true;
            }
        }
        return false;
    }

    public int size() {
        return tools.size();
    }

    @Override
    public Iterator<Tool> iterator() {
        return tools.iterator();
    }

    @Override
    public Map<String, Object> toDict() {
        List<Object> list = new ArrayList<>();
        for (Tool t : tools) {
            list.add(t.toDict());
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("tools", list);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", TYPE);
        m.put("data", data);
        return m;
    }

    /** Reads Haystack's shape. */
    public static Toolset fromDict(DictReader r, DeserializationContext ctx) {
        String type = r.requireString("type");
        if (!TYPE.equals(type) && !HAYSTACK_TYPE.equals(type)) {
            throw r.error("type", "Unknown toolset type '" + type + "'; expected " + TYPE, null);
        }
        List<Tool> tools = r.child("data").optionalListOf("tools", (t, i) -> Tool.fromDict(t, ctx));
        try {
            return new Toolset(tools == null ? List.of() : tools);
        } catch (IllegalArgumentException e) {
            throw r.error("data", e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Toolset && tools.equals(((Toolset) o).tools);
    }

    @Override
    public int hashCode() {
        return tools.hashCode();
    }

    @Override
    public String toString() {
        return "Toolset" + tools;
    }
}
