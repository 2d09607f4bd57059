package dev.hayloft.openai.internal;

import com.openai.core.Sleeper;
import dev.hayloft.core.errors.GenerationException;
import dev.hayloft.core.listener.GenerationObservation;
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
 * does not expose when the body is not JSON. As openai-java retries inside one call, the
 * tracker is also where each attempt is seen: a scope with a {@link GenerationObservation}
 * reports every attempt after the first as a retry (with the previous attempt's failure and
 * the back-off waited) and the provider's request id.
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
            if (scope == null) {
                return chain.proceed(chain.request());
            }
            scope.attach(chain.call());
            scope.attemptStarts();
            Response response;
            try {
                response = chain.proceed(chain.request());
            } catch (IOException | RuntimeException e) {
                scope.attemptFailed(e, null);
                throw e;
            }
            scope.requestId = response.header("x-request-id");
            if (!response.isSuccessful()) {
                scope.errorBody = peek(response);
                scope.attemptFailed(null, response);
            } else {
                scope.observation.providerRequestId(scope.requestId);
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
        private final GenerationObservation observation;
        private final String provider;
        private final String secret;
        private volatile boolean cancelled;
        private volatile Call call;
        private volatile String errorBody;
        private volatile String requestId;
        private int attempts;
        private GenerationException lastFailure;
        private Duration lastDelay;

        /** A scope whose attempts nobody observes. */
        public Scope() {
            this(GenerationObservation.none(), "openai", null);
        }

        /**
         * A scope reporting its attempts to {@code observation}; failures of attempts are
         * classified for {@code provider}, with {@code secret} (the API key) scrubbed.
         */
        public Scope(GenerationObservation observation, String provider, String secret) {
            this.observation = observation == null ? GenerationObservation.none() : observation;
            this.provider = provider;
            this.secret = secret;
        }

        /** The observation of the request. */
        public GenerationObservation observation() {
            return observation;
        }

        synchronized void attemptStarts() {
            if (attempts++ > 0 && lastFailure != null) {
                observation.retrying(lastFailure, lastDelay);
            }
            lastFailure = null;
            lastDelay = null;
        }

        void attemptFailed(Throwable failure, Response response) {
            if (!observation.isActive()) {
                return;
            }
            GenerationException e = response != null
                    ? ErrorMapper.forResponse(response.code(), requestId, ErrorMapper.retryAfter(
                            response.header("retry-after-ms"), response.header("retry-after")), errorBody, provider,
                            secret)
                    : ErrorMapper.map(failure, provider, null, requestId, secret);
            synchronized (this) {
                lastFailure = e;
            }
        }

        synchronized void waited(Duration delay) {
            lastDelay = delay;
        }

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
                scope.waited(duration);
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
