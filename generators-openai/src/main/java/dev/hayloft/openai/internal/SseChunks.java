package dev.hayloft.openai.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.openai.core.ObjectMappers;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.models.chat.completions.ChatCompletionChunk;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a chat-completions server-sent-event stream from the raw response body, instead of
 * openai-java's stream handler, so that the end of the stream is known: {@code [DONE]} seen
 * (a clean end) or not (cut short). An event whose JSON has a non-null {@code error} fails with
 * an {@link ErrorBodyException}; {@code "error": null} inside a chunk is no error (openai-java
 * treats it as one). An event left unterminated when the body ends is discarded, as the SSE
 * specification says, except a final {@code [DONE]} missing its blank line.
 *
 * <pre>{@code
 * boolean done = SseChunks.read(response.body(), stream::accept);
 * ChatMessage reply = stream.finish(done);
 * }</pre>
 */
public final class SseChunks {
    private static final String DONE = "[DONE]";

    private SseChunks() {
    }

    /**
     * Passes each chunk of {@code body} to {@code sink}; true when the stream ended with
     * {@code [DONE]}. Does not close {@code body}.
     *
     * @throws UncheckedIOException when reading fails (a cut connection, a timeout)
     * @throws ErrorBodyException for an error event
     */
    public static boolean read(InputStream body, Consumer<ChatCompletionChunk> sink) {
        JsonMapper mapper = ObjectMappers.jsonMapper();
        BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 8192);
        StringBuilder data = null;
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isEmpty()) {
                    if (data != null) {
                        String payload = data.toString();
                        data = null;
                        if (payload.startsWith(DONE)) {
                            return true;
                        }
                        dispatch(mapper, payload, sink);
                    }
                    continue;
                }
                if (line.startsWith("data:")) {
                    String value = line.length() > 5 && line.charAt(5) == ' ' ? line.substring(6) : line.substring(5);
                    if (data == null) {
                        data = new StringBuilder(value);
                    } else {
                        data.append('\n').append(value);
                    }
                }
                // comments (":"), "event:", "id:" and "retry:" lines carry nothing we use
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // a [DONE] whose blank line never came still ends the stream cleanly; other pending data is dropped
        return data != null && data.toString().startsWith(DONE);
    }

    private static void dispatch(JsonMapper mapper, String payload, Consumer<ChatCompletionChunk> sink) {
        if (payload.isBlank()) {
            return;
        }
        JsonNode node;
        ChatCompletionChunk chunk;
        try {
            node = mapper.readTree(payload);
            JsonNode error = node.get("error");
            if (error != null && !error.isNull()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> whole = mapper.convertValue(node, Map.class);
                throw new ErrorBodyException(whole, true);
            }
            chunk = mapper.treeToValue(node, ChatCompletionChunk.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new OpenAIInvalidDataException("A chunk of the response stream is not valid JSON: " + e.getMessage(),
                    e);
        }
        sink.accept(chunk);
    }
}
