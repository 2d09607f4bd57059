package dev.hayloft.core.dataclasses;

import dev.hayloft.core.serde.DictReader;
import dev.hayloft.core.serde.JsonValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One piece of a streamed reply, delivered to a {@link StreamingCallback}.
 *
 * <p>A chunk carries at most one payload: text {@code content}, {@code toolCalls} deltas, a
 * {@code toolCallResult} or {@code reasoning}. {@code index} is the content block the chunk
 * belongs to and is required for non-text payloads; {@code start} marks the first chunk of a
 * block; the last chunk carries the {@code finishReason}. {@code meta} holds provider data
 * ({@code model}, {@code usage}, ...).
 *
 * <pre>{@code
 * StreamingCallback print = chunk -> System.out.print(chunk.content());
 * generator.run(messages, null, null, print);
 * }</pre>
 *
 * @param content text delta (empty when the chunk has another payload)
 * @param meta provider metadata
 * @param componentInfo the producing component, when known
 * @param index the content block this chunk belongs to
 * @param toolCalls tool-call deltas, or null
 * @param toolCallResult a tool result, or null
 * @param start whether this chunk starts a content block
 * @param finishReason set on the chunk that ends the generation
 * @param reasoning reasoning delta, or null
 */
public record StreamingChunk(String content, Map<String, Object> meta, ComponentInfo componentInfo, Integer index,
        List<ToolCallDelta> toolCalls, ToolCallResult toolCallResult, boolean start, FinishReason finishReason,
        ReasoningContent reasoning) {

    public StreamingChunk {
        Objects.requireNonNull(content, "content");
        meta = JsonValues.immutableMap(meta);
        toolCalls = toolCalls == null ? null : List.copyOf(toolCalls);
        int payloads = (content.isEmpty() ? 0 : 1) + (toolCalls == null || toolCalls.isEmpty() ? 0 : 1)
                + (toolCallResult == null ? 0 : 1) + (reasoning == null ? 0 : 1);
        if (payloads > 1) {
            throw new IllegalArgumentException("Only one of `content`, `tool_calls`, `tool_call_result` or `reasoning` "
                    + "may be set in a StreamingChunk");
        }
        boolean nonText = (toolCalls != null && !toolCalls.isEmpty()) || toolCallResult != null || reasoning != null;
        if (nonText && index == null) {
            throw new IllegalArgumentException("If `tool_calls`, `tool_call_result` or `reasoning` is set, `index` must "
                    + "also be set");
        }
    }

    /** A text-only chunk. */
    public static StreamingChunk ofText(String content) {
        return builder().content(content).build();
    }

    /** A builder with every field unset. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether this chunk carries tool-call deltas. */
    public boolean hasToolCalls() {
        return toolCalls != null && !toolCalls.isEmpty();
    }

    /**
     * Whether this chunk carries content (text, a tool-call delta, a tool result or
     * reasoning): what counts as the "first token" of a stream, unlike a chunk with only a role,
     * meta or a finish reason.
     */
    public boolean hasContent() {
        return !content.isEmpty() || hasToolCalls() || reasoning != null || toolCallResult != null;
    }

    /** Haystack's shape, all nine keys present. */
    public Map<String, Object> toDict() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("content", content);
        m.put("meta", JsonValues.mutableMap(meta));
        m.put("component_info", componentInfo == null ? null : componentInfo.toDict());
        m.put("index", index);
        if (hasToolCalls()) {
            List<Object> l = new ArrayList<>();
            for (ToolCallDelta d : toolCalls) {
                l.add(d.toDict());
            }
            m.put("tool_calls", l);
        } else {
            m.put("tool_calls", null);
        }
        m.put("tool_call_result", toolCallResult == null ? null : toolCallResult.toDict());
        m.put("start", start);
        m.put("finish_reason", finishReason == null ? null : finishReason.value());
        m.put("reasoning", reasoning == null ? null : reasoning.toDict());
        return m;
    }

    /** Reads Haystack's shape; only {@code content} is required. */
    public static StreamingChunk fromDict(Map<String, ?> data) {
        DictReader r = DictReader.of(data, "");
        if (!r.has("content")) {
            throw r.error("content", "Missing required field `content` in StreamingChunk", null);
        }
        Object cir = r.raw("component_info");
        Object tcr = r.raw("tool_call_result");
        Object rr = r.raw("reasoning");
        String fr = r.string("finish_reason", null);
        try {
            return new StreamingChunk(r.requireString("content"), r.optionalMap("meta"),
                    cir == null ? null : ComponentInfo.fromDict(r.child("component_info")), r.optionalInt("index"),
                    r.optionalListOf("tool_calls", (d, i) -> ToolCallDelta.fromDict(d)),
                    tcr == null ? null : ToolCallResult.fromDict(r.child("tool_call_result")),
                    r.bool("start", false), FinishReason.fromValue(fr),
                    rr == null ? null : ReasoningContent.fromDict(r.child("reasoning")));
        } catch (IllegalArgumentException e) {
            throw r.error(null, e.getMessage(), e);
        }
    }

    /** Builds chunks field by field. */
    public static final class Builder {
        private String content = "";
        private Map<String, Object> meta = Map.of();
        private ComponentInfo componentInfo;
        private Integer index;
        private List<ToolCallDelta> toolCalls;
        private ToolCallResult toolCallResult;
        private boolean start;
        private FinishReason finishReason;
        private ReasoningContent reasoning;

        private Builder() {
        }

        public Builder content(String content) {
            this.content = content == null ? "" : content;
            return this;
        }

        public Builder meta(Map<String, Object> meta) {
            this.meta = meta;
            return this;
        }

        public Builder componentInfo(ComponentInfo componentInfo) {
            this.componentInfo = componentInfo;
            return this;
        }

        public Builder index(Integer index) {
            this.index = index;
            return this;
        }

        public Builder toolCalls(List<ToolCallDelta> toolCalls) {
            this.toolCalls = toolCalls;
            return this;
        }

        public Builder toolCallResult(ToolCallResult toolCallResult) {
            this.toolCallResult = toolCallResult;
            return this;
        }

        public Builder start(boolean start) {
            this.start = start;
            return this;
        }

        public Builder finishReason(FinishReason finishReason) {
            this.finishReason = finishReason;
            return this;
        }

        public Builder reasoning(ReasoningContent reasoning) {
            this.reasoning = reasoning;
            return this;
        }

        public StreamingChunk build() {
            return new StreamingChunk(content, meta, componentInfo, index, toolCalls, toolCallResult, start,
                    finishReason, reasoning);
        }
    }
}
