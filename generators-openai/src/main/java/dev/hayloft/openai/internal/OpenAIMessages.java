package dev.hayloft.openai.internal;

import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.ChatRole;
import dev.hayloft.core.dataclasses.ContentPart;
import dev.hayloft.core.dataclasses.ImageContent;
import dev.hayloft.core.dataclasses.TextContent;
import dev.hayloft.core.dataclasses.ToolCall;
import dev.hayloft.core.dataclasses.ToolCallResult;
import dev.hayloft.templates.JsonOptions;
import dev.hayloft.templates.Python;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link ChatMessage} → the message object of OpenAI's Chat Completions API, following
 * Haystack's {@code ChatMessage.to_openai_dict_format} (tool-call ids required).
 *
 * <pre>{@code
 * Map<String, Object> wire = OpenAIMessages.toWire(ChatMessage.fromUser("Hi"));   // {role=user, content=Hi}
 * }</pre>
 */
public final class OpenAIMessages {
    private OpenAIMessages() {
    }

    /** The wire form of every message, in order. */
    public static List<Object> toWire(List<ChatMessage> messages) {
        List<Object> out = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage m = messages.get(i);
            if (m == null) {
                throw new IllegalArgumentException("messages[" + i + "] is null");
            }
            out.add(toWire(m));
        }
        return out;
    }

    /** The wire form of one message. */
    public static Map<String, Object> toWire(ChatMessage message) {
        List<String> texts = message.texts();
        List<ToolCall> toolCalls = message.toolCalls();
        List<ToolCallResult> results = message.toolCallResults();
        List<ImageContent> images = message.images();
        if (texts.isEmpty() && toolCalls.isEmpty() && results.isEmpty() && images.isEmpty()) {
            throw new IllegalArgumentException("A `ChatMessage` must contain at least one `TextContent`, `ToolCall`, "
                    + "`ToolCallResult`, or `ImageContent`.");
        }
        if (!results.isEmpty() && message.content().size() > 1) {
            throw new IllegalArgumentException("For OpenAI compatibility, a `ChatMessage` with a `ToolCallResult` "
                    + "cannot contain any other content.");
        }
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("role", message.role().value());
        if (message.name() != null) {
            wire.put("name", message.name());
        }
        if (message.role() == ChatRole.USER) {
            wire.put("content", userContent(message));
            return wire;
        }
        if (!results.isEmpty()) {
            ToolCallResult result = results.get(0);
            wire.put("content", result.result());
            wire.put("tool_call_id", requireId(result.origin()));
            return wire;
        }
        if (!texts.isEmpty()) {
            wire.put("content", texts.get(0));
        }
        if (!toolCalls.isEmpty()) {
            List<Object> calls = new ArrayList<>(toolCalls.size());
            for (ToolCall call : toolCalls) {
                Map<String, Object> function = new LinkedHashMap<>();
                function.put("name", call.toolName());
                // Haystack: json.dumps(tc.arguments, ensure_ascii=False)
                function.put("arguments", Python.jsonDumps(call.arguments(), JsonOptions.DEFAULTS.withEnsureAscii(false)));
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("type", "function");
                c.put("function", function);
                c.put("id", requireId(call));
                calls.add(c);
            }
            wire.put("tool_calls", calls);
        }
        return wire;
    }

    private static Object userContent(ChatMessage message) {
        List<ContentPart> parts = message.content();
        if (parts.size() == 1 && parts.get(0) instanceof TextContent) {
            return ((TextContent) parts.get(0)).text();
        }
        List<Object> content = new ArrayList<>();
        for (ContentPart part : parts) {
            if (part instanceof TextContent) {
                Map<String, Object> text = new LinkedHashMap<>();
                text.put("type", "text");
                text.put("text", ((TextContent) part).text());
                content.add(text);
            } else if (part instanceof ImageContent) {
                ImageContent image = (ImageContent) part;
                Map<String, Object> url = new LinkedHashMap<>();
                String mime = image.mimeType() == null || image.mimeType().isEmpty() ? "image/jpeg" : image.mimeType();
                url.put("url", "data:" + mime + ";base64," + image.base64Image());
                if (image.detail() != null) {
                    url.put("detail", image.detail());
                }
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("type", "image_url");
                item.put("image_url", url);
                content.add(item);
            }
        }
        return content;
    }

    private static String requireId(ToolCall call) {
        if (call.id() == null) {
            throw new IllegalArgumentException("`ToolCall` must have a non-null `id` attribute to be used with OpenAI "
                    + "(tool '" + call.toolName() + "').");
        }
        return call.id();
    }
}
