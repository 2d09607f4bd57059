package dev.hayloft.core.dataclasses;

import dev.hayloft.core.serde.DictReader;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fragment of a tool call while it streams: the call's position ({@code index}) among the
 * reply's tool calls, and whichever of name, argument text and id this chunk carries.
 * Fragments with the same index are concatenated into one {@link ToolCall}.
 *
 * <pre>{@code
 * new ToolCallDelta(0, "get_weather", "{\"ci", "call_1");
 * new ToolCallDelta(0, null, "ty\": \"Paris\"}", null);
 * }</pre>
 *
 * @param index the call's position in the reply
 * @param toolName the tool's name, usually only on the first fragment
 * @param arguments a piece of the JSON argument text
 * @param id the call id, usually only on the first fragment
 */
public record ToolCallDelta(int index, String toolName, String arguments, String id) {
    public ToolCallDelta {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0 but was " + index);
        }
    }

    /** {@code {"index", "tool_name", "arguments", "id"}}. */
    public Map<String, Object> toDict() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", index);
        m.put("tool_name", toolName);
        m.put("arguments", arguments);
        m.put("id", id);
        return m;
    }

    /** Reads {@code {"index", "tool_name", "arguments", "id"}}. */
    public static ToolCallDelta fromDict(DictReader r) {
        Integer index = r.optionalInt("index");
        if (index == null) {
            throw r.error("index", "missing field 'index'", null);
        }
        return new ToolCallDelta(index, r.string("tool_name", null), r.string("arguments", null),
                r.string("id", null));
    }
}
