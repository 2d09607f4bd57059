package dev.hayloft.fallback;

import dev.hayloft.core.component.ComponentRegistry;
import dev.hayloft.core.component.Components;
import dev.hayloft.core.component.Input;
import dev.hayloft.core.component.PipelineNameSlot;
import dev.hayloft.core.component.PipelineNamed;
import dev.hayloft.core.component.Run;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.core.dataclasses.StreamingChunk;
import dev.hayloft.core.generation.ChatGenerator;
import dev.hayloft.core.generation.ChatGeneratorResult;
import dev.hayloft.core.listener.GenerationListener;
import dev.hayloft.core.listener.Listenable;
import dev.hayloft.core.listener.ListenerSlot;
import dev.hayloft.core.serde.DeserializationContext;
import dev.hayloft.core.serde.DictReader;
import dev.hayloft.core.tools.ToolSource;
import dev.hayloft.fallback.internal.Circuit;
import dev.hayloft.fallback.internal.FallbackDicts;
import dev.hayloft.fallback.internal.FallbackRun;
import dev.hayloft.fallback.internal.FallbackSettings;
import dev.hayloft.fallback.internal.Futures;
import dev.hayloft.fallback.internal.Slot;
import dev.hayloft.fallback.internal.Timers;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * Tries chat generators one after the other until one answers, Haystack's
 * {@code FallbackChatGenerator}: init parameter {@code chat_generators}; sockets
 * {@code messages}, {@code generation_kwargs}, {@code tools}, {@code streaming_callback} (all
 * forwarded to each generator) → {@code replies} (the first success's) and {@code meta}
 * ({@code successful_chat_generator_index}, {@code successful_chat_generator_class},
 * {@code total_attempts}, {@code failed_chat_generators}, and {@code attempts}: one
 * {@link FallbackAttempt} per generator reached). Works with any {@link ChatGenerator}.
 *
 * <p>Unlike Haystack, which fails over on every exception, a {@link FailoverPolicy} decides
 * per {@link FailureKind}: by default rate limits, timeouts, server and connection errors fail
 * over, authentication errors skip the generator, invalid requests (context length, content
 * filter) fail fast. When every generator fails, the {@link FallbackException} chains each
 * attempt's exception as suppressed. Optional per-generator {@link CircuitBreaker}s skip a
 * failing generator for a cooldown (honouring {@code Retry-After}). Streaming is safe across
 * failover ({@link StreamingPolicy}): chunks are held back until a commit point, so early
 * failures never show; a failure after it gives the callback one reset chunk (meta key
 * {@value #RESET_META_KEY}) before the next generator's chunks. A time-to-first-token timeout
 * and a total budget bound the wait; cancelling {@link #runWithMetaAsync} (or
 * {@link #runAsync}) cancels the attempt in flight. Thread-safe; {@link #close()} closes the
 * wrapped generators.
 *
 * <pre>{@code
 * try (FallbackChatGenerator llm = FallbackChatGenerator.builder()
 *         .chatGenerators(List.of(openai, azure, local))
 *         .circuitBreaker(CircuitBreaker.of(3, Duration.ofSeconds(30)))
 *         .timeToFirstTokenTimeout(Duration.ofSeconds(5))
 *         .build()) {
 *     FallbackResult r = llm.runWithMeta(List.of(ChatMessage.fromUser("Hi!")), null, null,
 *             chunk -> ui.show(FallbackChatGenerator.isReset(chunk) ? null : chunk.content()));
 *     log.info("answered by {}", r.meta().get("successful_chat_generator_class"));
 * }
 * }</pre>
 */
public final class FallbackChatGenerator implements ChatGenerator, PipelineNamed, Listenable, AutoCloseable {
    /**
     * The meta key of the reset chunk: its value is a map with {@code failed_chat_generator_index},
     * {@code failed_chat_generator_class}, {@code chat_generator_index} and
     * {@code chat_generator_class} (the generator whose chunks follow).
     */
    public static final String RESET_META_KEY = "fallback_reset";

    private static final Set<String> INIT_PARAMETERS = Set.of("chat_generators", "streaming_callback",
            "failover_policy", "circuit_breaker", "streaming", "time_to_first_token_timeout", "total_timeout");

    private final List<ChatGenerator> generators;
    private final StreamingCallback streamingCallback;
    private final CircuitBreaker circuitBreaker;
    private final FallbackSettings settings;
    private final Builder origin;
    private final PipelineNameSlot pipelineName = new PipelineNameSlot();
    private final ListenerSlot listeners;

    private FallbackChatGenerator(Builder b) {
        if (b.chatGenerators.isEmpty()) {
            throw new IllegalArgumentException("'chat_generators' must be a non-empty list");
        }
        this.generators = List.copyOf(b.chatGenerators);
        this.streamingCallback = b.streamingCallback;
        this.circuitBreaker = b.circuitBreaker;
        List<Slot> slots = new ArrayList<>(generators.size());
        for (int i = 0; i < generators.size(); i++) {
            slots.add(new Slot(i, generators.get(i), new Circuit(b.circuitBreaker, b.clock)));
        }
        this.settings = new FallbackSettings(slots, b.failoverPolicy, b.streaming, b.timeToFirstTokenTimeout,
                b.totalTimeout, b.timers != null ? b.timers
                        : Timers.on(b.executor != null ? b.executor : java.util.concurrent.ForkJoinPool.commonPool()));
        this.origin = b.copy();
        this.listeners = new ListenerSlot(b.listeners);
    }

    /** A builder; {@link Builder#chatGenerators} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this generator's settings (the same wrapped generator instances). */
    public Builder toBuilder() {
        Builder b = origin.copy();
        b.listeners = new ArrayList<>(listeners.get().asList());
        return b;
    }

    /** Whether {@code chunk} is the reset chunk: drop what the failed generator streamed before showing what follows. */
    public static boolean isReset(StreamingChunk chunk) {
        return chunk != null && chunk.meta().containsKey(RESET_META_KEY);
    }

    /** Warms up every wrapped generator (loads local models, opens clients). */
    @Override
    public void warmUp() {
        for (ChatGenerator g : generators) {
            g.warmUp();
        }
    }

    /**
     * Runs the generators in order until one succeeds; null arguments are forwarded as null
     * (each generator then uses its build-time values), except that a null callback means this
     * generator's build-time callback.
     *
     * @throws FallbackException when no generator answered
     * @throws CancellationException when the calling thread is interrupted (the attempt in flight is cancelled)
     * @throws IllegalArgumentException for null messages
     */
    @Run
    public FallbackResult runWithMeta(@Input("messages") List<ChatMessage> messages,
            @Input(value = "generation_kwargs", optional = true) Map<String, Object> generationKwargs,
            @Input(value = "tools", optional = true) List<? extends ToolSource> tools,
            @Input(value = "streaming_callback", optional = true) StreamingCallback streamingCallback) {
        return Futures.await(runWithMetaAsync(messages, generationKwargs, tools, streamingCallback));
    }

    /**
     * Like {@link #runWithMeta}, asynchronously: each attempt runs through the wrapped
     * generator's {@code runAsync}. Cancelling the future cancels the attempt in flight and
     * starts no other; no chunk reaches the callback afterwards.
     */
    public CompletableFuture<FallbackResult> runWithMetaAsync(List<ChatMessage> messages,
            Map<String, Object> generationKwargs, List<? extends ToolSource> tools,
            StreamingCallback streamingCallback) {
        return FallbackRun.launch(this, settings, listeners.get(), messages, generationKwargs, tools,
                StreamingCallback.select(this.streamingCallback, streamingCallback));
    }

    /** The replies of {@link #runWithMeta} (the {@link ChatGenerator} view). */
    @Override
    public ChatGeneratorResult run(List<ChatMessage> messages, Map<String, Object> generationKwargs,
            List<? extends ToolSource> tools, StreamingCallback streamingCallback) {
        return new ChatGeneratorResult(runWithMeta(messages, generationKwargs, tools, streamingCallback).replies());
    }

    /** The replies of {@link #runWithMetaAsync}; cancelling the future cancels the request. */
    @Override
    public CompletableFuture<ChatGeneratorResult> runAsync(List<ChatMessage> messages,
            Map<String, Object> generationKwargs, List<? extends ToolSource> tools,
            StreamingCallback streamingCallback) {
        return Futures.map(runWithMetaAsync(messages, generationKwargs, tools, streamingCallback),
                r -> new ChatGeneratorResult(r.replies()));
    }

    /** The wrapped generators, in order. */
    public List<ChatGenerator> chatGenerators() {
        return generators;
    }

    public FailoverPolicy failoverPolicy() {
        return settings.policy();
    }

    /** The circuit breaker settings, or null when off. */
    public CircuitBreaker circuitBreaker() {
        return circuitBreaker;
    }

    public StreamingPolicy streamingPolicy() {
        return settings.streaming();
    }

    /** The time-to-first-token timeout per attempt, or null. */
    public Duration timeToFirstTokenTimeout() {
        return settings.timeToFirstToken();
    }

    /** The budget across all attempts of a request, or null. */
    public Duration totalTimeout() {
        return settings.totalTimeout();
    }

    /** The build-time streaming callback, or null. */
    public StreamingCallback streamingCallback() {
        return streamingCallback;
    }

    /** The state of each wrapped generator's circuit breaker, in order. */
    public List<CircuitStatus> circuits() {
        List<CircuitStatus> out = new ArrayList<>(generators.size());
        for (Slot s : settings.slots()) {
            Circuit.Snapshot c = s.circuit().snapshot();
            out.add(new CircuitStatus(s.index(), s.name(), c.state(), c.failures(), c.openUntil()));
        }
        return out;
    }

    /**
     * The listeners of this generator's own requests (with an {@code onRetry} per further
     * generator and circuit changes); the wrapped generators keep their own.
     */
    @Override
    public List<GenerationListener> listeners() {
        return listeners.get().asList();
    }

    @Override
    public void addListeners(List<? extends GenerationListener> more) {
        listeners.add(more);
    }

    @Override
    public void assignPipelineName(String name) {
        pipelineName.assign(name);
    }

    @Override
    public Optional<String> pipelineName() {
        return pipelineName.get();
    }

    /** Closes every wrapped generator that is {@link AutoCloseable} (as Haystack's {@code close}). */
    @Override
    public void close() {
        Futures.closeAll(generators);
    }

    /**
     * Haystack's {@code {"chat_generators": [...]}}; Hayloft's own settings are added only when
     * they differ from the defaults (a Haystack installation cannot load those).
     */
    @Override
    public Map<String, Object> toDict() {
        Map<String, Object> init = new LinkedHashMap<>();
        init.put("chat_generators", FallbackDicts.writeGenerators(generators));
        FallbackDicts.writeSettings(init, streamingCallback, settings.policy(), circuitBreaker, settings.streaming(),
                settings.timeToFirstToken(), settings.totalTimeout());
        return Components.dict(this, init);
    }

    /** Rebuilds a generator (and its nested generators) from {@link #toDict()} output or Haystack's. */
    public static FallbackChatGenerator fromDict(Map<String, ?> data) {
        return ComponentRegistry.defaults().fromDict(data, FallbackChatGenerator.class);
    }

    static FallbackChatGenerator fromInitParameters(DictReader init, DeserializationContext ctx) {
        init.rejectUnknownKeys(INIT_PARAMETERS);
        return builder().chatGenerators(FallbackDicts.readGenerators(init, ctx))
                .streamingCallback(ctx.streamingCallback(init, "streaming_callback"))
                .failoverPolicy(FallbackDicts.readPolicy(init, ctx))
                .circuitBreaker(FallbackDicts.readCircuitBreaker(init))
                .streaming(FallbackDicts.readStreaming(init))
                .timeToFirstTokenTimeout(FallbackDicts.duration(init, "time_to_first_token_timeout"))
                .totalTimeout(FallbackDicts.duration(init, "total_timeout"))
                .build();
    }

    @Override
    public String toString() {
        List<String> names = new ArrayList<>();
        settings.slots().forEach(s -> names.add(s.name()));
        return "FallbackChatGenerator" + names;
    }

    /**
     * Builds {@link FallbackChatGenerator}s; only {@link #chatGenerators} is required.
     *
     * <pre>{@code
     * FallbackChatGenerator llm = FallbackChatGenerator.builder()
     *         .chatGenerators(List.of(primary, backup))
     *         .failoverPolicy(FailoverPolicy.builder().contextLengthFallback(true).build())
     *         .streaming(StreamingPolicy.holdUntil(80, Duration.ofMillis(300)))
     *         .totalTimeout(Duration.ofSeconds(60))
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private List<ChatGenerator> chatGenerators = new ArrayList<>();
        private StreamingCallback streamingCallback;
        private FailoverPolicy failoverPolicy = FailoverPolicy.defaults();
        private CircuitBreaker circuitBreaker;
        private StreamingPolicy streaming = StreamingPolicy.defaults();
        private Duration timeToFirstTokenTimeout;
        private Duration totalTimeout;
        private java.util.concurrent.Executor executor;
        private Clock clock = Clock.systemUTC();
        private Timers timers;
        private List<GenerationListener> listeners = new ArrayList<>();

        private Builder() {
        }

        private Builder copy() {
            Builder b = new Builder();
            b.chatGenerators = new ArrayList<>(chatGenerators);
            b.streamingCallback = streamingCallback;
            b.failoverPolicy = failoverPolicy;
            b.circuitBreaker = circuitBreaker;
            b.streaming = streaming;
            b.timeToFirstTokenTimeout = timeToFirstTokenTimeout;
            b.totalTimeout = totalTimeout;
            b.executor = executor;
            b.clock = clock;
            b.timers = timers;
            b.listeners = new ArrayList<>(listeners);
            return b;
        }

        /** Haystack's {@code chat_generators}: the generators to try, in order (non-empty, no nulls). */
        public Builder chatGenerators(List<? extends ChatGenerator> chatGenerators) {
            if (chatGenerators == null) {
                throw new IllegalArgumentException("'chat_generators' must be a non-empty list");
            }
            List<ChatGenerator> copy = new ArrayList<>(chatGenerators.size());
            for (int i = 0; i < chatGenerators.size(); i++) {
                if (chatGenerators.get(i) == null) {
                    throw new IllegalArgumentException("chat_generators[" + i + "] is null");
                }
                copy.add(chatGenerators.get(i));
            }
            this.chatGenerators = copy;
            return this;
        }

        /** Appends one generator to {@code chat_generators}. */
        public Builder chatGenerator(ChatGenerator chatGenerator) {
            if (chatGenerator == null) {
                throw new IllegalArgumentException("chat_generators[" + chatGenerators.size() + "] is null");
            }
            chatGenerators.add(chatGenerator);
            return this;
        }

        /** The build-time streaming callback (a run-time one wins); name it to serialise. */
        public Builder streamingCallback(StreamingCallback streamingCallback) {
            this.streamingCallback = streamingCallback;
            return this;
        }

        /** What follows a failed attempt; default {@link FailoverPolicy#defaults()}. */
        public Builder failoverPolicy(FailoverPolicy failoverPolicy) {
            if (failoverPolicy == null) {
                throw new IllegalArgumentException("failover_policy must not be null");
            }
            this.failoverPolicy = failoverPolicy;
            return this;
        }

        /** Per-generator circuit breakers with these settings; null (the default): off. */
        public Builder circuitBreaker(CircuitBreaker circuitBreaker) {
            this.circuitBreaker = circuitBreaker;
            return this;
        }

        /** The commit point and failover once streaming started; default {@link StreamingPolicy#defaults()}. */
        public Builder streaming(StreamingPolicy streaming) {
            if (streaming == null) {
                throw new IllegalArgumentException("streaming must not be null");
            }
            this.streaming = streaming;
            return this;
        }

        /**
         * Fails an attempt over (as a {@link FailureKind#TIMEOUT}) when no content chunk arrived
         * within {@code timeout} of its start; unstreamed, the reply counts as the first token.
         * Null (the default): no such timeout.
         */
        public Builder timeToFirstTokenTimeout(Duration timeout) {
            this.timeToFirstTokenTimeout = positive(timeout, "time_to_first_token_timeout");
            return this;
        }

        /** Fails the request when all its attempts together take longer; null (the default): no budget. */
        public Builder totalTimeout(Duration timeout) {
            this.totalTimeout = positive(timeout, "total_timeout");
            return this;
        }

        /** Where the next attempt starts after a timeout fired; default the common pool (run-time only: not in {@code toDict}). */
        public Builder executor(java.util.concurrent.Executor executor) {
            this.executor = executor;
            return this;
        }

        /** Adds a listener of this generator's requests (run-time only: not in {@code toDict}). */
        public Builder listener(GenerationListener listener) {
            if (listener == null) {
                throw new IllegalArgumentException("listener must not be null");
            }
            listeners.add(listener);
            return this;
        }

        /** Replaces the listeners (run-time only: not in {@code toDict}). */
        public Builder listeners(List<? extends GenerationListener> listeners) {
            this.listeners = new ArrayList<>(listeners);
            return this;
        }

        /** Test hook: what runs the timeouts (default: the JDK's delay scheduler and the executor). */
        Builder timers(Timers timers) {
            this.timers = java.util.Objects.requireNonNull(timers, "timers");
            return this;
        }

        /** Test hook: the clock the circuit breakers read. */
        Builder clock(Clock clock) {
            this.clock = java.util.Objects.requireNonNull(clock, "clock");
            return this;
        }

        private static Duration positive(Duration d, String field) {
            if (d != null && (d.isZero() || d.isNegative())) {
                throw new IllegalArgumentException(field + " must be positive, not " + d);
            }
            return d;
        }

        public FallbackChatGenerator build() {
            return new FallbackChatGenerator(this);
        }
    }
}
