package dev.hayloft.hf.api.internal;

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
 * {@link ChatMessage} → the message object of the Hugging Face chat-completion API, exactly as
 * Haystack's {@code convert_message_to_hf_format}: {@code content} always present ({@code ""}
 * when empty), one text as a plain string, text and images as parts in their order (images as
 * {@code data:} URLs), tool calls with their arguments as a JSON object (not a string) and
 * their id when known, a tool result as {@code content} with its call's {@code tool_call_id}.
 *
 * <pre>{@code
 * List<Object> wire = HfMessages.toWire(List.of(ChatMessage.fromUser("Hi")));   // [{role=user, content=Hi}]
 * }</pre>
 */
public final class HfMessages {
    private HfMessages() {
    }

    /** The wire form of every message, in order. */
    public static List<Object> toWire(List<ChatMessage> messages) {
        List<Object> out = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage m = messages.get(i);
            if (m == null) {
                throw new IllegalArgumentException("messages[" + i + "] is null");
            }
            try {
                out.add(toWire(m));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("messages[" + i + "]: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** The wire form of one message. */
    public static Map<String, Object> toWire(ChatMessage message) {
        List<ToolCall> toolCalls = message.toolCalls();
        List<ToolCallResult> results = message.toolCallResults();
        List<ImageContent> images = message.images();
        if (message.texts().isEmpty() && toolCalls.isEmpty() && results.isEmpty() && images.isEmpty()) {
            throw new IllegalArgumentException("A `ChatMessage` must contain at least one `TextContent`, `ToolCall`, "
                    + "`ToolCallResult`, or `ImageContent`.");
        }
        if (!results.isEmpty() && message.content().size() > 1) {
            throw new IllegalArgumentException("For compatibility with the Hugging Face API, a `ChatMessage` with a "
                    + "`ToolCallResult` cannot contain any other content.");
        }
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("role", message.role().value());
        wire.put("content", "");
        if (!results.isEmpty()) {
            ToolCallResult result = results.get(0);
            wire.put("content", result.result());
            if (result.origin().id() != null) {
                wire.put("tool_call_id", result.origin().id());
            }
            return wire;
        }
        List<Object> parts = new ArrayList<>();
        for (ContentPart part : message.content()) {
            if (part instanceof TextContent) {
                parts.add(JsonValues.map("type", "text", "text", ((TextContent) part).text()));
            } else if (part instanceof ImageContent) {
                ImageContent image = (ImageContent) part;
                String mime = image.mimeType() == null || image.mimeType().isEmpty() ? "image/jpeg" : image.mimeType();
                parts.add(JsonValues.map("type", "image_url", "image_url",
                        JsonValues.map("url", "data:" + mime + ";base64," + image.base64Image())));
            }
        }
        if (parts.size() == 1 && images.isEmpty()) {
            wire.put("content", ((Map<?, ?>) parts.get(0)).get("text"));
        } else if (!parts.isEmpty()) {
            wire.put("content", parts);
        }
        if (!toolCalls.isEmpty()) {
            List<Object> calls = new ArrayList<>(toolCalls.size());
            for (ToolCall call : toolCalls) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("type", "function");
                c.put("function", JsonValues.map("name", call.toolName(), "arguments",
                        JsonValues.mutableMap(call.arguments())));
                if (call.id() != null) {
                    c.put("id", call.id());
                }
                calls.add(c);
            }
            wire.put("tool_calls", calls);
        }
        return wire;
    }
}
