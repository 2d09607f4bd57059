package dev.hayloft.hf.local.internal.component;

import dev.hayloft.core.dataclasses.ComponentInfo;
import dev.hayloft.core.dataclasses.FinishReason;
import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.core.dataclasses.StreamingChunk;
import dev.hayloft.hf.local.internal.generation.TokenStreamListener;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Turns the runtime's text deltas into {@link StreamingChunk}s for a callback: the first
 * chunk is marked {@code start}, every chunk carries {@code index} 0 and the component info.
 * The final chunk (empty content, {@code finish_reason}, usage meta) is sent by
 * {@link #finish}. Also stops generation when {@code cancelled} turns true.
 *
 * <pre>{@code
 * ChunkEmitter emitter = new ChunkEmitter(callback, info, () -> future.isCancelled());
 * model.generate(prompt, params, emitter);
 * emitter.finish(FinishReason.STOP, meta);
 * }</pre>
 */
public final class ChunkEmitter implements TokenStreamListener {
    private final StreamingCallback callback;
    private final ComponentInfo info;
    private final BooleanSupplier cancelled;
    private boolean started;

    public ChunkEmitter(StreamingCallback callback, ComponentInfo info, BooleanSupplier cancelled) {
        this.callback = callback;
        this.info = info;
        this.cancelled = cancelled == null ? () -> false : cancelled;
    }

    @Override
    public void onText(int sequenceIndex, String delta) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("generation cancelled");
        }
        if (callback == null || delta.isEmpty() || sequenceIndex != 0) {
            return;
        }
        callback.onChunk(StreamingChunk.builder().content(delta).index(0).start(!started).componentInfo(info)
                .build());
        started = true;
    }

    /** Sends the closing chunk with the finish reason and {@code meta} (model, usage). */
    public void finish(FinishReason reason, Map<String, Object> meta) {
        if (callback != null) {
            callback.onChunk(StreamingChunk.builder().index(0).finishReason(reason).meta(meta).componentInfo(info)
                    .build());
        }
    }
}
