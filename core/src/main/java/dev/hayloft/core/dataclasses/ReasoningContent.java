package dev.hayloft.core.dataclasses;

import dev.hayloft.core.serde.DictReader;
import dev.hayloft.core.serde.JsonValues;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The reasoning ("thinking") a model produced before its answer, with provider-specific
 * extras (e.g. a signature). Serialises as
 * {@code {"reasoning": {"reasoning_text": ..., "extra": {...}}}}.
 *
 * <pre>{@code
 * ChatMessage m = ChatMessage.assistant().reasoning(new ReasoningContent("Let me think", Map.of()))
 *         .text("42").build();
 * }</pre>
 *
 * @param reasoningText the reasoning text
 * @param extra provider-specific, JSON-serialisable details
 */
public record ReasoningContent(String reasoningText, Map<String, Object> extra) implements ContentPart {
    public ReasoningContent {
        Objects.requireNonNull(reasoningText, "reasoningText");
        extra = JsonValues.immutableMap(extra);
    }

    /** Reasoning text without extras. */
    public ReasoningContent(String reasoningText) {
        this(reasoningText, Map.of());
    }

    /** {@code {"reasoning_text": ..., "extra": {...}}}. */
    public Map<String, Object> toDict() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reasoning_text", reasoningText);
        m.put("extra", JsonValues.mutableMap(extra));
        return m;
    }

    @Override
    public Map<String, Object> toContentDict() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reasoning", toDict());
        return m;
    }

    /** Reads {@code {"reasoning_text": ..., "extra": {...}}}. */
    public static ReasoningContent fromDict(DictReader r) {
        Map<String, Object> extra = r.optionalMap("extra");
        return new ReasoningContent(r.requireString("reasoning_text"), extra);
    }
}
