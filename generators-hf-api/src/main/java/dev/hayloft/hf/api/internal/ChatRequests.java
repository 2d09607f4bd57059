package dev.hayloft.hf.api.internal;

import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.serde.JsonValues;
import dev.hayloft.core.tools.Tool;
import dev.hayloft.hf.api.ResponseFormat;
import dev.hayloft.hf.api.ServerBackend;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The JSON body of a {@code POST /v1/chat/completions}, as {@code huggingface_hub}'s
 * {@code chat_completion} sends it for Haystack: {@code model} first (when there is one),
 * {@code messages} ({@link HfMessages}), the generation kwargs as given, {@code tools}
 * ({@code {"type": "function", "function": {"name", "description", "parameters"}}} with
 * {@code $defs} references inlined, which the Hugging Face API does not resolve), then
 * {@code stream} and, when streaming, {@code stream_options: {"include_usage": true}}. Unlike
 * Haystack, tools are also sent with streaming. A {@code response_format} is translated for the
 * server ({@link StructuredOutputs}); the backend is only looked up when there is one.
 *
 * <pre>{@code
 * Map<String, Object> body = ChatRequests.chat(endpoint.chatModel(), messages, kwargs, tools, true,
 *         () -> ServerBackend.TGI);
 * }</pre>
 */
public final class ChatRequests {
    private static final Set<String> NOT_KWARGS = Set.of("model", "messages", "stream", "tools");

    private ChatRequests() {
    }

    /**
     * The chat body.
     *
     * @param kwargs the merged generation kwargs (not modified)
     * @param backend looked up only when {@code kwargs} hold a {@code response_format}
     */
    public static Map<String, Object> chat(String model, List<ChatMessage> messages, Map<String, Object> kwargs,
            List<Tool> tools, boolean streaming, Supplier<ServerBackend> backend) {
        for (String key : NOT_KWARGS) {
            if (kwargs.containsKey(key)) {
                throw new IllegalArgumentException("generation_kwargs must not contain '" + key + "': "
                        + (key.equals("stream") ? "streaming is switched on by giving a streaming_callback"
                                : "it is set by the generator"));
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (model != null) {
            body.put("model", model);
        }
        body.put("messages", HfMessages.toWire(messages));
        Map<String, Object> rest = JsonValues.mutableMap(kwargs);
        ResponseFormat format = ResponseFormat.from(rest.remove("response_format"));
        body.putAll(rest);
        if (!tools.isEmpty()) {
            body.put("tools", toolDefinitions(tools));
        }
        if (format != null) {
            StructuredOutputs.applyToChat(body, format, backend.get(), !tools.isEmpty());
        }
        body.put("stream", streaming);
        if (streaming && !body.containsKey("stream_options")) {
            body.put("stream_options", JsonValues.map("include_usage", true));
        }
        return body;
    }

    /** The tools as the chat-completion API takes them. */
    public static List<Object> toolDefinitions(List<Tool> tools) {
        List<Object> out = new ArrayList<>(tools.size());
        for (Tool t : tools) {
            Map<String, Object> function = new LinkedHashMap<>();
            function.put("name", t.name());
            function.put("description", t.description());
            function.put("parameters", inlineDefs(JsonValues.mutableMap(t.parameters())));
            out.add(JsonValues.map("type", "function", "function", function));
        }
        return out;
    }

    /** {@code schema} with every {@code #/$defs/...} reference replaced by its definition and {@code $defs} dropped. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> inlineDefs(Map<String, Object> schema) {
        Object defs = schema.get("$defs");
        if (!(defs instanceof Map) || ((Map<?, ?>) defs).isEmpty()) {
            return schema;
        }
        return (Map<String, Object>) inline(schema, (Map<String, Object>) defs, Set.of());
    }

    @SuppressWarnings("unchecked")
    private static Object inline(Object v, Map<String, Object> defs, Set<String> resolving) {
        if (v instanceof Map) {
            Map<String, Object> m = (Map<String, Object>) v;
            Object ref = m.get("$ref");
            if (ref instanceof String && ((String) ref).startsWith("#/$defs/")) {
                String name = ((String) ref).substring("#/$defs/".length());
                if (defs.containsKey(name) && !resolving.contains(name)) {
                    Set<String> deeper = new java.util.HashSet<>(resolving);
                    deeper.add(name);
                    return inline(defs.get(name), defs, deeper);
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : m.entrySet()) {
                if (!e.getKey().equals("$defs")) {
                    out.put(e.getKey(), inline(e.getValue(), defs, resolving));
                }
            }
            return out;
        }
        if (v instanceof List) {
            List<Object> out = new ArrayList<>();
            for (Object o : (List<Object>) v) {
                out.add(inline(o, defs, resolving));
            }
            return out;
        }
        return v;
    }
}
