package dev.hayloft.observability.internal;

import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.ContentPart;
import dev.hayloft.core.dataclasses.ImageContent;
import dev.hayloft.core.dataclasses.ReasoningContent;
import dev.hayloft.core.dataclasses.TextContent;
import dev.hayloft.core.dataclasses.ToolCall;
import dev.hayloft.core.dataclasses.ToolCallResult;
import dev.hayloft.core.serde.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chat messages as the GenAI conventions' {@code gen_ai.input.messages} /
 * {@code gen_ai.output.messages} JSON: {@code [{"role": ..., "parts": [{"type": "text",
 * "content": ...}, {"type": "tool_call", "id", "name", "arguments"}, ...]}]}, output messages
 * with their {@code finish_reason}. Images are named by MIME type, never inlined. Only used
 * when content capture is on.
 *
 * <pre>{@code
 * String json = MessagesJson.of(List.of(ChatMessage.fromUser("Hi")), false);
 * // [{"role":"user","parts":[{"type":"text","content":"Hi"}]}]
 * }</pre>
 */
public final class MessagesJson {
    private MessagesJson() {
    }

    /** The messages as JSON; {@code output} adds each message's {@code finish_reason} from its meta. */
    public static String of(List<ChatMessage> messages, boolean output) {
        List<Object> out = new ArrayList<>(messages.size());
        for (ChatMessage m : messages) {
            Map<String, Object> msg = new LinkedHashMap<>();
            msg.put("role", m.role().value());
            List<Object> parts = new ArrayList<>();
            for (ContentPart p : m.content()) {
                parts.add(part(p));
            }
            msg.put("parts", parts);
            if (output && m.meta().get("finish_reason") instanceof String) {
                msg.put("finish_reason", m.meta().get("finish_reason"));
            }
            out.add(msg);
        }
        return Json.write(out);
    }

    private static Map<String, Object> part(ContentPart p) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (p instanceof TextContent) {
            m.put("type", "text");
            m.put("content", ((TextContent) p).text());
        } else if (p instanceof ToolCall) {
            ToolCall c = (ToolCall) p;
            m.put("type", "tool_call");
            m.put("id", c.id());
            m.put("name", c.toolName());
            m.put("arguments", c.arguments());
        } else if (p instanceof ToolCallResult) {
            ToolCallResult r = (ToolCallResult) p;
            m.put("type", "tool_call_response");
            m.put("id", r.origin() == null ? null : r.origin().id());
            m.put("response", r.result());
        } else if (p instanceof ReasoningContent) {
            m.put("type", "reasoning");
            m.put("content", ((ReasoningContent) p).reasoningText());
        } else if (p instanceof ImageContent) {
            m.put("type", "blob");
            m.put("modality", "image");
            m.put("mime_type", ((ImageContent) p).mimeType());
        } else {
            m.put("type", p.getClass().getSimpleName());
        }
        return m;
    }
}
