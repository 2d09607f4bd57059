package dev.hayloft.hf.api.internal;

import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.ComponentInfo;
import dev.hayloft.core.dataclasses.FinishReason;
import dev.hayloft.core.dataclasses.ReasoningContent;
import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.core.dataclasses.StreamingChunk;
import dev.hayloft.core.dataclasses.ToolCallDelta;
import dev.hayloft.core.generation.StreamingChunks;
import dev.hayloft.core.http.ErrorBodyException;
import dev.hayloft.core.http.MalformedResponseException;
import dev.hayloft.core.http.SseEventReader;
import dev.hayloft.core.http.TruncatedStreamException;
import dev.hayloft.core.serde.Json;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The events of a streamed chat completion → {@link StreamingChunk}s for the callback, then the
 * reply ({@link StreamingChunks#toChatMessage}), as Haystack's
 * {@code _convert_chat_completion_stream_output_to_streaming_chunk} does, and, unlike Haystack,
 * with tool calls: text chunks have index 0 and the first chunk is marked {@code start}; a
 * tool-call chunk takes its delta's index and is marked {@code start} when a call's name first
 * appears there; a usage-only event (no choices) becomes a chunk with the usage and no index.
 * Chunk meta: {@code model}, {@code received_at}, {@code finish_reason} (as received) and
 * {@code usage} when sent.
 *
 * <p>Tolerates what TGI, vLLM, SGLang and the router's providers send: {@code tool_calls} as a
 * list or one object, arguments as JSON text or an object, {@code parameters} for
 * {@code arguments}, ids repeated on every delta, numeric or empty ids, the role on every chunk,
 * the end-of-sequence token's text (TGI 2.x: {@code </s>}) as the last arguments delta; TGI
 * 2.0's unnamed deltas whose arguments are its raw tool grammar
 * ({@code {"function": {"_name": ..., ...}}}, see {@link ToolCallShapes#namedFromArguments});
 * a new non-empty id on an index already used starts another call (merged by core). A stream
 * that ends without any finish reason but cleanly ({@code [DONE]}, as TGI 3.x ends tool-call
 * streams) gets one inferred, {@code tool_calls} when calls came, else {@code stop}, with
 * {@code meta.finish_reason_inferred: true}; one that ends with neither was cut and fails with a
 * {@link TruncatedStreamException}. An {@code {"error": ...}} event fails the stream with an
 * {@link ErrorBodyException}. Not thread-safe: one per stream.
 *
 * <pre>{@code
 * ChatStream stream = new ChatStream(componentInfo, callback);
 * boolean done = client.stream(url, body, scope, stream);
 * ChatMessage reply = stream.finish(done);
 * }</pre>
 */
public final class ChatStream implements SseEventReader.EventHandler {
    private static final Pattern EOS_TEXT = Pattern.compile("\\s*<\\|?[A-Za-z_/]+\\|?>\\s*");
    static final DateTimeFormatter RECEIVED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    private final ComponentInfo componentInfo;
    private final StreamingCallback callback;
    private final List<StreamingChunk> chunks = new ArrayList<>();
    private final BitSet namedCalls = new BitSet();
    private boolean finished;
    private boolean sawToolCalls;

    public ChatStream(ComponentInfo componentInfo, StreamingCallback callback) {
        this.componentInfo = componentInfo;
        this.callback = callback;
    }

    @Override
    public void onEvent(byte[] data, int length) {
        String text = new String(data, 0, length, StandardCharsets.UTF_8);
        Map<String, Object> event;
        try {
            event = Json.parseObject(text);
        } catch (IllegalArgumentException e) {
            throw new MalformedResponseException("an event of the response stream is not one JSON object: "
                    + e.getMessage(), e);
        }
        accept(event);
    }

    /** Converts one event, records it and passes the chunks to the callback. */
    public void accept(Map<String, Object> event) {
        if (event.get("error") != null) {
            throw new ErrorBodyException(event, true);
        }
        Object model = event.get("model");
        List<?> choices = event.get("choices") instanceof List ? (List<?>) event.get("choices") : List.of();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("model", model);
        meta.put("received_at", LocalDateTime.now().format(RECEIVED_AT));
        if (choices.isEmpty() || !(choices.get(0) instanceof Map)) {
            meta.put("usage", event.get("usage") == null ? null : ChatReplies.usage(event.get("usage")));
            emit(new StreamingChunk("", meta, componentInfo, null, null, null, false, null, null));
            return;
        }
        Map<?, ?> choice = (Map<?, ?>) choices.get(0);
        Map<?, ?> delta = choice.get("delta") instanceof Map ? (Map<?, ?>) choice.get("delta") : Map.of();
        String rawFinish = ChatReplies.str(choice.get("finish_reason"));
        meta.put("finish_reason", rawFinish);
        if (event.get("usage") != null) {
            meta.put("usage", ChatReplies.usage(event.get("usage")));
        }
        finished |= rawFinish != null;
        List<?> calls = ToolCallShapes.calls(delta.get("tool_calls"));
        sawToolCalls |= !calls.isEmpty();
        FinishReason finish = ToolCallShapes.finishReason(rawFinish, sawToolCalls);
        String reasoning = ChatReplies.str(delta.get("reasoning")) != null ? ChatReplies.str(delta.get("reasoning"))
                : ChatReplies.str(delta.get("reasoning_content"));
        String content = ChatReplies.str(delta.get("content"));
        boolean hasText = content != null && !content.isEmpty();
        if (reasoning != null && !reasoning.isEmpty()) {
            emit(new StreamingChunk("", meta, componentInfo, 0, null, null, chunks.isEmpty(), hasText || !calls
                    .isEmpty() ? null : finish, new ReasoningContent(reasoning)));
            if (!hasText && calls.isEmpty()) {
                return;
            }
        }
        if (!calls.isEmpty()) {
            if (hasText) {
                emit(new StreamingChunk(content, meta, componentInfo, 0, null, null, chunks.isEmpty(), null, null));
            }
            emitToolCalls(calls, finish, rawFinish != null, meta);
            return;
        }
        emit(new StreamingChunk(content == null ? "" : content, meta, componentInfo, rawFinish == null ? 0 : null,
                null, null, chunks.isEmpty(), finish, null));
    }

    private void emitToolCalls(List<?> calls, FinishReason finish, boolean last, Map<String, Object> meta) {
        List<ToolCallDelta> deltas = new ArrayList<>(calls.size());
        boolean start = false;
        for (int i = 0; i < calls.size(); i++) {
            Object call = calls.get(i);
            if (!(call instanceof Map)) {
                throw new MalformedResponseException("tool_calls[" + i + "] of a chunk is not a JSON object");
            }
            Object position = ((Map<?, ?>) call).get("index");
            int index = position instanceof Number ? ((Number) position).intValue() : i;
            Map<?, ?> function = ToolCallShapes.function(call);
            String name = ToolCallShapes.name(function);
            String arguments = ToolCallShapes.arguments(function);
            if (last && arguments != null && EOS_TEXT.matcher(arguments).matches()) {
                arguments = null;   // TGI 2.x appends the end-of-sequence token's text to the last delta
            }
            deltas.add(new ToolCallDelta(index, name, arguments == null || arguments.isEmpty() ? null : arguments,
                    ToolCallShapes.id(call)));
            if (name != null && !name.isEmpty() && !namedCalls.get(index)) {
                start = true;
                namedCalls.set(index);
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

    /**
     * The reply; fails when the stream was cut: no finish reason, and no {@code [DONE]}
     * ({@code sawDone}) or no chunk at all.
     */
    public ChatMessage finish(boolean sawDone) {
        if (!finished && (!sawDone || chunks.isEmpty())) {
            throw new TruncatedStreamException("The response stream ended before the model finished (no finish_reason "
                    + "and no [DONE] after " + chunks.size() + " chunks); the connection was probably cut");
        }
        ChatMessage reply = ToolCallShapes.namedFromArguments(StreamingChunks.toChatMessage(chunks));
        Map<String, Object> extra = new LinkedHashMap<>();
        if (!finished) {
            extra.put("finish_reason", (sawToolCalls ? FinishReason.TOOL_CALLS : FinishReason.STOP).value());
            extra.put("finish_reason_inferred", true);
        }
        if (reply.meta().get("usage") == null) {
            extra.put("usage", ChatReplies.usage(null));
        }
        return extra.isEmpty() ? reply : reply.withMergedMeta(extra);
    }

    /** The chunks received so far. */
    public List<StreamingChunk> chunks() {
        return chunks;
    }
}
