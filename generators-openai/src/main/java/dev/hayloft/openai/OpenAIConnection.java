package dev.hayloft.openai;

import com.openai.client.OpenAIClient;
import dev.hayloft.core.errors.AuthenticationException;
import dev.hayloft.core.errors.GenerationException;
import dev.hayloft.core.http.RetryPolicy;
import dev.hayloft.core.http.ScrubbedCause;
import dev.hayloft.core.http.Scrubber;
import dev.hayloft.core.listener.GenerationObservation;
import dev.hayloft.openai.internal.CallTracker;
import dev.hayloft.openai.internal.ChatTransport;
import dev.hayloft.openai.internal.DirectChatTransport;
import dev.hayloft.openai.internal.HttpClientKwargs;
import dev.hayloft.openai.internal.OpenAIClients;
import dev.hayloft.openai.internal.OpenAIJavaChatTransport;
import dev.hayloft.openai.internal.SharedTransports;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

/**
 * An openai-java client configured from {@link OpenAIClientOptions}, plus what every
 * OpenAI-backed component needs around it: failures translated into Hayloft's exceptions
 * ({@link OpenAIErrors}) and asynchronous calls whose cancellation closes the HTTP connection.
 * Components open one lazily (in {@code warmUp()} or on first use) and close it in
 * {@code close()}.
 *
 * <p><b>Chat completions</b> from the OpenAI generators go straight over the connection's
 * OkHttp client (one Jackson write of the body, the response parsed once into maps or read as
 * an event stream), not through openai-java's service layer; the openai-java client is then
 * created only when something asks for it ({@link #call}, {@link #unwrap}). A connection with
 * a {@link Builder#customizer customizer} (Azure mode, custom authentication) sends them
 * through openai-java, which it builds at once. Either way retries, cancellation, listeners
 * and error classification are the same.
 *
 * <p>Timeouts apply to each connect, read and write, so a long stream is not cut as long as
 * data keeps arriving. Failed exchanges are retried {@code maxRetries} times by one policy
 * (the OpenAI Python client's; openai-java's own retries are off): {@code x-should-retry}
 * obeyed, else 408, 409, 429 (not {@code insufficient_quota}), 5xx and broken connections;
 * {@code Retry-After} / {@code retry-after-ms} honoured up to
 * {@link OpenAIClientOptions#maxRetryAfter()}, else exponential back-off (0.5 s doubling up to
 * 8 s, with jitter).
 *
 * <p><b>Shared resources.</b> Connections whose options have the same connection-shaping
 * {@code http_client_kwargs} ({@code proxy}, {@code verify}, {@code follow_redirects}), equal
 * customizers (none, or customizer objects that are {@code equals}) and the same
 * {@link Builder#asyncThreads(int)} share one OkHttp connection pool and dispatcher, and one
 * bounded pool of daemon worker threads for {@link #callAsync}; they are released when the last
 * such connection is closed. A caller's {@link Builder#executor(Executor)} is used instead of
 * the worker pool and is never shut down by the connection. {@link #close()} cancels this
 * connection's calls in flight.
 *
 * <p><b>Secrets.</b> No exception thrown here chains an openai-java, OkHttp or JDK exception
 * itself: the cause is a stand-in with the original's class name, stack trace and message
 * with credentials masked, so {@code printStackTrace()} and {@code log.warn(msg, e)} never show
 * the API key, even when the server echoed it.
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
    /** The default bound of the worker pool that runs {@link #callAsync} requests. */
    public static final int DEFAULT_ASYNC_THREADS = 32;

    private final OpenAIClientOptions options;
    private final List<Consumer<Object>> steps;
    private final ChatTransport chat;
    private OpenAIClient client;   // guarded by this; created on first use where chat goes direct
    private final CallTracker tracker;
    private final String provider;
    private final String secret;
    private final Clock clock;
    private final SharedTransports.Lease lease;
    private final Executor callerExecutor;
    private final Set<CallTracker.Scope> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private OpenAIConnection(Builder b) {
        OpenAIClientOptions o = b.options;
        this.options = o;
        this.provider = b.provider;
        String key = OpenAIClients.resolveKey(o.apiKey(), b.environment, provider);
        this.secret = key;
        this.clock = b.clock;
        this.callerExecutor = b.executor;
        this.tracker = new CallTracker(new RetryPolicy(o.maxRetries(), o.maxRetryAfter(), b.clock, b.jitter),
                b.waiter);
        this.lease = SharedTransports.acquire(new SharedTransports.Key(
                HttpClientKwargs.transportPart(o.httpClientKwargs()), b.customizers, b.asyncThreads));
        List<Consumer<Object>> customSteps = new ArrayList<>();
        for (Customization<?> c : b.customizers) {
            customSteps.add(c::applyTo);
        }
        this.steps = List.copyOf(customSteps);
        try {
            // plain OpenAI-compatible connections send chat completions straight over OkHttp and create
            // openai-java's client only when it is asked for (a faster start); where a customiser shapes
            // openai-java's requests (Azure mode, custom auth), openai-java is built now and sends them
            if (steps.isEmpty()) {
                this.chat = DirectChatTransport.create(lease.okHttpClient(), o.timeout(), tracker, o.apiBaseUrl(), key,
                        o.organization(), o.project(), HttpClientKwargs.headerMap(o.httpClientKwargs()), provider);
            } else {
                this.client = OpenAIClients.create(o, key, tracker, lease.okHttpClient(), steps);
                this.chat = new OpenAIJavaChatTransport(client);
            }
        } catch (RuntimeException e) {
            lease.close();
            if (ScrubbedCause.mentionsSecret(e, key)) {
                throw new IllegalArgumentException("The OpenAI client could not be created: "
                        + Scrubber.scrub(e.getMessage(), key), ScrubbedCause.of(e, key));
            }
            throw e;
        }
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
        return callOn(client(clientType), request, observation);
    }

    /**
     * Runs a chat-completions {@code request} on the calling thread with this connection's
     * {@link ChatTransport}, as {@link #call(Class, Function, GenerationObservation)} does.
     */
    <T> T callChat(Function<? super ChatTransport, ? extends T> request, GenerationObservation observation) {
        return callOn(chat, request, observation);
    }

    /** Like {@link #callChat}, on the worker threads, as {@link #callAsync(Class, Function, GenerationObservation)}. */
    <T> CompletableFuture<T> callChatAsync(Function<? super ChatTransport, ? extends T> request,
            GenerationObservation observation) {
        return callAsyncOn(chat, request, observation);
    }

    private <C, T> T callOn(C target, Function<? super C, ? extends T> request, GenerationObservation observation) {
        Objects.requireNonNull(request, "request");
        if (closed) {
            throw new IllegalStateException("The OpenAI connection is closed");
        }
        return run(target, request, new CallTracker.Scope(observation, provider, secret));
    }

    /**
     * Runs {@code request} with the openai-java client (as {@code clientType}) on this
     * connection's worker threads (a bounded pool shared by connections with the same settings,
     * or the builder's {@link Builder#executor(Executor) executor}). Cancelling the returned
     * future cancels the HTTP call in flight (its connection is closed) or the back-off wait
     * between retries; the future then completes with a {@link CancellationException}. Failures
     * complete the future; nothing is thrown on the calling thread except for bad arguments.
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
        return callAsyncOn(client(clientType), request, observation);
    }

    private <C, T> CompletableFuture<T> callAsyncOn(C target, Function<? super C, ? extends T> request,
            GenerationObservation observation) {
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
        if (scope.observation().isActive()) {
            future.whenComplete((r, t) -> {
                if (t != null) {
                    scope.observation().failed(t);
                }
            });
        }
        try {
            if (closed) {
                throw new RejectedExecutionException("closed");
            }
            Executor executor = callerExecutor != null ? callerExecutor : lease.executor();
            executor.execute(() -> {
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
            future.completeExceptionally(new IllegalStateException("The OpenAI connection is closed",
                    ScrubbedCause.of(e, secret)));
        }
        return future;
    }

    private synchronized OpenAIClient client() {
        if (client == null) {
            if (closed) {
                throw new IllegalStateException("The OpenAI connection is closed");
            }
            client = OpenAIClients.create(options, secret, tracker, lease.okHttpClient(), steps);
        }
        return client;
    }

    private <C> C client(Class<C> type) {
        Objects.requireNonNull(type, "type");
        OpenAIClient client = client();
        if (!type.isInstance(client)) {
            throw new IllegalArgumentException("The connection's client is a " + OpenAIClient.class.getName()
                    + ", not a " + type.getName());
        }
        return type.cast(client);
    }

    private <C, T> T run(C target, Function<? super C, ? extends T> request, CallTracker.Scope scope) {
        inFlight.add(scope);
        if (closed) {
            scope.cancel();
        }
        CallTracker.Binding binding = tracker.bind(scope);
        try {
            return request.apply(target);
        } catch (RuntimeException e) {
            RuntimeException out = OpenAIClients.translate(e, scope, provider, secret, clock, closed);
            scope.observation().failed(out);
            throw out;
        } finally {
            binding.close();
            inFlight.remove(scope);
        }
    }

    /**
     * Cancels this connection's calls in flight and gives back its share of the HTTP transport
     * and worker pool (released when no other connection with the same settings holds them).
     * A caller's executor is not shut down. Idempotent.
     */
    @Override
    public void close() {
        synchronized (inFlight) {
            if (closed) {
                return;
            }
            closed = true;
        }
        for (CallTracker.Scope scope : inFlight) {
            scope.cancel();
        }
        OpenAIClient created;
        synchronized (this) {
            created = client;
        }
        try {
            if (created != null) {
                created.close();
            }
        } finally {
            lease.close();
        }
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
        private Executor executor;
        private int asyncThreads = DEFAULT_ASYNC_THREADS;
        private Clock clock = Clock.systemUTC();
        private DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();
        private CallTracker.Waiter waiter = CallTracker.Waiter.SLEEP;

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
         * Runs {@link #callAsync} requests on {@code executor} instead of the shared worker
         * pool; the connection never shuts it down. Null for the shared pool.
         */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        /**
         * The most {@link #callAsync} requests that run at once on the shared worker pool
         * (more wait in line); default {@value OpenAIConnection#DEFAULT_ASYNC_THREADS}.
         * Connections share the pool only when this is equal too.
         *
         * @throws IllegalArgumentException when below 1
         */
        public Builder asyncThreads(int asyncThreads) {
            if (asyncThreads < 1) {
                throw new IllegalArgumentException("asyncThreads must be >= 1 but was " + asyncThreads);
            }
            this.asyncThreads = asyncThreads;
            return this;
        }

        /** Test hook: the clock HTTP-date {@code Retry-After} values are measured against. */
        Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Test hook: the source of the back-off jitter (uniform in [0, 1)). */
        Builder jitter(DoubleSupplier jitter) {
            this.jitter = Objects.requireNonNull(jitter, "jitter");
            return this;
        }

        /** Test hook: how the wait between attempts is spent. */
        Builder waiter(CallTracker.Waiter waiter) {
            this.waiter = Objects.requireNonNull(waiter, "waiter");
            return this;
        }

        /**
         * Adds a step that adjusts openai-java's client builder after the options are applied
         * (e.g. Azure settings); steps run in the order added. {@code builderType} names the
         * builder type the step expects: {@code OpenAIOkHttpClient.Builder.class} (or a supertype).
         * Connections share a transport only when their steps are {@code equals} (the same
         * objects, or value objects); a step that sets transport settings on openai-java's
         * builder (proxy, TLS, connection pool) gets a transport of its own. Retries belong to the
         * connection: a step must not turn openai-java's own retries back on.
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
         * Resolves the API key and sets up the transport (no network I/O); openai-java's client is
         * created now when a customizer is set, else on first use.
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
