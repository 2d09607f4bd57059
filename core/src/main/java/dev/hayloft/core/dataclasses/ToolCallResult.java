package dev.hayloft.core.dataclasses;

import dev.hayloft.core.serde.DictReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The result of invoking a tool, carried by a {@code tool} message. Serialises as
 * {@code {"tool_call_result": {"result": ..., "origin": {...}, "error": false}}}.
 *
 * <pre>{@code
 * ChatMessage toolMessage = ChatMessage.fromTool("22°C, sunny", call);
 * ToolCallResult r = toolMessage.toolCallResult();
 * }</pre>
 *
 * @param result the tool's output as text
 * @param origin the call that produced it
 * @param error whether the invocation failed
 */
public record ToolCallResult(String result, ToolCall origin, boolean error) implements ContentPart {
    public ToolCallResult {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(origin, "origin");
    }

    /** {@code {"result", "origin", "error"}}. */
    public Map<String, Object> toDict() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("result", result);
        m.put("origin", origin.toDict());
        m.put("error", error);
        return m;
    }

    @Override
    public Map<String, Object> toContentDict() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tool_call_result", toDict());
        return m;
    }

    /** Reads {@code {"result", "origin", "error"}}; all three are required. */
    public static ToolCallResult fromDict(DictReader r) {
        for (String k : new String[] {"result", "origin", "error"}) {
            if (!r.has(k)) {
                throw r.error(null, "Fields `result`, `origin`, `error` are required for ToolCallResult; got "
                        + r.map().keySet(), null);
            }
        }
        Object error = r.require("error");
        if (!(error instanceof Boolean)) {
            throw r.wrongType("error", "a boolean", error);
        }
        return new ToolCallResult(r.requireString("result"), ToolCall.fromDict(r.child("origin")), (Boolean) error);
    }
}
