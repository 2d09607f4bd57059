package dev.hayloft.hf.api.internal;

import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.ContentPart;
import dev.hayloft.core.dataclasses.FinishReason;
import dev.hayloft.core.dataclasses.ToolCall;
import dev.hayloft.core.serde.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tool-call shapes the servers behind the Hugging Face API send, read into one form:
 * {@code tool_calls} as a list or as a single object (TGI 2.x), a call's {@code id} as a string,
 * a number (TGI 2.x) or an empty string (no id), {@code function.arguments} as a JSON string
 * (OpenAI, TGI 3.x, vLLM) or an object (TGI 2.x), or under {@code parameters} instead of
 * {@code arguments}; and the finish reasons: TGI's {@code eos_token} / {@code stop_sequence} →
 * {@code stop}, {@code length}, anything else → {@code stop}, and {@code tool_calls} whenever
 * the reply carries tool calls, as Haystack maps them.
 *
 * <pre>{@code
 * List<?> calls = ToolCallShapes.calls(delta.get("tool_calls"));
 * String args = ToolCallShapes.arguments(function);   // "{\"city\": \"Paris\"}" whichever shape came
 * }</pre>
 */
public final class ToolCallShapes {
    private ToolCallShapes() {
    }

    /** The calls of a {@code tool_calls} value: a list, a single object as a one-element list, or empty. */
    public static List<?> calls(Object toolCalls) {
        if (toolCalls instanceof List) {
            return (List<?>) toolCalls;
        }
        if (toolCalls instanceof Map) {
            return List.of(toolCalls);
        }
        return List.of();
    }

    /** The call's {@code function} object, or an empty map. */
    public static Map<?, ?> function(Object call) {
        Object f = call instanceof Map ? ((Map<?, ?>) call).get("function") : null;
        return f instanceof Map ? (Map<?, ?>) f : Map.of();
    }

    /** The call's id as text; null when absent or empty. */
    public static String id(Object call) {
        Object id = call instanceof Map ? ((Map<?, ?>) call).get("id") : null;
        if (id instanceof Number) {
            return String.valueOf(((Number) id).longValue());
        }
        return id instanceof String && !((String) id).isEmpty() ? (String) id : null;
    }

    /** The function's name, or null. */
    public static String name(Map<?, ?> function) {
        Object n = function.get("name");
        return n instanceof String ? (String) n : null;
    }

    /**
     * The function's arguments as JSON text: a string as it came, an object written as JSON,
     * {@code parameters} read when {@code arguments} is absent; null when there are none.
     */
    public static String arguments(Map<?, ?> function) {
        Object a = function.containsKey("arguments") ? function.get("arguments") : function.get("parameters");
        if (a == null || a instanceof String) {
            return (String) a;
        }
        return Json.write(a);
    }

    /**
     * The reply with TGI 2.0's streamed tool calls named: TGI 2.0.x streams {@code name: null}
     * on every delta and its raw tool grammar as the arguments,
     * {@code {"function": {"_name": "get_weather", "city": "Paris"}}} (only its non-streamed
     * path reads {@code _name} out). A call without a name whose arguments are exactly that
     * shape becomes {@code get_weather} with {@code {"city": "Paris"}}; anything else is kept.
     */
    public static ChatMessage namedFromArguments(ChatMessage reply) {
        boolean changed = false;
        List<ContentPart> parts = new ArrayList<>(reply.content().size());
        for (ContentPart part : reply.content()) {
            if (part instanceof ToolCall && ((ToolCall) part).toolName().isEmpty()) {
                ToolCall call = (ToolCall) part;
                Object function = call.arguments().size() == 1 ? call.arguments().get("function") : null;
                if (function instanceof Map && ((Map<?, ?>) function).get("_name") instanceof String) {
                    Map<String, Object> args = new LinkedHashMap<>();
                    ((Map<?, ?>) function).forEach((k, v) -> {
                        if (!"_name".equals(k)) {
                            args.put(String.valueOf(k), v);
                        }
                    });
                    parts.add(new ToolCall((String) ((Map<?, ?>) function).get("_name"), args, call.id()));
                    changed = true;
                    continue;
                }
            }
            parts.add(part);
        }
        return changed ? new ChatMessage(reply.role(), parts, reply.name(), reply.meta()) : reply;
    }

    /** Haystack's mapping of a finish reason (null stays null); {@code toolCalls}: the reply carries tool calls. */
    public static FinishReason finishReason(String raw, boolean toolCalls) {
        if (raw == null) {
            return null;
        }
        if (toolCalls) {
            return FinishReason.TOOL_CALLS;
        }
        FinishReason r = FinishReason.normalize(raw);
        return r == FinishReason.LENGTH || r == FinishReason.CONTENT_FILTER ? r : FinishReason.STOP;
    }
}
