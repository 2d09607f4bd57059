package dev.hayloft.hf.local.internal.component;

import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.ContentPart;
import dev.hayloft.core.dataclasses.ImageContent;
import dev.hayloft.core.dataclasses.TextContent;
import dev.hayloft.core.dataclasses.ToolCall;
import dev.hayloft.core.dataclasses.ToolCallResult;
import dev.hayloft.core.serde.JsonValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link ChatMessage} → the dict transformers' chat templates expect, as Haystack's
 * {@code convert_message_to_hf_format} builds it: {@code role}, {@code content} (a string, or
 * parts when images are present), {@code tool_calls} ({@code {"type": "function",
 * "function": {"name", "arguments": {...}}}}), {@code tool_call_id} for tool results.
 *
 * <pre>{@code
 * List<Map<String, Object>> hf = HfMessages.toHf(List.of(ChatMessage.fromUser("Hi")));
 * }</pre>
 */
public final class HfMessages {
    private HfMessages() {
    }

    public static List<Map<String, Object>> toHf(List<ChatMessage> messages) {
        List<Map<String, Object>> out = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            out.add(toHf(messages.get(i), i));
        }
        return out;
    }

    static Map<String, Object> toHf(ChatMessage m, int i) {
        List<ToolCallResult> results = m.toolCallResults();
        if (m.texts().isEmpty() && m.toolCalls().isEmpty() && results.isEmpty() && m.images().isEmpty()) {
            throw new IllegalArgumentException("messages[" + i + "]: a ChatMessage must contain at least one text, "
                    + "tool call, tool call result or image");
        }
        if (!results.isEmpty() && m.content().size() > 1) {
            throw new IllegalArgumentException("messages[" + i + "]: a message with a tool call result cannot contain "
                    + "any other content");
        }
        Map<String, Object> hf = new LinkedHashMap<>();
        hf.put("role", m.role().value());
        hf.put("content", "");
        if (!results.isEmpty()) {
            ToolCallResult r = results.get(0);
            hf.put("content", r.result());
            if (r.origin().id() != null) {
                hf.put("tool_call_id", r.origin().id());
            }
            return hf;
        }
        List<Object> parts = new ArrayList<>();
        for (ContentPart p : m.content()) {
            if (p instanceof TextContent) {
                parts.add(JsonValues.map("type", "text", "text", ((TextContent) p).text()));
            } else if (p instanceof ImageContent) {
                ImageContent img = (ImageContent) p;
                String url = "data:" + (img.mimeType() == null ? "image/jpeg" : img.mimeType()) + ";base64,"
                        + img.base64Image();
                parts.add(JsonValues.map("type", "image_url", "image_url", JsonValues.map("url", url)));
            }
        }
        if (parts.size() == 1 && m.images().isEmpty()) {
            hf.put("content", ((Map<?, ?>) parts.get(0)).get("text"));
        } else if (!parts.isEmpty()) {
            hf.put("content", parts);
        }
        if (!m.toolCalls().isEmpty()) {
            List<Object> calls = new ArrayList<>();
            for (ToolCall tc : m.toolCalls()) {
                Map<String, Object> call = JsonValues.map("type", "function", "function",
                        JsonValues.map("name", tc.toolName(), "arguments", JsonValues.mutableMap(tc.arguments())));
                if (tc.id() != null) {
                    call.put("id", tc.id());
                }
                calls.add(call);
            }
            hf.put("tool_calls", calls);
        }
        return hf;
    }
}
