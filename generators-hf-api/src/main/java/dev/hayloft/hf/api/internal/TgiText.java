package dev.hayloft.hf.api.internal;

import dev.hayloft.core.dataclasses.ComponentInfo;
import dev.hayloft.core.dataclasses.FinishReason;
import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.core.dataclasses.StreamingChunk;
import dev.hayloft.core.generation.GeneratorResult;
import dev.hayloft.core.http.ErrorBodyException;
import dev.hayloft.core.http.MalformedResponseException;
import dev.hayloft.core.http.SseEventReader;
import dev.hayloft.core.http.TruncatedStreamException;
import dev.hayloft.core.serde.Json;
import dev.hayloft.core.serde.JsonValues;
import dev.hayloft.hf.api.ResponseFormat;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TGI's native text generation ({@code POST /generate}, {@code /generate_stream}, and the
 * router's hf-inference text-generation task, which takes the same body with {@code stream}):
 * the request {@code {"inputs": prompt, "parameters": {..., "details": true}}} as
 * {@code huggingface_hub}'s {@code text_generation} writes it (Haystack's
 * {@code stop_sequences} sent as {@code stop}; a {@code response_format} as TGI's
 * {@code grammar}), and the reply: {@code generated_text} with {@code details} (an object, or a
 * list of one), or a stream of token events whose last one carries {@code generated_text} and
 * {@code details}. Special tokens are not streamed (the last event's finish reason still is);
 * {@code {"error", "error_type"}} events fail the stream ({@link ErrorBodyException}); a stream
 * without its final event was cut ({@link TruncatedStreamException}).
 *
 * <p>Meta per reply: {@code model}, {@code index} 0, {@code finish_reason} (mapped:
 * {@code eos_token} / {@code stop_sequence} → {@code stop}, {@code length}), {@code usage}
 * ({@code completion_tokens}, and {@code prompt_tokens} when the server reports the input
 * length), plus {@code completion_start_time} when streamed.
 *
 * <pre>{@code
 * Map<String, Object> body = TgiText.body(prompt, kwargs, false);
 * GeneratorResult r = TgiText.result(client.post(endpoint.generateUrl(false), body, scope), "http://tgi:8080");
 * }</pre>
 */
public final class TgiText {
    private TgiText() {
    }

    /** The request body; {@code streamFlag}: add {@code "stream"} (the router's route), else leave it to the path. */
    public static Map<String, Object> body(String prompt, Map<String, Object> kwargs, Boolean streamFlag) {
        Map<String, Object> params = JsonValues.mutableMap(kwargs);
        for (String key : List.of("inputs", "stream", "details")) {
            if (params.containsKey(key)) {
                throw new IllegalArgumentException("generation_kwargs must not contain '" + key + "': it is set by "
                        + "the generator" + (key.equals("stream") ? " (streaming follows the streaming_callback)" : ""));
            }
        }
        Object stopSequences = params.remove("stop_sequences");
        if (stopSequences != null) {
            List<Object> stop = new ArrayList<>();
            if (params.get("stop") instanceof List) {
                stop.addAll((List<?>) params.get("stop"));
            }
            if (!(stopSequences instanceof List)) {
                throw new IllegalArgumentException("generation_kwargs.stop_sequences must be a list of strings");
            }
            stop.addAll((List<?>) stopSequences);
            params.put("stop", stop);
        }
        ResponseFormat format = ResponseFormat.from(params.remove("response_format"));
        if (format != null) {
            if (params.containsKey("grammar")) {
                throw new IllegalArgumentException("generation_kwargs: give either response_format or TGI's grammar, "
                        + "not both");
            }
            params.put("grammar", StructuredOutputs.tgiGrammar(format));
        }
        params.put("details", true);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("inputs", prompt);
        body.put("parameters", params);
        if (streamFlag != null) {
            body.put("stream", streamFlag);
        }
        return body;
    }

    /** The result of a non-streamed reply (an object, or a list whose first element is the reply). */
    public static GeneratorResult result(Object reply, String modelLabel) {
        Object first = reply instanceof List && !((List<?>) reply).isEmpty() ? ((List<?>) reply).get(0) : reply;
        if (!(first instanceof Map)) {
            throw new MalformedResponseException("the text-generation reply is not a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) first;
        if (r.get("error") != null) {
            throw new ErrorBodyException(r, false);
        }
        if (!(r.get("generated_text") instanceof String)) {
            throw new MalformedResponseException("the text-generation reply has no generated_text");
        }
        Map<?, ?> details = r.get("details") instanceof Map ? (Map<?, ?>) r.get("details") : Map.of();
        Object generated = details.get("generated_tokens");
        if (!(generated instanceof Number) && details.get("tokens") instanceof List) {
            generated = ((List<?>) details.get("tokens")).size();
        }
        return new GeneratorResult(List.of((String) r.get("generated_text")),
                List.of(meta(modelLabel, details, generated, null)));
    }

    private static Map<String, Object> meta(String model, Map<?, ?> details, Object generated, String startTime) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("model", model);
        meta.put("index", 0);
        FinishReason f = ToolCallShapes.finishReason(ChatReplies.str(details.get("finish_reason")), false);
        meta.put("finish_reason", f == null ? null : f.value());
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("completion_tokens", generated instanceof Number ? generated : 0);
        if (details.get("input_length") instanceof Number) {
            usage.put("prompt_tokens", details.get("input_length"));
        }
        meta.put("usage", usage);
        if (startTime != null) {
            meta.put("completion_start_time", startTime);
        }
        return meta;
    }

    /**
     * The events of a {@code /generate_stream} reply → chunks for the callback, then the result.
     * Not thread-safe: one per stream.
     *
     * <pre>{@code
     * TgiText.Stream stream = new TgiText.Stream(info, callback, "http://tgi:8080");
     * client.stream(url, body, scope, stream);
     * GeneratorResult r = stream.finish();
     * }</pre>
     */
    public static final class Stream implements SseEventReader.EventHandler {
        private final ComponentInfo componentInfo;
        private final StreamingCallback callback;
        private final String modelLabel;
        private final StringBuilder text = new StringBuilder();
        private Map<?, ?> details;
        private String firstChunkTime;
        private int emitted;

        public Stream(ComponentInfo componentInfo, StreamingCallback callback, String modelLabel) {
            this.componentInfo = componentInfo;
            this.callback = callback;
            this.modelLabel = modelLabel;
        }

        @Override
        public void onEvent(byte[] data, int length) {
            Map<String, Object> event;
            try {
                event = Json.parseObject(new String(data, 0, length, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new MalformedResponseException("an event of the text-generation stream is not one JSON "
                        + "object: " + e.getMessage(), e);
            }
            if (event.get("error") != null) {
                throw new ErrorBodyException(event, true);
            }
            Map<?, ?> token = event.get("token") instanceof Map ? (Map<?, ?>) event.get("token") : Map.of();
            Map<?, ?> eventDetails = event.get("details") instanceof Map ? (Map<?, ?>) event.get("details") : null;
            boolean special = Boolean.TRUE.equals(token.get("special"));
            if (special && eventDetails == null) {
                return;   // special tokens are not streamed, as in Haystack
            }
            String content = special || !(token.get("text") instanceof String) ? "" : (String) token.get("text");
            Map<String, Object> meta = new LinkedHashMap<>();
            token.forEach((k, v) -> meta.put(String.valueOf(k), v));
            if (eventDetails != null) {
                eventDetails.forEach((k, v) -> meta.put(String.valueOf(k), v));
                details = eventDetails;
            }
            if (firstChunkTime == null) {
                firstChunkTime = LocalDateTime.now().format(ChatStream.RECEIVED_AT);
            }
            FinishReason finish = eventDetails == null ? null
                    : ToolCallShapes.finishReason(ChatReplies.str(eventDetails.get("finish_reason")), false);
            StreamingChunk chunk = new StreamingChunk(content, meta, componentInfo, 0, null, null, emitted == 0,
                    finish, null);
            emitted++;
            text.append(content);
            if (callback != null) {
                callback.onChunk(chunk);
            }
        }

        /** The result; fails when the final event (with {@code details}) never came. */
        public GeneratorResult finish() {
            if (details == null) {
                throw new TruncatedStreamException("The text-generation stream ended before its final event (with "
                        + "generated_text and details) after " + emitted + " tokens; the connection was probably cut");
            }
            return new GeneratorResult(List.of(text.toString()),
                    List.of(meta(modelLabel, details, details.get("generated_tokens"), firstChunkTime)));
        }
    }
}
