package dev.hayloft.openai.internal;

import com.openai.core.Sleeper;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Ties the HTTP calls that openai-java makes on a thread to the {@link Scope} of the request
 * running on that thread, so that a request can be abandoned from another thread: cancelling
 * the scope cancels the OkHttp call in flight (closing its connection) and wakes a retry
 * back-off sleep. It also keeps the first bytes of an error response's body, which openai-java
 * does not expose when the body is not JSON.
 *
 * <p>One tracker per client; install {@link #interceptor()} and {@link #sleeper()} into it.
 *
 * <pre>{@code
 * CallTracker tracker = new CallTracker();
 * builder.addInterceptor(tracker.interceptor()).sleeper(tracker.sleeper());
 * CallTracker.Scope scope = new CallTracker.Scope();
 * try (CallTracker.Binding b = tracker.bind(scope)) {
 *     client.chat().completions().create(params);   // another thread may call scope.cancel()
 * }
 * }</pre>
 */
public final class CallTracker {
    private static final long ERROR_BODY_LIMIT = 2048;

    private final ThreadLocal<Scope> current = new ThreadLocal<>();

    /** The OkHttp application interceptor that registers calls with the current scope. */
    public Interceptor interceptor() {
        return chain -> {
            Scope scope = current.get();
            if (scope != null) {
                scope.attach(chain.call());
            }
            Response response = chain.proceed(chain.request());
            if (scope != null) {
                scope.requestId = response.header("x-request-id");
                if (!response.isSuccessful()) {
                    scope.errorBody = peek(response);
                }
            }
            return response;
        };
    }

    private static String peek(Response response) {
        try {
            return response.peekBody(ERROR_BODY_LIMIT).string();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The retry back-off sleeper: sleeps, but wakes up (and fails) when the scope is cancelled. */
    public Sleeper sleeper() {
        return new ScopeSleeper();
    }

    /** Runs the current thread's requests under {@code scope} until the returned handle is closed. */
    public Binding bind(Scope scope) {
        Scope previous = current.get();
        current.set(scope);
        return () -> {
            if (previous == null) {
                current.remove();
            } else {
                current.set(previous);
            }
        };
    }

    /**
     * Undoes {@link #bind}.
     *
     * <pre>{@code
     * try (CallTracker.Binding b = tracker.bind(scope)) {
     *     client.chat().completions().create(params);
     * }
     * }</pre>
     */
    @FunctionalInterface
    public interface Binding extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * One logical request (with its retries); thread-safe.
     *
     * <pre>{@code
     * CallTracker.Scope scope = new CallTracker.Scope();
     * watchdog.schedule(scope::cancel, 5, TimeUnit.SECONDS);
     * }</pre>
     */
    public static final class Scope {
        private volatile boolean cancelled;
        private volatile Call call;
        private volatile String errorBody;
        private volatile String requestId;

        void attach(Call newCall) {
            this.call = newCall;
            if (cancelled) {
                newCall.cancel();
                throw new CancellationException("the request was cancelled");
            }
        }

        /** Abandons the request: cancels the HTTP call in flight and wakes a back-off sleep. */
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

        /** The start of the last error response's body, if one was seen. */
        public String errorBody() {
            return errorBody;
        }

        /** The {@code x-request-id} of the last response seen, if any. */
        public String requestId() {
            return requestId;
        }

        synchronized void await(Duration duration) {
            long deadline = System.nanoTime() + duration.toNanos();
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

    private final class ScopeSleeper implements Sleeper {
        @Override
        public void sleep(Duration duration) {
            Scope scope = current.get();
            if (scope != null) {
                scope.await(duration);
                return;
            }
            try {
                Thread.sleep(duration.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while waiting to retry");
            }
        }

        @Override
        public CompletableFuture<Void> sleepAsync(Duration duration) {
            return CompletableFuture.runAsync(() -> {
            }, CompletableFuture.delayedExecutor(duration.toNanos(), TimeUnit.NANOSECONDS));
        }

        @Override
        public void close() {
        }
    }
}
