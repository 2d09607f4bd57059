package dev.hayloft.core.generation;

import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.FinishReason;
import dev.hayloft.core.dataclasses.ReasoningContent;
import dev.hayloft.core.dataclasses.StreamingChunk;
import dev.hayloft.core.dataclasses.ToolCall;
import dev.hayloft.core.dataclasses.ToolCallDelta;
import dev.hayloft.core.serde.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the chunks of a streamed reply into one assistant {@link ChatMessage}, like
 * Haystack's {@code _convert_streaming_chunks_to_chat_message}: texts concatenated, tool-call
 * deltas merged by their index, the last finish reason, usage from the last chunk.
 *
 * <p>A delta carrying a new non-empty id on an index that already has a call with another id
 * starts a new call (vLLM streams parallel calls on index 0, each with its own id); calls are
 * ordered by index, then by arrival.
 *
 * <p>Tolerates OpenAI-compatible servers that repeat a call's name on every delta or send
 * empty-string ids on continuations. Unlike Haystack, a tool call whose argument text is not
 * exactly one JSON object (trailing text included) is not dropped silently: it is logged and listed in the reply's meta under
 * {@code malformed_tool_calls} ({@code id}, {@code tool_name}, {@code arguments} as received,
 * {@code error}).
 *
 * <pre>{@code
 * List<StreamingChunk> chunks = new ArrayList<>();
 * StreamingCallback collect = chunks::add;
 * ChatMessage reply = StreamingChunks.toChatMessage(chunks);
 * }</pre>
 */
public final class StreamingChunks {
    private static final Logger LOG = LoggerFactory.getLogger(StreamingChunks.class);

    private StreamingChunks() {
    }

    /** The assistant message the chunks add up to (chunks must not be empty). */
    public static ChatMessage toChatMessage(List<StreamingChunk> chunks) {
        if (chunks == null || chunks.isEmpty()) {
            throw new IllegalArgumentException("chunks: at least one streaming chunk is needed");
        }
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        Map<String, Object> reasoningExtra = new LinkedHashMap<>();
        TreeMap<Integer, List<String[]>> calls = new TreeMap<>(); // index -> calls {id, name, arguments}
        FinishReason finish = null;
        for (StreamingChunk c : chunks) {
            text.append(c.content());
            if (c.reasoning() != null) {
                reasoning.append(c.reasoning().reasoningText());
                reasoningExtra.putAll(c.reasoning().extra());
            }
            if (c.hasToolCalls()) {
                for (ToolCallDelta d : c.toolCalls()) {
                    List<String[]> onIndex = calls.computeIfAbsent(d.index(), k -> new ArrayList<>(1));
                    boolean hasId = d.id() != null && !d.id().isEmpty();
                    String[] acc = onIndex.isEmpty() ? null : onIndex.get(onIndex.size() - 1);
                    if (acc == null || (hasId && !acc[0].isEmpty() && !acc[0].equals(d.id()))) {
                        acc = new String[] {"", "", ""};
                        onIndex.add(acc);
                    }
                    if (hasId) {
                        acc[0] = d.id();
                    }
                    String name = d.toolName();
                    if (name != null && !name.isEmpty()) {
                        // some compatible servers repeat the whole name on every delta: keep it once
                        acc[1] = acc[1].isEmpty() || name.startsWith(acc[1]) ? name : acc[1] + name;
                    }
                    if (d.arguments() != null) {
                        acc[2] = acc[2] + d.arguments();
                    }
                }
            }
            if (c.finishReason() != null) {
                finish = c.finishReason();
            }
        }
        List<ToolCall> toolCalls = new ArrayList<>();
        List<Object> malformed = new ArrayList<>();
        for (String[] acc : calls.values().stream().flatMap(List::stream).toList()) {
            try {
                Map<String, Object> args = acc[2].isBlank() ? Map.of() : Json.parseObject(acc[2]);
                toolCalls.add(new ToolCall(acc[1], args, acc[0].isEmpty() ? null : acc[0]));
            } catch (IllegalArgumentException e) {
                LOG.warn("The model returned malformed JSON arguments for tool call id={} tool={}: {}", acc[0], acc[1],
                        e.getMessage());
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", acc[0].isEmpty() ? null : acc[0]);
                m.put("tool_name", acc[1]);
                m.put("arguments", acc[2]);
                m.put("error", e.getMessage());
                malformed.add(m);
            }
        }
        StreamingChunk first = chunks.get(0);
        StreamingChunk last = chunks.get(chunks.size() - 1);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("model", lastNonNull(chunks, "model"));
        meta.put("index", 0);
        meta.put("finish_reason", finish == null ? null : finish.value());
        meta.put("completion_start_time", first.meta().get("received_at"));
        meta.put("usage", last.meta().get("usage") != null ? last.meta().get("usage") : lastNonNull(chunks, "usage"));
        if (!malformed.isEmpty()) {
            meta.put("malformed_tool_calls", malformed);
        }
        return ChatMessage.assistant()
                .reasoning(reasoning.length() == 0 ? null : new ReasoningContent(reasoning.toString(), reasoningExtra))
                .text(text.length() == 0 ? null : text.toString()).toolCalls(toolCalls).meta(meta).build();
    }

    private static Object lastNonNull(List<StreamingChunk> chunks, String key) {
        for (int i = chunks.size() - 1; i >= 0; i--) {
            Object v = chunks.get(i).meta().get(key);
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
