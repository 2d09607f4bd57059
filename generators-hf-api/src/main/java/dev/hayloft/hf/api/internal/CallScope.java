package dev.hayloft.hf.api.internal;

import dev.hayloft.core.errors.GenerationException;
import dev.hayloft.core.listener.GenerationObservation;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;

/**
 * One logical request with its retries: carried as the tag of each OkHttp request so the
 * {@link RetryInterceptor} can report retries to the request's observation, and cancellable
 * from another thread: {@link #cancel()} cancels the HTTP call in flight (closing its
 * connection, also mid-stream) and wakes a back-off wait. Thread-safe.
 *
 * <pre>{@code
 * CallScope scope = new CallScope(observation);
 * future.whenComplete((r, t) -> { if (future.isCancelled()) scope.cancel(); });
 * }</pre>
 */
public final class CallScope {
    private final GenerationObservation observation;
    private volatile boolean cancelled;
    private volatile Call call;
    private volatile String requestId;
    private GenerationException lastFailure;
    private Duration lastDelay;
    private int attempts;

    /** A scope reporting to {@code observation} (null: nobody observes). */
    public CallScope(GenerationObservation observation) {
        this.observation = observation == null ? GenerationObservation.none() : observation;
    }

    /** The request's observation. */
    public GenerationObservation observation() {
        return observation;
    }

    /** Abandons the request: cancels the call in flight and wakes a back-off wait. */
    public void cancel() {
        cancelled = true;
        Call c = call;
        if (c != null) {
            c.cancel();
        }
        synchronized (this) {
            notifyAll();
        }
    }

    /** Whether {@link #cancel()} was called. */
    public boolean isCancelled() {
        return cancelled;
    }

    /** The request id the server gave in its last response ({@code x-request-id}), or null. */
    public String requestId() {
        return requestId;
    }

    void requestId(String id) {
        if (id != null) {
            requestId = id;
        }
    }

    /** Registers the call of the next exchange; a cancelled scope cancels it at once. */
    void attach(Call newCall) {
        call = newCall;
        if (cancelled) {
            newCall.cancel();
            throw new CancellationException("the request was cancelled");
        }
    }

    /** An attempt starts: every attempt after a failed one is reported as a retry with that failure. */
    synchronized void attemptStarts() {
        if (attempts++ > 0 && lastFailure != null) {
            observation.retrying(lastFailure, lastDelay);
        }
        lastFailure = null;
        lastDelay = null;
    }

    synchronized void attemptFailed(GenerationException failure, Duration delay) {
        lastFailure = failure;
        lastDelay = delay;
    }

    /** Waits {@code delay} unless cancelled first (then a {@link CancellationException}). */
    synchronized void await(Duration delay) {
        long deadline = System.nanoTime() + delay.toNanos();
        try {
            while (!cancelled) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting to retry");
        }
        throw new CancellationException("the request was cancelled");
    }
}
