package dev.hayloft.core.listener;

import dev.hayloft.core.dataclasses.StreamingChunk;
import java.time.Duration;
import java.util.Objects;

/**
 * A streaming chunk arrived; fired for every chunk the streaming callback receives, just
 * before the callback.
 *
 * <pre>{@code
 * public void onChunk(ChunkEvent e) {
 *     if (e.chunk().finishReason() != null) log.debug("stream done after {} chunks", e.index() + 1);
 * }
 * }</pre>
 *
 * @param context the request
 * @param attempt the attempt that is streaming
 * @param index the chunk's position in the stream, from 0
 * @param elapsed from {@code context().start()} to this chunk's arrival
 * @param chunk the chunk
 */
public record ChunkEvent(GenerationContext context, int attempt, int index, Duration elapsed,
        StreamingChunk chunk) {

    public ChunkEvent {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(chunk, "chunk");
    }

    @Override
    public String toString() {
        return "ChunkEvent[context=" + context + ", attempt=" + attempt + ", index=" + index + ", elapsed=" + elapsed
                + "]";
    }
}
