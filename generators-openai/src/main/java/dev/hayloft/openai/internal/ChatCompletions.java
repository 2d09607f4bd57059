package dev.hayloft.openai.internal;

import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.ComponentInfo;
import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.core.http.ErrorBodyException;
import java.util.List;
import java.util.Map;

/**
 * Sends a chat-completions body over a {@link ChatTransport} and converts the answer: the
 * completion's choices into replies, or the event stream read once into chunks and one reply.
 *
 * <pre>{@code
 * List<ChatMessage> replies = ChatCompletions.complete(transport, body, chunk -> ui.show(chunk), componentInfo);
 * }</pre>
 */
public final class ChatCompletions {
    private ChatCompletions() {
    }

    /**
     * Runs the request: streamed when {@code callback} is set (the reply assembled from the
     * chunks), else one reply per choice. A body or event that is an {@code {"error": ...}}
     * object fails with an {@link ErrorBodyException}.
     */
    public static List<ChatMessage> complete(ChatTransport transport, Map<String, Object> body,
            StreamingCallback callback, ComponentInfo componentInfo) {
        if (callback == null) {
            Map<String, Object> completion = transport.complete(body);
            if (completion.get("error") != null) {
                throw new ErrorBodyException(completion, false);
            }
            return OpenAIReplies.toMessages(completion);
        }
        OpenAIStream stream = new OpenAIStream(componentInfo, callback);
        boolean done = transport.stream(body, in -> SseChunks.read(in, stream));
        return List.of(stream.finish(done));
    }
}
