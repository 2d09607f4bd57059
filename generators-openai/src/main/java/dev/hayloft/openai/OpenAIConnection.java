package dev.hayloft.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.Timeout;
import dev.hayloft.core.errors.AuthenticationException;
import dev.hayloft.core.errors.GenerationException;
import dev.hayloft.core.listener.GenerationObservation;
import dev.hayloft.openai.internal.CallTracker;
import dev.hayloft.openai.internal.ErrorMapper;
import dev.hayloft.openai.internal.HttpClientKwargs;
import dev.hayloft.openai.internal.QuotaRetryGuard;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An openai-java client configured from {@link OpenAIClientOptions}, plus what every
 * OpenAI-backed component needs around it: failures translated into Hayloft's exceptions
 * ({@link OpenAIErrors}) and asynchronous calls whose cancellation closes the HTTP connection.
 * Components open one lazily (in {@code warmUp()} or on first use) and close it in
 * {@code close()}.
 *
 * <p>Timeouts apply to each connect, read and write, so a long stream is not cut as long as
 * data keeps arriving. openai-java retries 408, 409, 429, 5xx and connection failures
 * {@code maxRetries} times, honouring {@code Retry-After} / {@code retry-after-ms}.
 *
 * <p><b>Escape hatch.</b> No openai-java type appears in this class's signatures, so that
 * Hayloft's API does not change with openai-java's. Code that needs the raw client names the
 * openai-java type it expects as a class token (JDBC's {@code unwrap} style):
 * {@link #call(Class, Function)} and {@link #callAsync(Class, Function)} lend the client
 * ({@code OpenAIClient.class}) to a function and translate its failures;
 * {@link #unwrap(Class)} hands the client out untranslated; and
 * {@link Builder#customizer(Class, Consumer)} adjusts openai-java's client builder
 * ({@code OpenAIOkHttpClient.Builder.class}). Such code depends on openai-java's API directly
 * and must follow its releases itself.
 *
 * <pre>{@code
 * try (OpenAIConnection openai = OpenAIConnection.open(OpenAIClientOptions.builder().build())) {
 *     ImagesResponse r = openai.call(OpenAIClient.class, client -> client.images().generate(params));
 *     CompletableFuture<ImagesResponse> f = openai.callAsync(OpenAIClient.class,
 *             client -> client.images().generate(params));
 *     f.cancel(true);   // aborts the HTTP request
 * }
 * }</pre>
 */
public final class OpenAIConnection implements AutoCloseable {
    private final OpenAIClient client;
    private final CallTracker tracker;
    private final String provider;
    private final String secret;
    private final Object lock = new Object();
    private final AtomicInteger threads = new AtomicInteger();
    private ExecutorService executor;
    private boolean closed;

    private OpenAIConnection(Builder b) {
        OpenAIClientOptions o = b.options;
        this.provider = b.provider;
        String key;
        try {
            key = o.apiKey().resolveValue(b.environment).orElse(null);
        } catch (IllegalStateException e) {
            throw new AuthenticationException(e.getMessage(), GenerationException.details(provider).retryable(false), e);
        }
        if (key == null || key.isEmpty()) {
            throw new AuthenticationException("No API key: the configured secret " + o.apiKey() + " resolved to nothing",
                    GenerationException.details(provider).retryable(false), null);
        }
        this.secret = key;
        this.tracker = new CallTracker();
        Duration t = o.timeout();
        OpenAIOkHttpClient.Builder cb = OpenAIOkHttpClient.builder()
                .apiKey(key)
                .baseUrl(o.apiBaseUrl())
                .timeout(Timeout.builder().connect(t).read(t).write(t).request(Duration.ZERO).build())
                .maxRetries(o.maxRetries())
                .sleeper(tracker.sleeper())
                .addInterceptor(tracker.interceptor())
                .addInterceptor(new QuotaRetryGuard());
        if (o.organization() != null) {
            cb.organization(o.organization());
        }
        HttpClientKwargs.apply(o.httpClientKwargs(), cb);
        for (Customization<?> c : b.customizers) {
            c.applyTo(cb);
        }
        this.client = cb.build();
    }

    /** Opens a connection reading the API key from the process environment. No network I/O happens here. */
    public static OpenAIConnection open(OpenAIClientOptions options) {
        return builder(options).build();
    }

    /** A builder for connections with a custom provider name, environment or client customisation. */
    public static Builder builder(OpenAIClientOptions options) {
        return new Builder(options);
    }

    /** The provider name reported in exceptions ({@code "openai"} unless configured). */
    public String provider() {
        return provider;
    }

    /**
     * This connection's openai-java client, or this connection, as {@code type}: pass
     * {@code OpenAIClient.class} for the raw client. Failures of calls made on it directly are
     * not translated (wrap them with {@link OpenAIErrors#toGenerationException} or use
     * {@link #call(Class, Function)}); it is closed with this connection.
     *
     * <pre>{@code
     * OpenAIClient raw = connection.unwrap(OpenAIClient.class);
     * }</pre>
     *
     * @throws IllegalArgumentException when neither the client nor this connection is a {@code type}
     */
    public <T> T unwrap(Class<T> type) {
        Objects.requireNonNull(type, "type");
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        return client(type);
    }

    /**
     * Runs {@code request} with the openai-java client (as {@code clientType}, normally
     * {@code OpenAIClient.class}) on the calling thread, translating openai-java and I/O failures
     * into {@link GenerationException}s; other exceptions pass unchanged.
     *
     * @throws IllegalArgumentException when the client is not a {@code clientType}
     */
    public <C, T> T call(Class<C> clientType, Function<? super C, ? extends T> request) {
        return call(clientType, request, GenerationObservation.none());
    }

    /**
     * Like {@link #call(Class, Function)}, reporting to {@code observation}: each retry openai-java
     * makes ({@code onRetry}, with the failed attempt's error), the provider's request id, and
     * the failure ({@code onError}, with the translated exception). {@code request} reports
     * success itself ({@link GenerationObservation#succeeded}), as only it knows the replies.
     */
    public <C, T> T call(Class<C> clientType, Function<? super C, ? extends T> request,
                         GenerationObservation observation) {
        C target = client(clientType);
        Objects.requireNonNull(request, "request");
        return run(target, request, new CallTracker.Scope(observation, provider, secret));
    }

    /**
     * Runs {@code request} with the openai-java client (as {@code clientType}) on this
     * connection's worker threads. Cancelling the returned future cancels the HTTP call in flight
     * (its connection is closed) or the back-off wait between retries; the future then completes
     * with a {@link CancellationException}.
     *
     * @throws IllegalArgumentException when the client is not a {@code clientType}
     */
    public <C, T> CompletableFuture<T> callAsync(Class<C> clientType, Function<? super C, ? extends T> request) {
        return callAsync(clientType, request, GenerationObservation.none());
    }

    /**
     * Like {@link #callAsync(Class, Function)}, reporting to {@code observation} as
     * {@link #call(Class, Function, GenerationObservation)} does; a cancellation is reported as an
     * error (a {@link CancellationException}) before {@code cancel} returns.
     */
    public <C, T> CompletableFuture<T> callAsync(Class<C> clientType, Function<? super C, ? extends T> request,
                                                 GenerationObservation observation) {
        C target = client(clientType);
        Objects.requireNonNull(request, "request");
        CallTracker.Scope scope = new CallTracker.Scope(observation, provider, secret);
        CompletableFuture<T> future = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                boolean done = super.cancel(mayInterruptIfRunning);
                scope.cancel();
                return done;
            }
        };
        try {
            executor().execute(() -> {
                if (future.isDone()) {
                    return;
                }
                try {
                    future.complete(run(target, request, scope));
                } catch (Throwable t) {
                    future.completeExceptionally(t);
                }
            });
        } catch (RejectedExecutionException e) {
            future.completeExceptionally(new IllegalStateException("The OpenAI connection is closed", e));
        }
        if (scope.observation().isActive()) {
            future.whenComplete((r, t) -> {
                if (t != null) {
                    scope.observation().failed(t);
                }
            });
        }
        return future;
    }

    private <C> C client(Class<C> type) {
        Objects.requireNonNull(type, "type");
        if (!type.isInstance(client)) {
            throw new IllegalArgumentException("The connection's client is a " + OpenAIClient.class.getName()
                    + ", not a " + type.getName());
        }
        return type.cast(client);
    }

    private <C, T> T run(C target, Function<? super C, ? extends T> request, CallTracker.Scope scope) {
        CallTracker.Binding binding = tracker.bind(scope);
        try {
            return request.apply(target);
        } catch (RuntimeException e) {
            if (scope.isCancelled()) {
                CancellationException c = new CancellationException("The OpenAI request was cancelled");
                c.initCause(e);
                scope.observation().failed(c);
                throw c;
            }
            GenerationException mapped = ErrorMapper.map(e, provider, scope.errorBody(), scope.requestId(), secret);
            scope.observation().failed(mapped != null ? mapped : e);
            throw mapped != null ? mapped : e;
        } finally {
            binding.close();
        }
    }

    private ExecutorService executor() {
        synchronized (lock) {
            if (closed) {
                throw new RejectedExecutionException("closed");
            }
            if (executor == null) {
                executor = Executors.newCachedThreadPool(r -> {
                    Thread t = new Thread(r, "hayloft-openai-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
            }
            return executor;
        }
    }

    /** Stops the worker threads and releases the HTTP client's connections. Idempotent. */
    @Override
    public void close() {
        ExecutorService e;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            e = executor;
        }
        if (e != null) {
            e.shutdownNow();
        }
        client.close();
    }

    @Override
    public String toString() {
        return "OpenAIConnection[provider=" + provider + "]";
    }

    /**
     * Builds {@link OpenAIConnection}s.
     *
     * <pre>{@code
     * OpenAIConnection azure = OpenAIConnection.builder(options).provider("azure_openai")
     *         .customizer(OpenAIOkHttpClient.Builder.class,
     *                 b -> b.azureServiceVersion(AzureOpenAIServiceVersion.latestStableVersion()))
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private final OpenAIClientOptions options;
        private String provider = OpenAIErrors.PROVIDER;
        private Function<String, String> environment = System::getenv;
        private final List<Customization<?>> customizers = new ArrayList<>();

        private Builder(OpenAIClientOptions options) {
            this.options = Objects.requireNonNull(options, "options");
        }

        /** The provider name in exceptions, e.g. {@code "azure_openai"}. */
        public Builder provider(String provider) {
            this.provider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /** Where the API key secret's environment variables are looked up. */
        public Builder environment(Function<String, String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /**
         * Adds a step that adjusts openai-java's client builder after the options are applied
         * (e.g. Azure settings); steps run in the order added. {@code builderType} names the
         * builder type the step expects: {@code OpenAIOkHttpClient.Builder.class} (or a supertype).
         *
         * @throws IllegalArgumentException from {@link #build()} when openai-java's builder is
         *         not a {@code builderType}
         */
        public <B> Builder customizer(Class<B> builderType, Consumer<? super B> customizer) {
            customizers.add(new Customization<>(Objects.requireNonNull(builderType, "builderType"),
                    Objects.requireNonNull(customizer, "customizer")));
            return this;
        }

        /**
         * Resolves the API key and creates the client (no network I/O).
         *
         * @throws AuthenticationException when the API key cannot be resolved
         */
        public OpenAIConnection build() {
            return new OpenAIConnection(this);
        }
    }

    private record Customization<B>(Class<B> type, Consumer<? super B> step) {
        void applyTo(Object builder) {
            if (!type.isInstance(builder)) {
                throw new IllegalArgumentException("The OpenAI client builder is a " + builder.getClass().getName()
                        + ", not a " + type.getName());
            }
            step.accept(type.cast(builder));
        }
    }
}
