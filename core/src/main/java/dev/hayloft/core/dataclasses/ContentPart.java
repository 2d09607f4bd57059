package dev.hayloft.core.dataclasses;

import dev.hayloft.core.serde.DictReader;
import java.util.Map;

/**
 * One part of a {@link ChatMessage}'s content: text, an image, a tool call, a tool call's
 * result or the model's reasoning.
 *
 * <p>Dispatch with {@code instanceof} patterns:
 *
 * <pre>{@code
 * for (ContentPart part : message.content()) {
 *     if (part instanceof TextContent t) {
 *         System.out.println(t.text());
 *     } else if (part instanceof ToolCall call) {
 *         System.out.println("call " + call.toolName());
 *     }
 * }
 * }</pre>
 */
public sealed interface ContentPart permits TextContent, ImageContent, ToolCall, ToolCallResult, ReasoningContent {

    /**
     * The part's entry in a serialised {@code ChatMessage}'s {@code content} list, e.g.
     * {@code {"text": "Hi"}} or {@code {"tool_call": {...}}}.
     */
    Map<String, Object> toContentDict();

    /**
     * Reads one entry of a serialised {@code content} list; accepts the keys {@code text},
     * {@code image}, {@code tool_call}, {@code tool_call_result} and {@code reasoning}.
     */
    static ContentPart fromContentDict(DictReader part) {
        if (part.has("text")) {
            return TextContent.fromDict(part);
        }
        if (part.has("tool_call")) {
            return ToolCall.fromDict(part.child("tool_call"));
        }
        if (part.has("tool_call_result")) {
            return ToolCallResult.fromDict(part.child("tool_call_result"));
        }
        if (part.has("image")) {
            return ImageContent.fromDict(part.child("image"));
        }
        if (part.has("reasoning")) {
            return ReasoningContent.fromDict(part.child("reasoning"));
        }
        throw part.error(null, "Unsupported content part with keys " + part.map().keySet()
                + ": each part must contain one of 'text', 'image', 'reasoning', 'tool_call' or 'tool_call_result'",
                null);
    }
}
