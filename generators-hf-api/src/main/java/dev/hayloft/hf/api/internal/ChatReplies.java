package dev.hayloft.hf.api.internal;

import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.FinishReason;
import dev.hayloft.core.dataclasses.ToolCall;
import dev.hayloft.core.http.ErrorBodyException;
import dev.hayloft.core.http.MalformedResponseException;
import dev.hayloft.core.serde.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A non-streamed chat completion → the reply, as Haystack's {@code _run_non_streaming}: the
 * first choice only (the Hugging Face API answers one), meta {@code model}, {@code finish_reason}
 * (mapped, {@link ToolCallShapes#finishReason}), {@code index} and {@code usage}
 * ({@code prompt_tokens}, {@code completion_tokens}; zeros when the server sends none). Tool
 * calls in any of the servers' shapes ({@link ToolCallShapes}); one whose arguments are not a
 * JSON object is logged and listed in meta under {@code malformed_tool_calls} instead of being
 * dropped silently. Reasoning ({@code reasoning} or {@code reasoning_content}, as vLLM and
 * SGLang send it) becomes the reply's reasoning content.
 *
 * <pre>{@code
 * List<ChatMessage> replies = ChatReplies.toMessages(completion, "http://localhost:8080");
 * }</pre>
 */
public final class ChatReplies {
    private static final Logger LOG = LoggerFactory.getLogger(ChatReplies.class);

    private ChatReplies() {
    }

    /** The replies (none or one) of a completion; {@code modelLabel} names the model when the server does not. */
    public static List<ChatMessage> toMessages(Object reply, String modelLabel) {
        if (!(reply instanceof Map)) {
            throw new MalformedResponseException("the chat completion is not a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> completion = (Map<String, Object>) reply;
        if (completion.get("error") != null) {
            throw new ErrorBodyException(completion, false);
        }
        List<?> choices = completion.get("choices") instanceof List ? (List<?>) completion.get("choices") : List.of();
        if (choices.isEmpty() || !(choices.get(0) instanceof Map)) {
            return List.of();
        }
        Map<?, ?> choice = (Map<?, ?>) choices.get(0);
        Map<?, ?> message = choice.get("message") instanceof Map ? (Map<?, ?>) choice.get("message") : Map.of();
        List<ToolCall> toolCalls = new ArrayList<>();
        List<Object> malformed = new ArrayList<>();
        for (Object call : ToolCallShapes.calls(message.get("tool_calls"))) {
            Map<?, ?> function = ToolCallShapes.function(call);
            String id = ToolCallShapes.id(call);
            String name = ToolCallShapes.name(function);
            String arguments = ToolCallShapes.arguments(function);
            try {
                if (name == null) {
                    throw new IllegalArgumentException("the tool call has no function name");
                }
                toolCalls.add(new ToolCall(name, arguments == null || arguments.isBlank() ? Map.of()
                        : Json.parseObject(arguments), id));
            } catch (IllegalArgumentException e) {
                LOG.warn("The Hugging Face API returned a malformed tool call; it is listed in the reply's meta under "
                        + "malformed_tool_calls. Tool call ID: {}, Tool name: {}, Arguments: {}", id, name, arguments);
                malformed.add(malformedCall(id, name, arguments, e.getMessage()));
            }
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("model", completion.get("model") instanceof String ? completion.get("model") : modelLabel);
        boolean hasCalls = message.get("tool_calls") != null && !ToolCallShapes.calls(message.get("tool_calls"))
                .isEmpty();
        FinishReason finish = ToolCallShapes.finishReason(str(choice.get("finish_reason")), hasCalls);
        meta.put("finish_reason", finish == null ? null : finish.value());
        meta.put("index", choice.get("index") instanceof Number ? ((Number) choice.get("index")).intValue() : 0);
        meta.put("usage", usage(completion.get("usage")));
        if (!malformed.isEmpty()) {
            meta.put("malformed_tool_calls", malformed);
        }
        String reasoning = str(message.get("reasoning")) != null ? str(message.get("reasoning"))
                : str(message.get("reasoning_content"));
        return List.of(ChatMessage.assistant().text(str(message.get("content")))
                .reasoning(reasoning)
                .toolCalls(toolCalls).meta(meta).build());
    }

    /** Haystack's usage: {@code prompt_tokens} and {@code completion_tokens}, zeros when unknown. */
    static Map<String, Object> usage(Object usage) {
        Map<String, Object> u = new LinkedHashMap<>();
        Map<?, ?> m = usage instanceof Map ? (Map<?, ?>) usage : Map.of();
        u.put("prompt_tokens", m.get("prompt_tokens") instanceof Number ? m.get("prompt_tokens") : 0);
        u.put("completion_tokens", m.get("completion_tokens") instanceof Number ? m.get("completion_tokens") : 0);
        return u;
    }

    static Map<String, Object> malformedCall(String id, String name, String arguments, String error) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("tool_name", name);
        m.put("arguments", arguments);
        m.put("error", error);
        return m;
    }

    static String str(Object o) {
        return o instanceof String ? (String) o : null;
    }
}
