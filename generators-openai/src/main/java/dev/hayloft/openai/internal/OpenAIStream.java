package dev.hayloft.openai.internal;

import com.openai.errors.OpenAIInvalidDataException;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.ComponentInfo;
import dev.hayloft.core.dataclasses.FinishReason;
import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.core.dataclasses.StreamingChunk;
import dev.hayloft.core.dataclasses.ToolCallDelta;
import dev.hayloft.core.generation.StreamingChunks;
import dev.hayloft.core.serde.FixedKeys;
import dev.hayloft.core.http.TruncatedStreamException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the chunks of a streamed chat completion into {@link StreamingChunk}s (Haystack's
 * {@code _convert_chat_completion_chunk_to_streaming_chunk}), hands each to the callback, and
 * assembles the reply with {@link StreamingChunks#toChatMessage}.
 *
 * <p>Chunk fields: text chunks have {@code index} 0 and the first one with text is marked
 * {@code start}; tool-call chunks take the index of their first delta and are marked
 * {@code start} when a call's name first appears; a usage-only chunk (no choices) has no
 * index. {@code meta} holds {@code model}, {@code index}, {@code tool_calls} (as received),
 * {@code finish_reason} (as received), {@code received_at} and {@code usage}.
 *
 * <p>Tolerates OpenAI-compatible servers that send {@code tool_calls: []} on text chunks,
 * repeat a call's name on every delta or send empty ids on continuations. A stream that ended
 * with {@code [DONE]} but without any finish reason (TGI 3.x tool-call streams) completes with
 * an inferred one: {@code tool_calls} when calls were streamed, else {@code stop}, and
 * {@code meta.finish_reason_inferred: true}. A stream that ends with neither was cut short and
 * fails with a {@link TruncatedStreamException} (mapped to a retryable
 * {@code ServerErrorException}). Streamed refusals ({@code delta.refusal}) are concatenated into
 * {@code meta.refusal}, as in a non-streamed reply. Azure OpenAI's content-filter annotations
 * are kept: a chunk's {@code prompt_filter_results} (Azure sends them in a first chunk without
 * choices) and a choice's {@code content_filter_results} go into that chunk's meta, and the
 * reply's meta gets all {@code prompt_filter_results} and the last non-empty
 * {@code content_filter_results}. Not thread-safe: one instance per stream.
 *
 * <pre>{@code
 * OpenAIStream stream = new OpenAIStream(componentInfo, callback);
 * boolean sawDone = SseChunks.read(response.body(), stream);
 * ChatMessage reply = stream.finish(sawDone);
 * }</pre>
 */
public final class OpenAIStream {
    private static final DateTimeFormatter RECEIVED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");
    private static final int MAX_CACHED_OFFSET_MILLIS = 60_000;
    /** meta keys of a chunk with a choice, in Haystack's order. */
    private static final FixedKeys CHOICE = FixedKeys.of("model", "index", "tool_calls", "finish_reason", "received_at",
            "usage");
    /** meta keys of a usage-only chunk (no choices). */
    private static final FixedKeys USAGE_ONLY = FixedKeys.of("model", "received_at", "usage");
    /** meta keys of a chunk with a choice that carries Azure's {@code content_filter_results}. */
    private static final FixedKeys CHOICE_FILTERED = FixedKeys.of("model", "index", "tool_calls", "finish_reason",
            "received_at", "usage", "content_filter_results");
    /** meta keys of a chunk without choices that carries Azure's {@code prompt_filter_results}. */
    private static final FixedKeys PROMPT_FILTERS = FixedKeys.of("model", "received_at", "usage",
            "prompt_filter_results");

    private final ComponentInfo componentInfo;
    private final StreamingCallback callback;
    private final List<StreamingChunk> chunks = new ArrayList<>();
    private final BitSet startedToolCalls = new BitSet();
    private boolean textStarted;
    private boolean finished;
    private boolean sawToolCalls;
    private StringBuilder refusal;
    private List<Object> promptFilters;
    private Object contentFilters;
    private final ZoneOffset offset = ZoneId.systemDefault().getRules().getOffset(Instant.now());
    private final long offsetSince = System.currentTimeMillis();
    private long stampMillis = Long.MIN_VALUE;
    private String stamp;

    public OpenAIStream(ComponentInfo componentInfo, StreamingCallback callback) {
        this.componentInfo = componentInfo;
        this.callback = callback;
    }

    /** Converts one chunk, records it and passes the result to the callback. */
    void accept(StreamingChunkFields chunk) {
        String model = chunk.model;
        Object usage = chunk.usage;
        Object prompts = chunk.promptFilterResults;
        if (prompts instanceof List) {
            (promptFilters == null ? promptFilters = new ArrayList<>() : promptFilters).addAll((List<?>) prompts);
        }
        if (!chunk.hasChoice) {
            Map<String, Object> meta = prompts == null ? USAGE_ONLY.map(model, now(), usage)
                    : PROMPT_FILTERS.map(model, now(), usage, prompts);
            emit(new StreamingChunk("", meta, componentInfo, null, null, null, false, null, null));
            return;
        }
        String rawFinish = chunk.finishReason;
        FinishReason finish = FinishReason.normalize(rawFinish);
        finished |= rawFinish != null;
        List<?> toolCalls = chunk.toolCalls;
        String content = chunk.content;
        String refused = chunk.refusal;
        if (refused != null && !refused.isEmpty()) {
            (refusal == null ? refusal = new StringBuilder() : refusal).append(refused);
        }
        Integer index = Integer.valueOf(chunk.choiceIndex);
        Object filters = chunk.contentFilterResults;
        if (filters instanceof Map && !((Map<?, ?>) filters).isEmpty()) {
            contentFilters = filters;
        }
        Map<String, Object> meta = filters == null ? CHOICE.map(model, index, toolCalls, rawFinish, now(), usage)
                : CHOICE_FILTERED.map(model, index, toolCalls, rawFinish, now(), usage, filters);
        if (toolCalls != null && !toolCalls.isEmpty()) {
            sawToolCalls = true;
            if (content != null && !content.isEmpty()) {
                emitText(content, false, null, meta);
            }
            emitToolCalls(toolCalls, finish, meta);
            return;
        }
        emitText(content, chunk.hasRole, finish, meta);
    }

    private void emitText(String content, boolean hasRole, FinishReason finish, Map<String, Object> meta) {
        boolean hasText = content != null && !content.isEmpty();
        boolean start = hasText && !textStarted;
        textStarted |= hasText;
        Integer index = hasText || (content != null && !hasRole) ? Integer.valueOf(0) : null;
        emit(new StreamingChunk(content == null ? "" : content, meta, componentInfo, index, null, null, start, finish,
                null));
    }

    private void emitToolCalls(List<?> toolCalls, FinishReason finish, Map<String, Object> meta) {
        List<ToolCallDelta> deltas = new ArrayList<>(toolCalls.size());
        boolean start = false;
        for (int i = 0; i < toolCalls.size(); i++) {
            if (!(toolCalls.get(i) instanceof Map)) {
                throw new OpenAIInvalidDataException("tool_calls[" + i + "] of a chunk is not a JSON object");
            }
            Map<?, ?> call = (Map<?, ?>) toolCalls.get(i);
            Object position = call.get("index");
            int index = position instanceof Integer ? (Integer) position : i;
            Map<?, ?> fn = call.get("function") instanceof Map ? (Map<?, ?>) call.get("function") : Map.of();
            String name = string(fn.get("name"));
            String arguments = string(fn.get("arguments"));
            deltas.add(new ToolCallDelta(index, name, arguments == null || arguments.isEmpty() ? null : arguments,
                    string(call.get("id"))));
            if (i == 0 && name != null && !name.isEmpty() && !startedToolCalls.get(index)) {
                start = true;
            }
            if (name != null && !name.isEmpty()) {
                startedToolCalls.set(index);
            }
        }
        emit(new StreamingChunk("", meta, componentInfo, deltas.get(0).index(), deltas, null, start, finish, null));
    }

    private static String string(Object o) {
        return o instanceof String ? (String) o : null;
    }

    private void emit(StreamingChunk chunk) {
        chunks.add(chunk);
        if (callback != null) {
            callback.onChunk(chunk);
        }
    }

    /** The assembled reply of a stream that ended with {@code [DONE]}. */
    public ChatMessage finish() {
        return finish(true);
    }

    /**
     * The assembled reply; fails when the stream ended before the model finished: neither a
     * finish reason nor {@code [DONE]} came ({@code sawDone}: whether {@code [DONE]} came).
     */
    public ChatMessage finish(boolean sawDone) {
        if (!finished && (!sawDone || chunks.isEmpty())) {
            throw new TruncatedStreamException("The response stream ended before the model finished (no "
                    + "finish_reason and no [DONE] after " + chunks.size() + " chunks); the connection was probably cut");
        }
        ChatMessage reply = StreamingChunks.toChatMessage(chunks);
        Map<String, Object> extra = new LinkedHashMap<>();
        if (!finished) {
            extra.put("finish_reason", (sawToolCalls ? FinishReason.TOOL_CALLS : FinishReason.STOP).value());
            extra.put("finish_reason_inferred", true);
        }
        if (refusal != null) {
            extra.put("refusal", refusal.toString());
        }
        if (contentFilters != null) {
            extra.put("content_filter_results", contentFilters);
        }
        if (promptFilters != null) {
            extra.put("prompt_filter_results", List.copyOf(promptFilters));
        }
        if (!extra.isEmpty()) {
            reply = reply.withMergedMeta(extra);
        }
        FinishReasons.warnIfAbnormal(reply.meta());
        return reply;
    }

    /** The chunks received so far. */
    public List<StreamingChunk> chunks() {
        return chunks;
    }

    /**
     * Local time of arrival in Python's {@code datetime.now().isoformat()} form. Formatting is
     * the costliest part of a chunk, so the text is reused within a millisecond.
     */
    private String now() {
        long ms = System.currentTimeMillis();
        if (ms != stampMillis) {
            ZoneOffset zone = ms - offsetSince < MAX_CACHED_OFFSET_MILLIS ? offset
                    : ZoneId.systemDefault().getRules().getOffset(Instant.ofEpochMilli(ms));
            stamp = RECEIVED_AT.format(LocalDateTime.ofEpochSecond(Math.floorDiv(ms, 1000),
                    Math.floorMod(ms, 1000) * 1_000_000, zone));
            stampMillis = ms;
        }
        return stamp;
    }
}
