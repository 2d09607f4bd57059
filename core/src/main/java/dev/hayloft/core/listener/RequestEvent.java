package dev.hayloft.core.listener;

import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.serde.JsonValues;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A request is about to be sent: its first attempt starts at {@code context().start()}.
 *
 * <p>{@code toString} shows the message count and the kwargs' keys, never their contents.
 *
 * <pre>{@code
 * public void onRequest(RequestEvent e) {
 *     span.setAttribute("gen_ai.request.model", e.context().model());
 *     Object t = e.generationKwargs().get("temperature");
 * }
 * }</pre>
 *
 * @param context the request
 * @param messages the input as chat messages (a text generator's prompt is a user message,
 *        after the system prompt); listeners that record prompts should make that opt-in
 * @param generationKwargs the generation parameters in effect (build-time merged with run-time)
 */
public record RequestEvent(GenerationContext context, List<ChatMessage> messages,
        Map<String, Object> generationKwargs) {

    public RequestEvent {
        Objects.requireNonNull(context, "context");
        messages = messages == null ? List.of() : List.copyOf(messages);
        generationKwargs = JsonValues.immutableMap(generationKwargs);
    }

    /** The attempt this event starts: always 1 (later attempts start with {@link RetryEvent}). */
    public int attempt() {
        return 1;
    }

    @Override
    public String toString() {
        return "RequestEvent[context=" + context + ", messages=" + messages.size() + ", generationKwargs="
                + generationKwargs.keySet() + "]";
    }
}
