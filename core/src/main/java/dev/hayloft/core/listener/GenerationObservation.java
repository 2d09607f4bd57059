package dev.hayloft.core.listener;

import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.core.dataclasses.StreamingChunk;
import dev.hayloft.core.errors.GenerationException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One request as its listeners see it, from {@link GenerationListeners#start} (which fired
 * {@code onRequest}) to {@link #succeeded} or {@link #failed}, whichever comes first: the
 * terminal event fires once, later calls are ignored. Used by generator implementations, not
 * by listeners. Thread-safe: the request may move between threads (asynchronous runs), but its
 * events are expected one at a time.
 *
 * <pre>{@code
 * GenerationObservation obs = listeners.start(context, messages, kwargs);
 * StreamingCallback callback = obs.wrap(userCallback);      // null stays null
 * // the HTTP client, between attempts:
 * obs.retrying(previousFailure, backOff);
 * obs.providerRequestId(response.header("x-request-id"));
 * obs.succeeded(replies);
 * }</pre>
 */
public final class GenerationObservation {
    private static final GenerationObservation NONE = new GenerationObservation(null, null);

    private final GenerationListeners listeners;
    private final GenerationContext context;
    private final long startNanos;
    private final AtomicInteger attempt = new AtomicInteger(1);
    private final AtomicInteger chunks = new AtomicInteger();
    private final AtomicBoolean done = new AtomicBoolean();
    private volatile long firstTokenNanos = -1;
    private volatile String providerRequestId;

    GenerationObservation(GenerationListeners listeners, GenerationContext context) {
        this.listeners = listeners;
        this.context = context;
        this.startNanos = System.nanoTime();
    }

    /** The observation of a request nobody listens to: every method does nothing. */
    public static GenerationObservation none() {
        return NONE;
    }

    /** Whether listeners observe this request (false for {@link #none()}). */
    public boolean isActive() {
        return listeners != null;
    }

    /** The request's context; null for {@link #none()}. */
    public GenerationContext context() {
        return context;
    }

    /** The current attempt, from 1. */
    public int attempt() {
        return attempt.get();
    }

    /**
     * {@code callback} reporting each chunk to the listeners ({@code onFirstToken} for the
     * first chunk with content, then {@code onChunk}) before passing it on; null stays null, and
     * without listeners {@code callback} is returned as is.
     */
    public StreamingCallback wrap(StreamingCallback callback) {
        if (callback == null || listeners == null) {
            return callback;
        }
        return chunk -> {
            chunk(chunk);
            callback.onChunk(chunk);
        };
    }

    /** Reports a streaming chunk (what {@link #wrap} does per chunk). */
    public void chunk(StreamingChunk chunk) {
        if (listeners == null || done.get()) {
            return;
        }
        long now = System.nanoTime();
        int n = attempt.get();
        if (firstTokenNanos < 0 && chunk.hasContent()) {
            firstTokenNanos = now;
            listeners.onFirstToken(new FirstTokenEvent(context, n, Duration.ofNanos(now - startNanos), chunk));
        }
        int index = chunks.getAndIncrement();
        if (listeners.wantsChunks()) {
            listeners.onChunk(new ChunkEvent(context, n, index, Duration.ofNanos(now - startNanos), chunk));
        }
    }

    /** The previous attempt failed with {@code previousError}; the next one starts now, after {@code delay}. */
    public void retrying(GenerationException previousError, Duration delay) {
        retrying(previousError, delay, null);
    }

    /**
     * Like {@link #retrying(GenerationException, Duration)}, the next attempt asking for
     * {@code model} (null: the request's model), e.g. a fallback's next generator.
     */
    public void retrying(GenerationException previousError, Duration delay, String model) {
        Objects.requireNonNull(previousError, "previousError");
        if (listeners == null || done.get()) {
            return;
        }
        listeners.onRetry(new RetryEvent(context, attempt.incrementAndGet(), Instant.now(),
                delay == null ? Duration.ZERO : delay, previousError, model));
    }

    /**
     * What the listeners carry into work done for this request's current attempt (see
     * {@link GenerationListener#carry}); {@link CarriedContext#NONE} for {@link #none()}.
     */
    public CarriedContext carry() {
        return listeners == null ? CarriedContext.NONE : listeners.carry(context);
    }

    /** The provider's id for the request (e.g. an {@code x-request-id} header), reported on success. */
    public void providerRequestId(String id) {
        if (listeners != null && id != null) {
            providerRequestId = id;
        }
    }

    /**
     * The request succeeded with chat replies: finish reasons and the response model are read
     * from each reply's Haystack meta ({@code finish_reason}, {@code model}), and so is the
     * usage ({@code usage}): taken once when every reply carries the same usage (OpenAI reports
     * the whole completion's on each choice), else input tokens are the largest and output
     * tokens the sum. Returns {@code replies}.
     */
    public List<ChatMessage> succeeded(List<ChatMessage> replies) {
        return succeeded(replies, null);
    }

    /**
     * Like {@link #succeeded(List)} with the request's token usage given ({@code null}: read
     * from the replies). Returns {@code replies}.
     */
    public List<ChatMessage> succeeded(List<ChatMessage> replies, TokenUsage usage) {
        if (listeners == null) {
            return replies;
        }
        List<String> reasons = new ArrayList<>(replies.size());
        String model = null;
        for (ChatMessage reply : replies) {
            Map<String, Object> meta = reply.meta();
            if (meta.get("finish_reason") instanceof String) {
                reasons.add((String) meta.get("finish_reason"));
            }
            if (model == null && meta.get("model") instanceof String) {
                model = (String) meta.get("model");
            }
        }
        succeeded(replies, usage != null ? usage : usageOf(replies), reasons, model);
        return replies;
    }

    private static TokenUsage usageOf(List<ChatMessage> replies) {
        if (replies.isEmpty()) {
            return TokenUsage.UNKNOWN;
        }
        Object first = replies.get(0).meta().get("usage");
        boolean same = true;
        Integer input = null;
        TokenUsage sum = TokenUsage.UNKNOWN;
        for (ChatMessage reply : replies) {
            Object u = reply.meta().get("usage");
            same &= Objects.equals(first, u);
            TokenUsage t = TokenUsage.fromMeta(u);
            if (t.inputTokens() != null && (input == null || t.inputTokens() > input)) {
                input = t.inputTokens();
            }
            sum = sum.plus(new TokenUsage(null, t.outputTokens()));
        }
        return same ? TokenUsage.fromMeta(first) : new TokenUsage(input, sum.outputTokens());
    }

    /** The request succeeded; for results without Haystack reply meta (e.g. images). */
    public void succeeded(List<ChatMessage> replies, TokenUsage usage, List<String> finishReasons,
            String responseModel) {
        if (listeners == null || !done.compareAndSet(false, true)) {
            return;
        }
        long now = System.nanoTime();
        long first = firstTokenNanos;
        listeners.onResponse(new ResponseEvent(context, attempt.get(), Duration.ofNanos(now - startNanos),
                first < 0 ? null : Duration.ofNanos(first - startNanos), usage, finishReasons, responseModel,
                providerRequestId, chunks.get(), replies));
    }

    /** The request failed with {@code error} (or was cancelled: a {@code CancellationException}). */
    public void failed(Throwable error) {
        Objects.requireNonNull(error, "error");
        if (listeners == null || !done.compareAndSet(false, true)) {
            return;
        }
        listeners.onError(new ErrorEvent(context, attempt.get(), Duration.ofNanos(System.nanoTime() - startNanos),
                error));
    }

    @Override
    public String toString() {
        return listeners == null ? "GenerationObservation[none]"
                : "GenerationObservation[" + context + ", attempt=" + attempt.get() + "]";
    }
}
