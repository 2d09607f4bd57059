package dev.hayloft.core.dataclasses;

import dev.hayloft.core.errors.DeserializationException;
import dev.hayloft.core.serde.DictReader;
import dev.hayloft.core.serde.JsonValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One message of a conversation with a language model: who wrote it ({@link #role()}), what
 * it contains ({@link #content()}: text, images, tool calls, tool results, reasoning), an
 * optional participant {@link #name()}, and {@link #meta()} (for replies: {@code model},
 * {@code index}, {@code finish_reason}, {@code usage}, ...).
 *
 * <p>Immutable. Build messages with the factories; serialise with {@link #toDict()}, which
 * produces Haystack's shape {@code {"role", "meta", "name", "content": [...]}}.
 *
 * <pre>{@code
 * List<ChatMessage> messages = List.of(
 *         ChatMessage.fromSystem("You are terse."),
 *         ChatMessage.fromUser("What is the capital of France?"));
 * ChatMessage reply = generator.run(messages).replies().get(0);
 * System.out.println(reply.text() + " " + reply.meta().get("finish_reason"));
 * }</pre>
 *
 * @param role the author
 * @param content the parts, in order
 * @param name optional participant name (OpenAI only)
 * @param meta metadata, JSON-like values
 */
public record ChatMessage(ChatRole role, List<ContentPart> content, String name, Map<String, Object> meta) {

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
        for (int i = 0; i < content.size(); i++) {
            if (content.get(i) == null) {
                throw new NullPointerException("content[" + i + "] is null");
            }
        }
        content = List.copyOf(content);
        meta = JsonValues.immutableMap(meta);
    }

    /** A user message with one text part. */
    public static ChatMessage fromUser(String text) {
        Objects.requireNonNull(text, "text");
        return new ChatMessage(ChatRole.USER, List.of(new TextContent(text)), null, Map.of());
    }

    /** A user message with one text part, metadata and a participant name. */
    public static ChatMessage fromUser(String text, Map<String, Object> meta, String name) {
        Objects.requireNonNull(text, "text");
        return new ChatMessage(ChatRole.USER, List.of(new TextContent(text)), name, meta);
    }

    /** A user message of text and image parts (at least one). */
    public static ChatMessage fromUser(List<? extends ContentPart> parts) {
        Objects.requireNonNull(parts, "parts");
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("parts: the user message must contain at least one text or image part");
        }
        for (ContentPart p : parts) {
            if (!(p instanceof TextContent) && !(p instanceof ImageContent)) {
                throw new IllegalArgumentException("parts: a user message may contain only text or image parts, got "
                        + (p == null ? "null" : p.getClass().getSimpleName()));
            }
        }
        return new ChatMessage(ChatRole.USER, new ArrayList<>(parts), null, Map.of());
    }

    /** A system message. */
    public static ChatMessage fromSystem(String text) {
        Objects.requireNonNull(text, "text");
        return new ChatMessage(ChatRole.SYSTEM, List.of(new TextContent(text)), null, Map.of());
    }

    /** A system message with metadata and a participant name. */
    public static ChatMessage fromSystem(String text, Map<String, Object> meta, String name) {
        Objects.requireNonNull(text, "text");
        return new ChatMessage(ChatRole.SYSTEM, List.of(new TextContent(text)), name, meta);
    }

    /** An assistant message with text. */
    public static ChatMessage fromAssistant(String text) {
        return assistant().text(text).build();
    }

    /** An assistant message with optional text and tool calls. */
    public static ChatMessage fromAssistant(String text, List<ToolCall> toolCalls) {
        return assistant().text(text).toolCalls(toolCalls).build();
    }

    /** An assistant message with optional text, tool calls and metadata. */
    public static ChatMessage fromAssistant(String text, List<ToolCall> toolCalls, Map<String, Object> meta) {
        return assistant().text(text).toolCalls(toolCalls).meta(meta).build();
    }

    /** Starts an assistant message with reasoning, text, tool calls, name and metadata. */
    public static AssistantBuilder assistant() {
        return new AssistantBuilder();
    }

    /** A tool message carrying a successful result of {@code origin}. */
    public static ChatMessage fromTool(String result, ToolCall origin) {
        return fromTool(result, origin, false, Map.of());
    }

    /** A tool message carrying the result of {@code origin}; {@code error} marks a failed invocation. */
    public static ChatMessage fromTool(String result, ToolCall origin, boolean error, Map<String, Object> meta) {
        return new ChatMessage(ChatRole.TOOL, List.of(new ToolCallResult(result, origin, error)), null, meta);
    }

    /** A copy with {@code meta} replaced. */
    public ChatMessage withMeta(Map<String, Object> newMeta) {
        return new ChatMessage(role, content, name, newMeta);
    }

    /** A copy with {@code extra} merged over the existing metadata. */
    public ChatMessage withMergedMeta(Map<String, Object> extra) {
        Map<String, Object> m = new LinkedHashMap<>(meta);
        m.putAll(extra);
        return new ChatMessage(role, content, name, m);
    }

    /** Whether the message is from {@code r}. */
    public boolean isFrom(ChatRole r) {
        return role == r;
    }

    /** All text parts' texts. */
    public List<String> texts() {
        List<String> out = new ArrayList<>();
        for (ContentPart p : content) {
            if (p instanceof TextContent) {
                out.add(((TextContent) p).text());
            }
        }
        return out;
    }

    /** The first text, or {@code null} when the message has none. */
    public String text() {
        for (ContentPart p : content) {
            if (p instanceof TextContent) {
                return ((TextContent) p).text();
            }
        }
        return null;
    }

    /** All tool calls. */
    public List<ToolCall> toolCalls() {
        return partsOf(ToolCall.class);
    }

    /** The first tool call or {@code null}. */
    public ToolCall toolCall() {
        return first(ToolCall.class);
    }

    /** All tool call results. */
    public List<ToolCallResult> toolCallResults() {
        return partsOf(ToolCallResult.class);
    }

    /** The first tool call result or {@code null}. */
    public ToolCallResult toolCallResult() {
        return first(ToolCallResult.class);
    }

    /** All images. */
    public List<ImageContent> images() {
        return partsOf(ImageContent.class);
    }

    /** The first image or {@code null}. */
    public ImageContent image() {
        return first(ImageContent.class);
    }

    /** All reasoning parts. */
    public List<ReasoningContent> reasonings() {
        return partsOf(ReasoningContent.class);
    }

    /** The first reasoning part or {@code null}. */
    public ReasoningContent reasoning() {
        return first(ReasoningContent.class);
    }

    private <T extends ContentPart> List<T> partsOf(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (ContentPart p : content) {
            if (type.isInstance(p)) {
                out.add(type.cast(p));
            }
        }
        return out;
    }

    private <T extends ContentPart> T first(Class<T> type) {
        for (ContentPart p : content) {
            if (type.isInstance(p)) {
                return type.cast(p);
            }
        }
        return null;
    }

    /** Haystack's shape: {@code {"role", "meta", "name", "content": [part, ...]}}. */
    public Map<String, Object> toDict() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", role.value());
        m.put("meta", JsonValues.mutableMap(meta));
        m.put("name", name);
        List<Object> parts = new ArrayList<>(content.size());
        for (ContentPart p : content) {
            parts.add(p.toContentDict());
        }
        m.put("content", parts);
        return m;
    }

    /** Reads a message dict; see {@link #fromDict(DictReader)}. */
    public static ChatMessage fromDict(Map<String, ?> data) {
        return fromDict(DictReader.of(data, ""));
    }

    /**
     * Reads the current shape ({@code content} a list of parts) and Haystack's two legacy
     * shapes: before 2.9 ({@code content} a plain string) and 2.9–2.11 ({@code _role},
     * {@code _content}, {@code _name}, {@code _meta}).
     */
    public static ChatMessage fromDict(DictReader r) {
        if (!r.has("role") && !r.has("_role")) {
            throw r.error(null, "The `role` field is required in a message; expected one of "
                    + List.of("user", "system", "assistant", "tool") + " but the message has keys "
                    + r.map().keySet(), null);
        }
        if (r.has("content")) {
            ChatRole role = role(r, "role");
            Object content = r.raw("content");
            List<ContentPart> parts;
            if (content instanceof List) {
                parts = r.optionalListOf("content", (pr, i) -> ContentPart.fromContentDict(pr));
            } else if (content instanceof String) {
                parts = List.of(new TextContent((String) content));
            } else {
                throw r.wrongType("content", "a list of content parts or a string", content);
            }
            return new ChatMessage(role, parts, r.string("name", null), r.optionalMap("meta"));
        }
        if (r.has("_content")) {
            ChatRole role = role(r, "_role");
            List<ContentPart> parts = r.optionalListOf("_content", (pr, i) -> ContentPart.fromContentDict(pr));
            return new ChatMessage(role, parts, r.string("_name", null), r.optionalMap("_meta"));
        }
        throw r.error(null, "Missing 'content' or '_content' in serialized ChatMessage", null);
    }

    private static ChatRole role(DictReader r, String key) {
        String value = r.requireString(key);
        try {
            return ChatRole.fromValue(value);
        } catch (IllegalArgumentException e) {
            throw new DeserializationException(e.getMessage(), r.pathOf(key), e);
        }
    }

    /** Builds assistant messages: reasoning first, then text, then tool calls (Haystack's order). */
    public static final class AssistantBuilder {
        private ReasoningContent reasoning;
        private String text;
        private final List<ToolCall> toolCalls = new ArrayList<>();
        private String name;
        private Map<String, Object> meta = Map.of();

        private AssistantBuilder() {
        }

        public AssistantBuilder text(String text) {
            this.text = text;
            return this;
        }

        public AssistantBuilder reasoning(ReasoningContent reasoning) {
            this.reasoning = reasoning;
            return this;
        }

        public AssistantBuilder reasoning(String reasoningText) {
            this.reasoning = reasoningText == null || reasoningText.isEmpty() ? null
                    : new ReasoningContent(reasoningText);
            return this;
        }

        public AssistantBuilder toolCalls(List<ToolCall> calls) {
            if (calls != null) {
                toolCalls.addAll(calls);
            }
            return this;
        }

        public AssistantBuilder name(String name) {
            this.name = name;
            return this;
        }

        public AssistantBuilder meta(Map<String, Object> meta) {
            this.meta = meta == null ? Map.of() : meta;
            return this;
        }

        public ChatMessage build() {
            List<ContentPart> parts = new ArrayList<>();
            if (reasoning != null) {
                parts.add(reasoning);
            }
            if (text != null) {
                parts.add(new TextContent(text));
            }
            parts.addAll(toolCalls);
            return new ChatMessage(ChatRole.ASSISTANT, parts, name, meta);
        }
    }
}
