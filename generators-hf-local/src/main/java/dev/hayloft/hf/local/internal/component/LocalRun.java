package dev.hayloft.hf.local.internal.component;

import dev.hayloft.core.dataclasses.ComponentInfo;
import dev.hayloft.core.dataclasses.FinishReason;
import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.core.listener.CarriedContext;
import dev.hayloft.hf.local.internal.generation.GenerationParams;
import dev.hayloft.hf.local.internal.generation.GenerationResult;
import dev.hayloft.hf.local.internal.generation.TokenStreamListener;
import dev.hayloft.hf.local.internal.runtime.LocalModel;
import dev.hayloft.templates.Python;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One generation request as both local generators run it: warm up, map
 * {@code generation_kwargs}, stream through a {@link ChunkEmitter}, and the async executor
 * ({@link #async}) with cancellation. The generator's own executor is bounded (one worker, as
 * Haystack's; further requests queue); a caller's executor is used as given and never shut down.
 * Every request checks before each forward pass (prompt chunks, decoding steps) whether its
 * future was cancelled or the generator closed, and stops there with a
 * {@link CancellationException}; {@link #close()} stops running requests that way and fails
 * queued ones.
 *
 * <pre>{@code
 * LocalRun runner = new LocalRun(handle, null, "hf-local");
 * LocalRun.Outcome out = runner.run(kwargs, stopWords, callback, info, () -> false, prompt,
 *         m -> m.encode(prompt, true).length, (m, p, l) -> m.generate(prompt, p, l));
 * }</pre>
 */
public final class LocalRun implements AutoCloseable {
    /** The provider name of local generation, in exceptions and listener events. */
    public static final String PROVIDER = "local";

    private static final Logger LOG = LoggerFactory.getLogger(LocalRun.class);

    private final ModelHandle handle;
    private final ExecutorService executor;
    private final boolean ownsExecutor;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Calls the model. */
    @FunctionalInterface
    public interface Call {
        GenerationResult generate(LocalModel model, GenerationParams params, TokenStreamListener listener);
    }

    /**
     * A finished request.
     *
     * @param result the runtime's result
     * @param returnFullText whether {@code return_full_text} was asked for
     * @param model the model name for meta
     * @param emitter the chunk emitter, or null when nothing streamed
     * @param stopWords the stop words in effect
     */
    public record Outcome(GenerationResult result, boolean returnFullText, String model, ChunkEmitter emitter,
            List<String> stopWords) {
        /**
         * The reply text of a sequence: trailing whitespace is removed when stop words were in
         * effect (as Haystack does), and the prompt is prepended for {@code return_full_text}.
         */
        public String text(String prompt, String generated) {
            String t = stopWords.isEmpty() ? generated : Python.rstrip(generated);
            return returnFullText ? prompt + t : t;
        }

        /** {@code {"completion_tokens", "prompt_tokens", "total_tokens"}} of the whole request. */
        public Map<String, Object> usage() {
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("completion_tokens", result.usage().completionTokens());
            u.put("prompt_tokens", result.usage().promptTokens());
            u.put("total_tokens", result.usage().totalTokens());
            return u;
        }

        /** Sends the closing chunk (when streaming) with the finish reason, model and usage. */
        public void finish(FinishReason reason) {
            if (emitter != null) {
                Map<String, Object> meta = new LinkedHashMap<>();
                meta.put("model", model);
                meta.put("usage", usage());
                emitter.finish(reason, meta);
            }
        }
    }

    public LocalRun(ModelHandle handle, ExecutorService executor, String threadPrefix) {
        this.handle = handle;
        this.ownsExecutor = executor == null;
        this.executor = executor != null ? executor : new ThreadPoolExecutor(1, 1, 0L, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), daemon(threadPrefix + "-" + Integer.toHexString(System.identityHashCode(this))));
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Runs one request against the (warmed-up) model; {@code cancelled} is null for synchronous
     * runs. {@code prompt} is what {@code return_full_text} puts before the reply.
     */
    public Outcome run(Map<String, Object> kwargs, List<String> stopWords, StreamingCallback callback,
            ComponentInfo info, BooleanSupplier cancelled, String prompt, ToIntFunction<LocalModel> promptTokens,
            Call call) {
        if (closed.get()) {
            throw new CancellationException("generation stopped: the generator was closed");
        }
        handle.warmUp();
        LocalModel model = handle.get();
        Map<String, Object> kw = new LinkedHashMap<>(KwargsMapper.withAliases(kwargs));
        Object n = kw.get("num_return_sequences");
        if (callback != null && n instanceof Number && ((Number) n).intValue() > 1) {
            LOG.warn("Streaming is enabled, but num_return_sequences is {}; streaming supports a single response, so "
                    + "it is set to 1.", n);
            kw.put("num_return_sequences", 1);
        }
        // max_length counts the decoder's tokens: the prompt, or an encoder-decoder's start token
        int tokens = !kw.containsKey("max_length") ? 0 : model.isEncoderDecoder() ? 1 : promptTokens.applyAsInt(model);
        KwargsMapper.Mapped mapped = KwargsMapper.map(kw, stopWords, tokens);
        // text2text-generation replies are the decoder's output only (no return_full_text)
        boolean fullText = mapped.returnFullText() && !model.isEncoderDecoder();
        BooleanSupplier stop = cancelled == null ? closed::get : () -> closed.get() || cancelled.getAsBoolean();
        ChunkEmitter emitter = new ChunkEmitter(callback, info, stop, !mapped.stopWords().isEmpty(),
                fullText ? prompt : "");
        GenerationResult r;
        try {
            r = call.generate(model, mapped.params(), emitter);
        } catch (IllegalStateException e) { // also CancellationException
            if (closed.get()) {
                throw new CancellationException("generation stopped: the generator was closed");
            }
            throw e;
        }
        return new Outcome(r, fullText, handle.modelName(), callback == null ? null : emitter,
                mapped.stopWords());
    }

    /** Runs {@code work} on the executor; the future's cancellation is visible to it as the supplier. */
    public <T> CompletableFuture<T> async(Function<BooleanSupplier, T> work) {
        return async(CarriedContext.NONE, work);
    }

    /**
     * Runs {@code work} on the executor inside {@code carried} (the listeners' context captured
     * on the calling thread, e.g. the caller's trace); the future's cancellation is visible to
     * it as the supplier.
     */
    public <T> CompletableFuture<T> async(CarriedContext carried, Function<BooleanSupplier, T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        if (closed.get()) {
            f.completeExceptionally(new IllegalStateException("the generator has been closed"));
            return f;
        }
        try {
            executor.execute(new Task<>(f, work, carried));
        } catch (RejectedExecutionException e) {
            f.completeExceptionally(e);
        }
        return f;
    }

    /** A queued request, so that {@link #close()} can fail the ones that never ran. */
    private static final class Task<T> implements Runnable {
        private final CompletableFuture<T> future;
        private final Function<BooleanSupplier, T> work;
        private final CarriedContext carried;

        Task(CompletableFuture<T> future, Function<BooleanSupplier, T> work, CarriedContext carried) {
            this.future = future;
            this.work = work;
            this.carried = carried;
        }

        @Override
        public void run() {
            if (future.isDone()) {
                return;   // cancelled while queued
            }
            try (CarriedContext.Scope scope = carried.enter()) {
                future.complete(work.apply(future::isCancelled));
            } catch (Throwable t) {
                future.completeExceptionally(t);
            }
        }
    }

    /**
     * Stops running requests at their next step, fails queued ones, and shuts the executor down
     * when the generator created it. Idempotent.
     */
    @Override
    public void close() {
        if (closed.getAndSet(true) || !ownsExecutor) {
            return;
        }
        for (Runnable queued : executor.shutdownNow()) {
            if (queued instanceof Task) {
                ((Task<?>) queued).future.completeExceptionally(
                        new CancellationException("the generator was closed before the request ran"));
            }
        }
    }
}
