package dev.hayloft.openai.internal;

import java.io.InputStream;
import java.util.Map;
import java.util.function.Function;

/**
 * How a chat-completions (or moderation) request travels: straight over the connection's OkHttp client
 * ({@link DirectChatTransport}, for plain OpenAI-compatible connections) or through
 * openai-java ({@link OpenAIJavaChatTransport}, where openai-java must shape the request, e.g.
 * in Azure mode or with client customisers). Either way the connection's interceptor retries
 * by the one policy and binds the call to its scope, and failures are classified alike.
 *
 * <pre>{@code
 * Map<String, Object> completion = transport.complete(body);
 * boolean done = transport.stream(body, in -> SseChunks.read(in, stream));
 * Map<String, Object> verdict = transport.moderate(Map.of("model", "omni-moderation-latest", "input", texts));
 * }</pre>
 */
public interface ChatTransport {
    /**
     * Sends {@code body} (not streamed) and returns the completion parsed into maps.
     *
     * @throws dev.hayloft.core.errors.GenerationException for an error response (direct transport)
     */
    Map<String, Object> complete(Map<String, Object> body);

    /** Sends {@code body} (streamed) and hands the event-stream body to {@code reader}; returns what it returns. */
    <T> T stream(Map<String, Object> body, Function<InputStream, T> reader);

    /**
     * Sends a moderation request ({@code POST {base_url}/moderations}, OpenAI's content
     * classification, over the same connection and retry policy) and returns the response
     * parsed into maps.
     *
     * @throws dev.hayloft.core.errors.GenerationException for an error response (direct transport)
     */
    Map<String, Object> moderate(Map<String, Object> body);
}
