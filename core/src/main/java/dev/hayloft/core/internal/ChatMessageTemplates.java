package dev.hayloft.core.internal;

import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.ChatRole;
import dev.hayloft.core.dataclasses.ContentPart;
import dev.hayloft.core.dataclasses.ImageContent;
import dev.hayloft.core.dataclasses.ReasoningContent;
import dev.hayloft.core.dataclasses.TextContent;
import dev.hayloft.core.dataclasses.ToolCall;
import dev.hayloft.core.dataclasses.ToolCallResult;
import dev.hayloft.core.serde.DictReader;
import dev.hayloft.core.serde.Json;
import dev.hayloft.templates.Python;
import dev.hayloft.templates.TemplateFilter;
import dev.hayloft.templates.TemplateTag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Haystack's {@code ChatMessageExtension}: the {@code {% message role="user" name=... meta={...} %}
 * ...{% endmessage %}} tag renders its body, splits it into text and {@code templatize_part}
 * content parts, and outputs the resulting {@code ChatMessage} as one JSON line, which
 * {@code ChatPromptBuilder} reads back; the {@code templatize_part} filter embeds a content part.
 *
 * <pre>{@code
 * TemplateEnvironment env = TemplateEnvironment.haystack().toBuilder()
 *         .tag(ChatMessageTemplates.MESSAGE_TAG).filter("templatize_part", ChatMessageTemplates.TEMPLATIZE_PART).build();
 * }</pre>
 */
public final class ChatMessageTemplates {
    static final String START = "<haystack_content_part>";
    static final String END = "</haystack_content_part>";

    /** The {@code message} block tag. */
    public static final TemplateTag MESSAGE_TAG = new TemplateTag("message", List.of("role", "name", "meta"),
            ChatMessageTemplates::message);

    /** The {@code templatize_part} filter. */
    public static final TemplateFilter TEMPLATIZE_PART = (value, args, kwargs) -> {
        if (!(value instanceof ContentPartViews.PartView view)) {
            String type = value == null ? "NoneType" : value instanceof dev.hayloft.templates.TemplateObject o
                    ? o.typeName() : value instanceof Boolean ? "bool" : value instanceof Long ? "int"
                    : value instanceof Number ? "float" : value instanceof String ? "str" : value instanceof List
                    ? "list" : value instanceof Map ? "dict" : value.getClass().getSimpleName();
            throw new IllegalArgumentException("Unsupported type in ChatMessage content: `" + type + "` for `"
                    + Python.str(value) + "`.");
        }
        return START + Json.write(view.part().toContentDict()) + END;
    };

    private ChatMessageTemplates() {
    }

    private static String message(Map<String, Object> attributes, String body) {
        if (!attributes.containsKey("role")) {
            throw new IllegalArgumentException("expected token 'role'");
        }
        Object role = attributes.get("role");
        Object name = attributes.get("name");
        Object meta = attributes.getOrDefault("meta", Map.of());
        if (name != null && !(name instanceof String)) {
            throw new IllegalArgumentException("name must be a string");
        }
        if (!(meta instanceof Map<?, ?> metaMap)) {
            throw new IllegalArgumentException("meta must be a dictionary");
        }
        ChatRole r = role(role);
        List<ContentPart> parts = parseParts(body);
        Map<String, Object> m = new LinkedHashMap<>();
        metaMap.forEach((k, v) -> m.put(String.valueOf(k), jsonValue(v)));
        return Json.write(build(r, parts, (String) name, m).toDict()) + "\n";
    }

    private static ChatRole role(Object role) {
        for (ChatRole r : ChatRole.values()) {
            if (r.value().equals(role)) {
                return r;
            }
        }
        throw new IllegalArgumentException("Role must be one of: user, system, assistant, tool");
    }

    private static Object jsonValue(Object v) {
        if (v instanceof dev.hayloft.templates.TemplateObject o) {
            throw new IllegalArgumentException("Object of type " + o.typeName() + " is not JSON serializable");
        }
        return v;
    }

    static List<ContentPart> parseParts(String content) {
        if (content.isBlank()) {
            throw new IllegalArgumentException("Message content in template is empty or contains only whitespace "
                    + "characters. Content: " + Python.repr(content));
        }
        List<ContentPart> parts = new ArrayList<>();
        int cursor = 0;
        while (cursor < content.length()) {
            int start = content.indexOf(START, cursor);
            if (start < 0) {
                addText(parts, content.substring(cursor));
                break;
            }
            addText(parts, content.substring(cursor, start));
            int bodyStart = start + START.length();
            int end = content.indexOf(END, bodyStart);
            if (end < 0) {
                String snippet = content.substring(start, Math.min(content.length(), start + 50));
                throw new IllegalArgumentException("Found unclosed " + START + " tag at position "
                        + content.codePointCount(0, start) + ". Content: '" + snippet + "...'");
            }
            parts.add(ContentPart.fromContentDict(DictReader.of(Json.parseObject(content.substring(bodyStart, end)),
                    "content_part")));
            cursor = end + END.length();
        }
        return parts;
    }

    private static void addText(List<ContentPart> parts, String text) {
        String t = text.strip();
        if (!t.isEmpty()) {
            parts.add(new TextContent(t));
        }
    }

    private static ChatMessage build(ChatRole role, List<ContentPart> parts, String name, Map<String, Object> meta) {
        switch (role) {
            case USER:
                for (ContentPart p : parts) {
                    if (!(p instanceof TextContent) && !(p instanceof ImageContent)) {
                        throw new IllegalArgumentException("User message must contain only TextContent, string or "
                                + "ImageContent parts.");
                    }
                }
                return new ChatMessage(role, parts, name, meta);
            case SYSTEM:
                if (!(parts.get(0) instanceof TextContent text)) {
                    throw new IllegalArgumentException("System message must contain a text part.");
                }
                if (parts.size() > 1) {
                    throw new IllegalArgumentException("System message must contain only one text part.");
                }
                return ChatMessage.fromSystem(text.text(), meta, name);
            case ASSISTANT:
                return assistant(parts, name, meta);
            default:
                if (parts.size() != 1 || !(parts.get(0) instanceof ToolCallResult result)) {
                    throw new IllegalArgumentException("Tool message must contain only one tool call result.");
                }
                return ChatMessage.fromTool(result.result(), result.origin(), result.error(), meta);
        }
    }

    private static ChatMessage assistant(List<ContentPart> parts, String name, Map<String, Object> meta) {
        List<String> texts = new ArrayList<>();
        List<ToolCall> calls = new ArrayList<>();
        List<ReasoningContent> reasoning = new ArrayList<>();
        for (ContentPart p : parts) {
            if (p instanceof TextContent t) {
                texts.add(t.text());
            } else if (p instanceof ToolCall c) {
                calls.add(c);
            } else if (p instanceof ReasoningContent rc) {
                reasoning.add(rc);
            }
        }
        if (texts.size() > 1) {
            throw new IllegalArgumentException("Assistant message must contain one text part at most.");
        }
        if (texts.isEmpty() && calls.isEmpty()) {
            throw new IllegalArgumentException("Assistant message must contain at least one text or tool call part.");
        }
        if (parts.size() > texts.size() + calls.size() + reasoning.size()) {
            throw new IllegalArgumentException("Assistant message must contain only text, tool call or reasoning "
                    + "parts.");
        }
        return ChatMessage.assistant().name(name).meta(meta).text(texts.isEmpty() ? null : texts.get(0))
                .toolCalls(calls).reasoning(reasoning.isEmpty() ? null : reasoning.get(0)).build();
    }
}
