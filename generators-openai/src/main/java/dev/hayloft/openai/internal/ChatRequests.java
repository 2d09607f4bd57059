package dev.hayloft.openai.internal;

import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.tools.Tool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON body of a {@code POST /chat/completions} request, key for key as Haystack builds
 * it. {@code generation_kwargs} are copied untouched; every key appears exactly once.
 *
 * <pre>{@code
 * Map<String, Object> body = ChatRequests.chat("gpt-4o-mini", messages, GenerationKwargs.merge(init, runtime),
 *         tools, false, false);
 * }</pre>
 */
public final class ChatRequests {
    private static final Map<String, Object> INCLUDE_USAGE = Map.of("include_usage", true);

    private ChatRequests() {
    }

    /**
     * The chat generator's body: {@code model}, {@code messages}, {@code n} (default 1),
     * {@code tools}, the kwargs, then {@code stream} (left out for a non-streamed structured
     * output request, as Haystack's {@code parse} call does), {@code stream_options}
     * (default {@code {"include_usage": true}} when streaming) and {@code response_format}.
     *
     * @param kwargs merged generation kwargs; consumed (mutated)
     */
    public static Map<String, Object> chat(String model, List<ChatMessage> messages, Map<String, Object> kwargs,
            List<Tool> tools, boolean toolsStrict, boolean streaming) {
        ResponseFormats.normalize(kwargs);
        Object n = kwargs.containsKey("n") ? kwargs.remove("n") : Integer.valueOf(1);
        checkN(n, streaming);
        Object responseFormat = kwargs.remove("response_format");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        body.put("messages", OpenAIMessages.toWire(messages));
        body.put("n", n);
        if (!tools.isEmpty()) {
            body.put("tools", toolDefinitions(tools, toolsStrict));
        }
        body.putAll(kwargs);
        if (responseFormat != null && !streaming) {
            body.remove("stream");
            body.put("response_format", responseFormat);
            return body;
        }
        body.put("stream", streaming);
        if (streaming && !body.containsKey("stream_options")) {
            body.put("stream_options", INCLUDE_USAGE);
        }
        if (responseFormat != null) {
            body.put("response_format", responseFormat);
        }
        return body;
    }

    /**
     * The text generator's body: {@code model}, {@code messages}, {@code stream}, the kwargs,
     * and {@code stream_options} (default {@code {"include_usage": true}}) when streaming.
     */
    public static Map<String, Object> text(String model, List<ChatMessage> messages, Map<String, Object> kwargs,
            boolean streaming) {
        ResponseFormats.normalize(kwargs);
        if (kwargs.containsKey("stream")) {
            throw new IllegalArgumentException("generation_kwargs must not contain 'stream': streaming is switched on "
                    + "by giving a streaming_callback");
        }
        if (kwargs.containsKey("n")) {
            checkN(kwargs.get("n"), streaming);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        body.put("messages", OpenAIMessages.toWire(messages));
        body.put("stream", streaming);
        body.putAll(kwargs);
        if (streaming && !body.containsKey("stream_options")) {
            body.put("stream_options", INCLUDE_USAGE);
        }
        return body;
    }

    private static void checkN(Object n, boolean streaming) {
        if (!(n instanceof Number) || ((Number) n).doubleValue() != Math.rint(((Number) n).doubleValue())) {
            throw new IllegalArgumentException("generation_kwargs.n must be an integer but was " + n);
        }
        if (streaming && ((Number) n).intValue() > 1) {
            throw new IllegalArgumentException("Cannot stream multiple responses, please set n=1.");
        }
    }

    /** OpenAI's {@code tools} array; with {@code strict}, schemas are rewritten for strict mode. */
    public static List<Object> toolDefinitions(List<Tool> tools, boolean strict) {
        List<Object> out = new ArrayList<>(tools.size());
        for (Tool t : tools) {
            Map<String, Object> function = t.toolSpec();
            if (strict) {
                @SuppressWarnings("unchecked")
                Map<String, Object> params = (Map<String, Object>) function.get("parameters");
                function.put("parameters", StrictSchemas.strict(params));
                function.put("strict", true);
            }
            Map<String, Object> def = new LinkedHashMap<>();
            def.put("type", "function");
            def.put("function", function);
            out.add(def);
        }
        return out;
    }
}
