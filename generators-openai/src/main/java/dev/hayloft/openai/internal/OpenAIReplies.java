package dev.hayloft.openai.internal;

import com.openai.core.JsonField;
import com.openai.core.JsonValue;
import com.openai.core.ObjectMappers;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.ToolCall;
import dev.hayloft.core.serde.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A non-streamed chat completion (its JSON as maps) → one assistant {@link ChatMessage} per choice, with
 * meta {@code model}, {@code index}, {@code finish_reason} and {@code usage} (OpenAI's usage
 * object as received, including {@code prompt_tokens_details} / {@code completion_tokens_details}),
 * plus {@code refusal} when the model refused. Tool calls whose arguments are not a JSON object
 * are left out of the message and listed in meta under {@code malformed_tool_calls}. Azure
 * OpenAI's content-filter annotations are kept when present: the choice's
 * {@code content_filter_results} and the completion's {@code prompt_filter_results}.
 *
 * <pre>{@code
 * List<ChatMessage> replies = OpenAIReplies.toMessages(Json.parseObject(responseBody));
 * }</pre>
 */
public final class OpenAIReplies {
    private static final Logger LOG = LoggerFactory.getLogger(OpenAIReplies.class);

    private OpenAIReplies() {
    }

    /** The replies of a completion parsed from its JSON text, one per choice. */
    public static List<ChatMessage> toMessages(Map<String, Object> completion) {
        Object model = completion.get("model");
        Object usage = completion.get("usage");
        Object promptFilters = completion.get("prompt_filter_results");
        List<?> choices = completion.get("choices") instanceof List ? (List<?>) completion.get("choices") : List.of();
        List<ChatMessage> out = new ArrayList<>(choices.size());
        for (int i = 0; i < choices.size(); i++) {
            Map<?, ?> choice = choices.get(i) instanceof Map ? (Map<?, ?>) choices.get(i) : Map.of();
            out.add(toMessage(choice, i, model instanceof String ? (String) model : null,
                    usage instanceof Map ? usage : null, promptFilters instanceof List ? promptFilters : null));
        }
        return out;
    }

    private static ChatMessage toMessage(Map<?, ?> choice, int position, String model, Object usage,
            Object promptFilters) {
        Map<?, ?> message = choice.get("message") instanceof Map ? (Map<?, ?>) choice.get("message") : Map.of();
        String text = str(message.get("content"));
        List<ToolCall> toolCalls = new ArrayList<>();
        List<Object> malformed = new ArrayList<>();
        List<?> calls = message.get("tool_calls") instanceof List ? (List<?>) message.get("tool_calls") : List.of();
        for (Object c : calls) {
            Map<?, ?> call = c instanceof Map ? (Map<?, ?>) c : Map.of();
            Object type = call.get("type");
            if ((type != null && !"function".equals(type)) || !(call.get("function") instanceof Map)) {
                LOG.debug("Skipping a tool call of type {} (only function tools are supported)", type);
                continue;
            }
            Map<?, ?> function = (Map<?, ?>) call.get("function");
            String id = str(call.get("id"));
            String name = str(function.get("name"));
            String arguments = str(function.get("arguments"));
            try {
                toolCalls.add(new ToolCall(name, Json.parseObject(arguments), id));
            } catch (IllegalArgumentException | NullPointerException e) {
                LOG.warn("OpenAI returned a malformed JSON string for tool call arguments. This tool call will be "
                        + "skipped. To always generate a valid JSON, set `tools_strict` to `True`. Tool call ID: {}, "
                        + "Tool name: {}, Arguments: {}", id, name, arguments);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", id);
                m.put("tool_name", name);
                m.put("arguments", arguments);
                m.put("error", e.getMessage());
                malformed.add(m);
            }
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("model", model);
        meta.put("index", choice.get("index") instanceof Number ? ((Number) choice.get("index")).intValue() : position);
        meta.put("finish_reason", str(choice.get("finish_reason")));
        meta.put("usage", usage);
        String refusal = str(message.get("refusal"));
        if (refusal != null) {
            meta.put("refusal", refusal);
        }
        if (choice.get("content_filter_results") instanceof Map) {
            meta.put("content_filter_results", choice.get("content_filter_results"));
        }
        if (promptFilters != null) {
            meta.put("prompt_filter_results", promptFilters);
        }
        if (!malformed.isEmpty()) {
            meta.put("malformed_tool_calls", malformed);
        }
        FinishReasons.warnIfAbnormal(meta);
        return ChatMessage.assistant().text(text).toolCalls(toolCalls).meta(meta).build();
    }

    private static String str(Object o) {
        return o instanceof String ? (String) o : null;
    }

    /** A typed openai-java value (or raw JSON) as plain Java maps, lists and scalars; null when missing. */
    public static Object toJava(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof JsonField && !(value instanceof JsonValue)) {
            JsonField<?> f = (JsonField<?>) value;
            if (f.isMissing() || f.isNull()) {
                return null;
            }
            Optional<?> known = f.asKnown();
            return known.isPresent() ? toJava(known.get()) : f.asUnknown().map(OpenAIReplies::toJava).orElse(null);
        }
        return narrow(ObjectMappers.jsonMapper().convertValue(value, Object.class));
    }

    /** Longs that fit an int become Integers, as when JSON text is parsed into maps. */
    @SuppressWarnings("unchecked")
    private static Object narrow(Object v) {
        if (v instanceof Long) {
            long l = (Long) v;
            return l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE ? Integer.valueOf((int) l) : v;
        }
        if (v instanceof Map) {
            for (Map.Entry<String, Object> e : ((Map<String, Object>) v).entrySet()) {
                e.setValue(narrow(e.getValue()));
            }
        } else if (v instanceof List) {
            List<Object> l = (List<Object>) v;
            for (int i = 0; i < l.size(); i++) {
                l.set(i, narrow(l.get(i)));
            }
        }
        return v;
    }
}
