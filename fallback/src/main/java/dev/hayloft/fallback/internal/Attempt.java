package dev.hayloft.fallback.internal;

import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.core.errors.GenerationException;
import dev.hayloft.core.errors.GenerationTimeoutException;
import dev.hayloft.fallback.FallbackException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One call of one wrapped generator within a {@link FallbackRun}. It ends exactly once: when the generator's future completes, when the time-to-first-token
 * timeout fires before a content chunk (or, unstreamed, the reply) arrived, or when the
 * request's budget runs out; the generator's future is cancelled in the latter two cases.
 *
 * <pre>{@code
 * Attempt a = new Attempt(run, slot, permit, 1);
 * a.start(gate.open(a));
 * }</pre>
 */
final class Attempt {
    private final FallbackRun run;
    private final Slot slot;
    private final Circuit.Permit permit;
    private final int number;
    private final long startNanos = System.nanoTime();
    private final AtomicLong firstTokenNanos = new AtomicLong(-1);
    private final AtomicBoolean settled = new AtomicBoolean();
    private final AtomicReference<Attempt> timerTarget = new AtomicReference<>(this);
    private volatile CompletableFuture<?> source;
    private volatile boolean delivered;
    private volatile boolean budgetExpired;

    Attempt(FallbackRun run, Slot slot, Circuit.Permit permit, int number) {
        this.run = run;
        this.slot = slot;
        this.permit = permit;
        this.number = number;
    }

    /** Calls the generator with {@code callback} (null: unstreamed) and arms the time-to-first-token timer. */
    void start(StreamingCallback callback) {
        CompletableFuture<?> f;
        try {
            f = slot.start(run.messages(), run.generationKwargs(), run.tools(), callback);
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        source = f;
        if (settled.get()) {
            f.cancel(true); // a timeout ended the attempt while it started
            return;
        }
        Duration ttft = run.settings().timeToFirstToken();
        if (ttft != null && !f.isDone()) {
            run.settings().timers().after(ttft, () -> {
                Attempt target = timerTarget.getAndSet(null);
                if (target != null) {
                    target.expire(false);
                }
            });
        }
        f.whenComplete((r, e) -> settle(r, e == null ? null : unwrap(e)));
    }

    /**
     * Ends the attempt with a timeout: the time-to-first-token timeout (ignored once a first
     * token arrived) or the request's budget ({@code budget}).
     */
    void expire(boolean budget) {
        if (!budget && firstTokenNanos.get() >= 0) {
            return;
        }
        if (budget) {
            budgetExpired = true;
        }
        String message = budget ? "The total timeout of " + run.settings().totalTimeout() + " ran out while " + slot
                + " was running" : "No first token from " + slot + " within the time-to-first-token timeout of "
                + run.settings().timeToFirstToken();
        GenerationTimeoutException timeout = new GenerationTimeoutException(message,
                GenerationException.details(FallbackException.PROVIDER).retryable(true), null);
        end(null, timeout, true);
    }

    /** Cancels the generator's call (the caller cancelled the request). */
    void cancel() {
        CompletableFuture<?> f = source;
        if (f != null) {
            f.cancel(true);
        }
    }

    private void settle(Object result, Throwable error) {
        end(result, error, false);
    }

    private void end(Object result, Throwable error, boolean cancelSource) {
        if (!settled.compareAndSet(false, true)) {
            return;
        }
        long now = System.nanoTime();
        timerTarget.set(null);
        CompletableFuture<?> f = source;
        if (cancelSource && f != null) {
            f.cancel(true);
        }
        try {
            run.finished(this, result, error, now);
        } catch (RuntimeException | Error bug) {
            run.crashed(bug);
            throw bug;
        }
    }

    /** A content chunk arrived at {@code nanos} (only the first counts). */
    void firstToken(long nanos) {
        firstTokenNanos.compareAndSet(-1, nanos);
    }

    /** A chunk of this attempt reached the user's callback. */
    void delivered() {
        delivered = true;
    }

    boolean wasDelivered() {
        return delivered;
    }

    boolean isSettled() {
        return settled.get();
    }

    boolean budgetExpired() {
        return budgetExpired;
    }

    Slot slot() {
        return slot;
    }

    Circuit.Permit permit() {
        return permit;
    }

    int number() {
        return number;
    }

    /** From the start to {@code end}. */
    Duration latency(long end) {
        return Duration.ofNanos(end - startNanos);
    }

    /** From the start to the first content chunk, or null. */
    Duration timeToFirstToken() {
        long t = firstTokenNanos.get();
        return t < 0 ? null : Duration.ofNanos(t - startNanos);
    }

    static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
