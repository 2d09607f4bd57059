package dev.hayloft.hf.local.internal.component;

import dev.hayloft.core.dataclasses.ComponentInfo;
import dev.hayloft.core.dataclasses.FinishReason;
import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.core.dataclasses.StreamingChunk;
import dev.hayloft.hf.local.internal.generation.TokenStreamListener;
import dev.hayloft.templates.Python;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Turns the runtime's text deltas into {@link StreamingChunk}s for a callback, so that the
 * chunks always add up to the reply: the first chunk is marked {@code start}, every chunk
 * carries {@code index} 0 and the component info; with {@code return_full_text} the prompt is
 * sent first; when the reply's trailing whitespace is removed (stop words in effect, as Haystack
 * does) whitespace is held back until more text follows, and dropped at the end. The final chunk
 * (empty content, {@code finish_reason}, usage meta) is sent by {@link #finish}. Stops the
 * generation (a {@link CancellationException} before the next step) when {@code cancelled} turns
 * true.
 *
 * <pre>{@code
 * ChunkEmitter emitter = new ChunkEmitter(callback, info, () -> future.isCancelled(), true, "");
 * model.generate(prompt, params, emitter);
 * emitter.finish(FinishReason.STOP, meta);
 * }</pre>
 */
public final class ChunkEmitter implements TokenStreamListener {
    private final StreamingCallback callback;
    private final ComponentInfo info;
    private final BooleanSupplier cancelled;
    private final boolean stripTrailing;
    private String prefix;
    private final StringBuilder whitespace = new StringBuilder();
    private boolean started;

    /**
     * @param callback receives the chunks, or null when nothing streams (the emitter then only cancels)
     * @param info the component, for every chunk
     * @param cancelled whether to stop at the next step
     * @param stripTrailing whether the reply's trailing whitespace is removed
     * @param prefix text the reply starts with before the generated text ({@code return_full_text}), or ""
     */
    public ChunkEmitter(StreamingCallback callback, ComponentInfo info, BooleanSupplier cancelled,
            boolean stripTrailing, String prefix) {
        this.callback = callback;
        this.info = info;
        this.cancelled = cancelled == null ? () -> false : cancelled;
        this.stripTrailing = stripTrailing;
        this.prefix = prefix == null ? "" : prefix;
    }

    @Override
    public void beforeStep() {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("generation cancelled");
        }
    }

    @Override
    public boolean wantsText() {
        return callback != null;
    }

    @Override
    public void onText(int sequenceIndex, String delta) {
        if (callback == null || delta.isEmpty() || sequenceIndex != 0) {
            return;
        }
        sendPrefix();
        if (!stripTrailing) {
            send(delta);
            return;
        }
        whitespace.append(delta);
        int end = whitespace.length();
        while (end > 0 && Python.isSpace(whitespace.codePointBefore(end))) {
            end -= Character.charCount(whitespace.codePointBefore(end));
        }
        if (end > 0) {
            send(whitespace.substring(0, end));
            whitespace.delete(0, end);
        }
    }

    /** Sends the closing chunk with the finish reason and {@code meta} (model, usage); held-back trailing whitespace is dropped. */
    public void finish(FinishReason reason, Map<String, Object> meta) {
        if (callback != null) {
            sendPrefix();
            callback.onChunk(StreamingChunk.builder().index(0).start(!started).finishReason(reason).meta(meta)
                    .componentInfo(info).build());
        }
    }

    private void sendPrefix() {
        if (!prefix.isEmpty()) {
            String p = prefix;
            prefix = "";
            send(p);
        }
    }

    private void send(String text) {
        callback.onChunk(StreamingChunk.builder().content(text).index(0).start(!started).componentInfo(info).build());
        started = true;
    }
}
