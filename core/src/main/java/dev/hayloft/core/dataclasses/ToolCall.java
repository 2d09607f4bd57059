package dev.hayloft.core.dataclasses;

import dev.hayloft.core.serde.DictReader;
import dev.hayloft.core.serde.JsonValues;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A call to a tool that a model prepared, usually inside an assistant message. Serialises as
 * {@code {"tool_name": ..., "arguments": {...}, "id": ...}}.
 *
 * <pre>{@code
 * ToolCall call = new ToolCall("get_weather", Map.of("city", "Paris"), "call_1");
 * ChatMessage reply = ChatMessage.fromAssistant(null, List.of(call));
 * }</pre>
 *
 * @param toolName the tool to call
 * @param arguments the arguments, already parsed from the model's JSON
 * @param id the provider's id of the call, if it gave one
 */
public record ToolCall(String toolName, Map<String, Object> arguments, String id) implements ContentPart {
    public ToolCall {
        Objects.requireNonNull(toolName, "toolName");
        arguments = JsonValues.immutableMap(arguments);
    }

    /** A call without an id. */
    public ToolCall(String toolName, Map<String, Object> arguments) {
        this(toolName, arguments, null);
    }

    /** {@code {"tool_name", "arguments", "id"}}. */
    public Map<String, Object> toDict() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tool_name", toolName);
        m.put("arguments", JsonValues.mutableMap(arguments));
        m.put("id", id);
        return m;
    }

    @Override
    public Map<String, Object> toContentDict() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tool_call", toDict());
        return m;
    }

    /** Reads {@code {"tool_name", "arguments", "id"}}. */
    public static ToolCall fromDict(DictReader r) {
        Map<String, Object> args = r.optionalMap("arguments");
        if (args == null && !r.has("arguments")) {
            throw r.error("arguments", "missing field 'arguments'", null);
        }
        return new ToolCall(r.requireString("tool_name"), args, r.string("id", null));
    }
}
