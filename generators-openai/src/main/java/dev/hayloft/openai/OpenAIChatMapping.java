package dev.hayloft.openai;

import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.ComponentInfo;
import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.core.listener.GenerationObservation;
import dev.hayloft.core.tools.Tool;
import dev.hayloft.openai.internal.ChatCompletions;
import dev.hayloft.openai.internal.ChatRequests;
import dev.hayloft.openai.internal.ResponseFormats;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The Chat Completions wire mapping that {@link OpenAIChatGenerator} and {@link OpenAIGenerator}
 * use, for components that talk to a Chat Completions API over an {@link OpenAIConnection} of
 * their own (Azure OpenAI's generators compose it instead of subclassing the OpenAI ones).
 *
 * <p>{@link #chatRequest} and {@link #textRequest} build the JSON body key for key as Haystack
 * builds it (messages, tools, {@code n}, {@code stream}, {@code stream_options},
 * {@code response_format}); {@link #complete} sends a body and converts the answer (or, with a
 * streaming callback, the event stream) into assistant {@link ChatMessage}s with Haystack's meta
 * ({@code model}, {@code index}, {@code finish_reason}, {@code usage}; Azure's
 * {@code prompt_filter_results} and {@code content_filter_results} when the server sends them).
 * Failures are {@link dev.hayloft.core.errors.GenerationException}s, as for the OpenAI generators.
 *
 * <pre>{@code
 * Map<String, Object> body = OpenAIChatMapping.chatRequest("my-deployment", messages, Map.of("temperature", 0.2),
 *         List.of(), false, callback != null);
 * List<ChatMessage> replies = OpenAIChatMapping.complete(connection, body, callback,
 *         ComponentInfo.of(this, null), GenerationObservation.none());
 * }</pre>
 */
public final class OpenAIChatMapping {
    private OpenAIChatMapping() {
    }

    /**
     * A copy of {@code generationKwargs} whose {@code response_format}, when given as a record
     * class or a {@link StructuredOutput}, is replaced by OpenAI's {@code json_schema} map (what
     * {@code toDict} writes and the API receives); null stays null.
     *
     * @throws IllegalArgumentException for a {@code response_format} class that is not a record
     */
    public static Map<String, Object> normalizeGenerationKwargs(Map<String, Object> generationKwargs) {
        return generationKwargs == null ? null : ResponseFormats.normalize(new LinkedHashMap<>(generationKwargs));
    }

    /**
     * The chat generator's request body: {@code model}, {@code messages}, {@code n} (default 1),
     * {@code tools} (strict schemas with {@code toolsStrict}), the kwargs, {@code stream} and,
     * when streaming, {@code stream_options} (default {@code {"include_usage": true}}).
     *
     * @param generationKwargs the merged kwargs (not modified)
     * @throws IllegalArgumentException for messages the API cannot take, or {@code n > 1} with streaming
     */
    public static Map<String, Object> chatRequest(String model, List<ChatMessage> messages,
            Map<String, Object> generationKwargs, List<Tool> tools, boolean toolsStrict, boolean streaming) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(messages, "messages");
        return ChatRequests.chat(model, messages, copy(generationKwargs), tools == null ? List.of() : tools,
                toolsStrict, streaming);
    }

    /**
     * The text generator's request body: {@code model}, {@code messages}, {@code stream}, the
     * kwargs and, when streaming, {@code stream_options}.
     *
     * @param generationKwargs the merged kwargs (not modified)
     * @throws IllegalArgumentException when the kwargs contain {@code stream}, or {@code n > 1} with streaming
     */
    public static Map<String, Object> textRequest(String model, List<ChatMessage> messages,
            Map<String, Object> generationKwargs, boolean streaming) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(messages, "messages");
        return ChatRequests.text(model, messages, copy(generationKwargs), streaming);
    }

    /**
     * Sends {@code request} (a body from {@link #chatRequest} or {@link #textRequest}) over
     * {@code connection} on the calling thread: streamed to {@code callback} when it is not null
     * (one assembled reply), else one reply per choice. Reports retries, success and failure to
     * {@code observation}; {@code componentInfo} goes into every streaming chunk.
     *
     * @throws dev.hayloft.core.errors.GenerationException when the request fails
     */
    public static List<ChatMessage> complete(OpenAIConnection connection, Map<String, Object> request,
            StreamingCallback callback, ComponentInfo componentInfo, GenerationObservation observation) {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(request, "request");
        GenerationObservation obs = observation == null ? GenerationObservation.none() : observation;
        return connection.callChat(client -> obs.succeeded(ChatCompletions.complete(client, request,
                obs.wrap(callback), componentInfo)), obs);
    }

    /**
     * Like {@link #complete} on the connection's worker threads; cancelling the future closes
     * the HTTP connection (also mid-stream).
     */
    public static CompletableFuture<List<ChatMessage>> completeAsync(OpenAIConnection connection,
            Map<String, Object> request, StreamingCallback callback, ComponentInfo componentInfo,
            GenerationObservation observation) {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(request, "request");
        GenerationObservation obs = observation == null ? GenerationObservation.none() : observation;
        return connection.callChatAsync(client -> obs.succeeded(ChatCompletions.complete(client,
                request, obs.wrap(callback), componentInfo)), obs);
    }

    private static Map<String, Object> copy(Map<String, Object> kwargs) {
        return kwargs == null ? new LinkedHashMap<>() : new LinkedHashMap<>(kwargs);
    }
}
