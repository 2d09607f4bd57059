package dev.hayloft.core.internal;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.tag.Tag;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Haystack's {@code {% message role="user" name=... meta={...} %}...{% endmessage %}} tag:
 * renders its body, splits it into text and {@code templatize_part} content parts, and emits
 * the resulting {@code ChatMessage} as one JSON line for {@code ChatPromptBuilder}.
 */
final class ChatMessageTag implements Tag {
    private static final long serialVersionUID = 1L;
    static final String START = "<haystack_content_part>";
    static final String END = "</haystack_content_part>";

    @Override
    public String getName() {
        return "message";
    }

    @Override
    public String getEndTagName() {
        return "endmessage";
    }

    @Override
    public String interpret(TagNode tagNode, JinjavaInterpreter interpreter) {
        Map<String, String> attrs = attributes(tagNode.getHelpers());
        int line = tagNode.getLineNumber();
        if (!attrs.containsKey("role")) {
            throw new IllegalArgumentException("line " + line + ": the message tag needs role=...");
        }
        Object role = interpreter.resolveELExpression(attrs.get("role"), line);
        Object name = attrs.containsKey("name") ? interpreter.resolveELExpression(attrs.get("name"), line) : null;
        Object meta = attrs.containsKey("meta") ? interpreter.resolveELExpression(attrs.get("meta"), line) : null;
        if (name != null && !(name instanceof String)) {
            throw new IllegalArgumentException("line " + line + ": name must be a string");
        }
        if (meta != null && !(meta instanceof Map)) {
            throw new IllegalArgumentException("line " + line + ": meta must be a dictionary");
        }
        StringBuilder body = new StringBuilder();
        for (Node child : tagNode.getChildren()) {
            body.append(child.render(interpreter).getValue());
        }
        List<ContentPart> parts = parseParts(body.toString());
        ChatMessage message = build(String.valueOf(role), parts, (String) name, metaMap(meta));
        return Json.write(message.toDict()) + "\n";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metaMap(Object meta) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (meta != null) {
            ((Map<Object, Object>) meta).forEach((k, v) -> out.put(String.valueOf(k), v));
        }
        return out;
    }

    static List<ContentPart> parseParts(String content) {
        if (content.isBlank()) {
            throw new IllegalArgumentException("Message content in template is empty or contains only whitespace "
                    + "characters.");
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
                throw new IllegalArgumentException("Found unclosed " + START + " tag at position " + start);
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

    private static ChatMessage build(String role, List<ContentPart> parts, String name, Map<String, Object> meta) {
        ChatRole r;
        try {
            r = ChatRole.fromValue(role);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Role must be one of: user, system, assistant, tool; got '" + role + "'");
        }
        switch (r) {
            case USER:
                for (ContentPart p : parts) {
                    if (!(p instanceof TextContent) && !(p instanceof ImageContent)) {
                        throw new IllegalArgumentException("User message must contain only text or image parts.");
                    }
                }
                return new ChatMessage(r, parts, name, meta);
            case SYSTEM:
                if (parts.size() != 1 || !(parts.get(0) instanceof TextContent)) {
                    throw new IllegalArgumentException("System message must contain exactly one text part.");
                }
                return new ChatMessage(r, parts, name, meta);
            case ASSISTANT: {
                List<String> texts = new ArrayList<>();
                ChatMessage.AssistantBuilder b = ChatMessage.assistant().name(name).meta(meta);
                List<ToolCall> calls = new ArrayList<>();
                for (ContentPart p : parts) {
                    if (p instanceof TextContent) {
                        texts.add(((TextContent) p).text());
                    } else if (p instanceof ToolCall) {
                        calls.add((ToolCall) p);
                    } else if (p instanceof ReasoningContent) {
                        b.reasoning((ReasoningContent) p);
                    } else {
                        throw new IllegalArgumentException("Assistant message must contain only text, tool calls or "
                                + "reasoning.");
                    }
                }
                if (texts.size() > 1) {
                    throw new IllegalArgumentException("Assistant message must contain only one text part.");
                }
                return b.text(texts.isEmpty() ? null : texts.get(0)).toolCalls(calls).build();
            }
            default:
                if (parts.size() != 1 || !(parts.get(0) instanceof ToolCallResult)) {
                    throw new IllegalArgumentException("Tool message must contain exactly one tool call result.");
                }
                return new ChatMessage(r, parts, null, meta);
        }
    }

    /** Splits {@code role="user" name=n meta={...}} at top-level {@code key=} boundaries. */
    static Map<String, String> attributes(String helpers) {
        Map<String, String> out = new LinkedHashMap<>();
        String s = helpers == null ? "" : helpers.trim();
        List<int[]> spans = JinjaTokens.spans(s);
        String key = null;
        int valueStart = 0;
        int depth = 0;
        for (int i = 0; i < spans.size(); i++) {
            String t = s.substring(spans.get(i)[0], spans.get(i)[1]);
            if (t.equals("(") || t.equals("[") || t.equals("{")) {
                depth++;
            } else if (t.equals(")") || t.equals("]") || t.equals("}")) {
                depth--;
            } else if (depth == 0 && JinjaTokens.isName(t) && i + 1 < spans.size()
                    && s.substring(spans.get(i + 1)[0], spans.get(i + 1)[1]).equals("=")) {
                if (key != null) {
                    out.put(key, s.substring(valueStart, spans.get(i)[0]).trim());
                }
                key = t;
                valueStart = spans.get(i + 1)[1];
                i++;
            }
        }
        if (key != null) {
            out.put(key, s.substring(valueStart).trim());
        }
        return out;
    }
}
