package dev.hayloft.core.dataclasses;

import dev.hayloft.core.serde.DictReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The textual content of a chat message. Serialises as {@code {"text": "..."}}.
 *
 * <pre>{@code
 * ChatMessage m = ChatMessage.fromUser(List.of(new TextContent("Describe this"), image));
 * }</pre>
 *
 * @param text the text, never null (may be empty)
 */
public record TextContent(String text) implements ContentPart {
    public TextContent {
        Objects.requireNonNull(text, "text");
    }

    @Override
    public Map<String, Object> toContentDict() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", text);
        return m;
    }

    /** Reads {@code {"text": ...}}. */
    public static TextContent fromDict(DictReader r) {
        return new TextContent(r.requireString("text"));
    }
}
