package dev.hayloft.openai.internal;

import com.openai.core.Sleeper;
import dev.hayloft.core.errors.GenerationException;
import dev.hayloft.core.http.HttpFailures;
import dev.hayloft.core.http.RetryPolicy;
import dev.hayloft.core.listener.GenerationObservation;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Runs the HTTP exchanges that openai-java makes and retries them by the connection's
 * {@link RetryPolicy} (openai-java's own retries are switched off, so there is one policy),
 * and ties each exchange to the {@link Scope} of the request running on that thread, so that
 * a request can be abandoned from another thread: cancelling the scope cancels the OkHttp
 * call in flight (closing its connection) and wakes a back-off wait. It keeps the first bytes
 * of an error response's body, which openai-java does not expose when the body is not JSON,
 * and reports every attempt after the first to the scope's {@link GenerationObservation} as a
 * retry (with the previous attempt's failure and the back-off waited), and the provider's
 * request id.
 *
 * <p>Only the exchange is retried, before its body is read: a stream that already started is
 * never sent again, and neither is a one-shot request body.
 *
 * <p>One tracker per client; install {@link #interceptor()} as its first application
 * interceptor.
 *
 * <pre>{@code
 * CallTracker tracker = new CallTracker(new RetryPolicy(2, Duration.ofSeconds(60)), CallTracker.Waiter.SLEEP);
 * builder.addInterceptor(tracker.interceptor()).maxRetries(0).sleeper(tracker.sleeper());
 * CallTracker.Scope scope = new CallTracker.Scope();
 * try (CallTracker.Binding b = tracker.bind(scope)) {
 *     client.chat().completions().create(params);   // another thread may call scope.cancel()
 * }
 * }</pre>
 */
public final class CallTracker {
    private static final long ERROR_BODY_LIMIT = 2048;
    private static final String RETRY_COUNT = "X-Stainless-Retry-Count";

    private final ThreadLocal<Scope> current = new ThreadLocal<>();
    private final RetryPolicy policy;
    private final Waiter waiter;

    /** A tracker retrying by {@code policy}, waiting between attempts with {@code waiter}. */
    public CallTracker(RetryPolicy policy, Waiter waiter) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.waiter = Objects.requireNonNull(waiter, "waiter");
    }

    /**
     * How the back-off between attempts is waited.
     *
     * <pre>{@code
     * List<Duration> asked = new CopyOnWriteArrayList<>();
     * CallTracker.Waiter recording = (delay, scope) -> asked.add(delay);
     * }</pre>
     */
    @FunctionalInterface
    public interface Waiter {
        /** Sleeps; a scope's wait wakes (with a {@link CancellationException}) when it is cancelled. */
        Waiter SLEEP = (delay, scope) -> {
            if (scope != null) {
                scope.await(delay);
                return;
            }
            try {
                TimeUnit.NANOSECONDS.sleep(delay.toNanos());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while waiting to retry");
            }
        };

        /** Waits {@code delay} before the next attempt of the request of {@code scope} (null when unscoped). */
        void await(Duration delay, Scope scope);
    }

    /** The retry policy. */
    public RetryPolicy policy() {
        return policy;
    }

    /** The OkHttp application interceptor that retries and registers calls with the current scope. */
    public Interceptor interceptor() {
        return this::intercept;
    }

    private Response intercept(Interceptor.Chain chain) throws IOException {
        Scope scope = current.get();
        Call call = chain.call();
        Request request = chain.request();
        boolean repeatable = request.body() == null || !request.body().isOneShot();
        if (scope != null) {
            scope.attach(call);
        }
        for (int attempt = 0;; attempt++) {
            if (scope != null) {
                scope.attemptStarts();
            }
            Request r = attempt > 0 && request.header(RETRY_COUNT) != null
                    ? request.newBuilder().header(RETRY_COUNT, Integer.toString(attempt)).build() : request;
            boolean more = attempt < policy.maxRetries() && repeatable;
            Response response;
            try {
                response = chain.proceed(r);
            } catch (IOException | RuntimeException e) {
                if (scope != null) {
                    scope.attemptFailed(e, null);
                }
                if (!more || !(e instanceof IOException) || cancelled(call, scope)) {
                    throw e;
                }
                pause(policy.delay(attempt + 1, null, null), scope);
                continue;
            }
            String requestId = response.header("x-request-id");
            if (scope != null) {
                scope.requestId = requestId;
            }
            if (response.isSuccessful()) {
                if (scope != null) {
                    scope.observation.providerRequestId(requestId);
                }
                return response;
            }
            String body = peek(response);
            if (scope != null) {
                scope.errorBody = body;
                scope.attemptFailed(null, response);
            }
            if (!more || cancelled(call, scope)
                    || !RetryPolicy.retryableStatus(response.code(), response.header("x-should-retry"), body)) {
                return response;
            }
            Duration delay = policy.delay(attempt + 1, response.header("retry-after-ms"),
                    response.header("retry-after"));
            response.close();
            pause(delay, scope);
        }
    }

    private static boolean cancelled(Call call, Scope scope) {
        return call.isCanceled() || (scope != null && scope.isCancelled());
    }

    private void pause(Duration delay, Scope scope) {
        if (scope != null) {
            scope.waited(delay);
        }
        waiter.await(delay, scope);
        if (scope != null && scope.isCancelled()) {
            throw new CancellationException("the request was cancelled");
        }
    }

    private static String peek(Response response) {
        try {
            return response.peekBody(ERROR_BODY_LIMIT).string();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * A sleeper for openai-java, which does not retry itself here ({@code maxRetries(0)}); should
     * it wait, it waits like the tracker, and it saves openai-java creating a timer of its own.
     */
    public Sleeper sleeper() {
        return new Sleeper() {
            @Override
            public void sleep(Duration duration) {
                waiter.await(duration, current.get());
            }

            @Override
            public CompletableFuture<Void> sleepAsync(Duration duration) {
                return CompletableFuture.runAsync(() -> {
                }, CompletableFuture.delayedExecutor(duration.toNanos(), TimeUnit.NANOSECONDS));
            }

            @Override
            public void close() {
            }
        };
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
                    ? HttpFailures.forStatus(provider, response.code(), requestId, HttpFailures.retryAfter(
                            response.header("retry-after-ms"), response.header("retry-after")),
                            response.header("x-should-retry"), errorBody, secret)
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

        /** Abandons the request: cancels the HTTP call in flight and wakes a back-off wait. */
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
}
