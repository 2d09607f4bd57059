package dev.hayloft.openai.internal;

import com.openai.core.JsonValue;
import com.openai.models.chat.completions.ChatCompletionChunk;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.ComponentInfo;
import dev.hayloft.core.dataclasses.FinishReason;
import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.core.dataclasses.StreamingChunk;
import dev.hayloft.core.dataclasses.ToolCallDelta;
import dev.hayloft.core.generation.StreamingChunks;
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
import java.util.Optional;

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
 * response.stream().forEach(stream::accept);
 * ChatMessage reply = stream.finish(sawDone);
 * }</pre>
 */
public final class OpenAIStream {
    private static final DateTimeFormatter RECEIVED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");
    private static final int MAX_CACHED_OFFSET_MILLIS = 60_000;

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
    public void accept(ChatCompletionChunk chunk) {
        String model = chunk._model().asKnown().orElse(null);
        Object usage = chunk._usage().isMissing() || chunk._usage().isNull() ? null : OpenAIReplies.toJava(chunk._usage());
        List<ChatCompletionChunk.Choice> choices = chunk._choices().asKnown().orElse(List.of());
        Object prompts = annotation(chunk._additionalProperties().get("prompt_filter_results"));
        if (prompts instanceof List) {
            (promptFilters == null ? promptFilters = new ArrayList<>() : promptFilters).addAll((List<?>) prompts);
        }
        if (choices.isEmpty()) {
            Map<String, Object> meta = prompts == null ? new ChunkMeta(ChunkMeta.USAGE_ONLY, model, now(), usage)
                    : new ChunkMeta(ChunkMeta.PROMPT_FILTERS, model, now(), usage, prompts);
            emit(new StreamingChunk("", meta, componentInfo, null, null, null, false, null, null));
            return;
        }
        ChatCompletionChunk.Choice choice = choices.get(0);
        ChatCompletionChunk.Choice.Delta delta = choice._delta().asKnown().orElse(null);
        ChatCompletionChunk.Choice.FinishReason reason = choice._finishReason().asKnown().orElse(null);
        String rawFinish = reason == null ? null : reason.asString();
        FinishReason finish = FinishReason.normalize(rawFinish);
        finished |= rawFinish != null;
        List<ChatCompletionChunk.Choice.Delta.ToolCall> toolCalls = null;
        String content = null;
        boolean hasRole = false;
        if (delta != null) {
            toolCalls = delta._toolCalls().asKnown().orElse(null);
            content = delta._content().asKnown().orElse(null);
            hasRole = !delta._role().isMissing() && !delta._role().isNull();
            String refused = delta._refusal().asKnown().orElse(null);
            if (refused != null && !refused.isEmpty()) {
                (refusal == null ? refusal = new StringBuilder() : refusal).append(refused);
            }
        }
        Long choiceIndex = choice._index().asKnown().orElse(null);
        Integer index = choiceIndex == null ? Integer.valueOf(0) : Integer.valueOf(choiceIndex.intValue());
        Object calls = toolCalls == null ? null : toolCalls.isEmpty() ? List.of()
                : OpenAIReplies.toJava(delta._toolCalls());
        Object filters = annotation(choice._additionalProperties().get("content_filter_results"));
        if (filters instanceof Map && !((Map<?, ?>) filters).isEmpty()) {
            contentFilters = filters;
        }
        Map<String, Object> meta = filters == null
                ? new ChunkMeta(ChunkMeta.CHOICE, model, index, calls, rawFinish, now(), usage)
                : new ChunkMeta(ChunkMeta.CHOICE_FILTERED, model, index, calls, rawFinish, now(), usage, filters);
        if (toolCalls != null && !toolCalls.isEmpty()) {
            sawToolCalls = true;
            if (content != null && !content.isEmpty()) {
                emitText(content, false, null, meta);
            }
            emitToolCalls(toolCalls, finish, meta);
            return;
        }
        emitText(content, hasRole, finish, meta);
    }

    private void emitText(String content, boolean hasRole, FinishReason finish, Map<String, Object> meta) {
        boolean hasText = content != null && !content.isEmpty();
        boolean start = hasText && !textStarted;
        textStarted |= hasText;
        Integer index = hasText || (content != null && !hasRole) ? Integer.valueOf(0) : null;
        emit(new StreamingChunk(content == null ? "" : content, meta, componentInfo, index, null, null, start, finish,
                null));
    }

    private void emitToolCalls(List<ChatCompletionChunk.Choice.Delta.ToolCall> toolCalls, FinishReason finish,
            Map<String, Object> meta) {
        List<ToolCallDelta> deltas = new ArrayList<>(toolCalls.size());
        boolean start = false;
        for (int i = 0; i < toolCalls.size(); i++) {
            ChatCompletionChunk.Choice.Delta.ToolCall call = toolCalls.get(i);
            int index = call._index().asKnown().map(Long::intValue).orElse(i);
            Optional<ChatCompletionChunk.Choice.Delta.ToolCall.Function> fn = call._function().asKnown();
            String name = fn.flatMap(f -> f._name().asKnown()).orElse(null);
            String arguments = fn.flatMap(f -> f._arguments().asKnown()).filter(a -> !a.isEmpty()).orElse(null);
            deltas.add(new ToolCallDelta(index, name, arguments, call._id().asKnown().orElse(null)));
            if (i == 0 && name != null && !name.isEmpty() && !startedToolCalls.get(index)) {
                start = true;
            }
            if (name != null && !name.isEmpty()) {
                startedToolCalls.set(index);
            }
        }
        emit(new StreamingChunk("", meta, componentInfo, deltas.get(0).index(), deltas, null, start, finish, null));
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

    /** An extra (non-OpenAI) field of a chunk or choice as plain Java values; null when absent or JSON null. */
    private static Object annotation(JsonValue value) {
        if (value == null || value.isNull() || value.isMissing()) {
            return null;
        }
        return OpenAIReplies.toJava(value);
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
