package dev.hayloft.core.listener;

import dev.hayloft.core.dataclasses.StreamingChunk;
import java.time.Duration;
import java.util.Objects;

/**
 * The first streaming chunk with content (text, a tool-call delta or reasoning) arrived.
 * Fired once per streamed request, just before that chunk's {@link ChunkEvent}.
 *
 * <pre>{@code
 * public void onFirstToken(FirstTokenEvent e) {
 *     ttft.record(e.timeToFirstToken());
 * }
 * }</pre>
 *
 * @param context the request
 * @param attempt the attempt that is streaming (1 unless earlier attempts failed)
 * @param timeToFirstToken from {@code context().start()} (the request's start, so it includes
 *        earlier failed attempts) to this chunk's arrival
 * @param chunk the chunk
 */
public record FirstTokenEvent(GenerationContext context, int attempt, Duration timeToFirstToken,
        StreamingChunk chunk) {

    public FirstTokenEvent {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(timeToFirstToken, "timeToFirstToken");
        Objects.requireNonNull(chunk, "chunk");
    }

    @Override
    public String toString() {
        return "FirstTokenEvent[context=" + context + ", attempt=" + attempt + ", timeToFirstToken="
                + timeToFirstToken + "]";
    }
}
