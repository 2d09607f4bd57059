package dev.hayloft.hf.api;

import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.component.Component;
import dev.hayloft.core.component.ComponentRegistry;
import dev.hayloft.core.component.Components;
import dev.hayloft.core.component.Input;
import dev.hayloft.core.component.PipelineNameSlot;
import dev.hayloft.core.component.PipelineNamed;
import dev.hayloft.core.component.Run;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.ComponentInfo;
import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.core.generation.GenerationKwargs;
import dev.hayloft.core.generation.GeneratorResult;
import dev.hayloft.core.listener.GenerationListener;
import dev.hayloft.core.listener.GenerationObservation;
import dev.hayloft.core.listener.Listenable;
import dev.hayloft.core.listener.ListenerSlot;
import dev.hayloft.core.serde.DeserializationContext;
import dev.hayloft.core.serde.DictReader;
import dev.hayloft.hf.api.internal.CallScope;
import dev.hayloft.hf.api.internal.HfOptionsBuilder;
import dev.hayloft.hf.api.internal.HfRuntime;
import dev.hayloft.hf.api.internal.HfSettings;
import dev.hayloft.hf.api.internal.RetryInterceptor;
import dev.hayloft.hf.api.internal.TextGenerations;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Generates text from a prompt with TGI's native API, Haystack's {@code HuggingFaceAPIGenerator}:
 * {@code POST {url}/generate} and {@code {url}/generate_stream} of a TGI server or an Inference
 * Endpoint, or the {@code hf-inference} provider's text-generation task for
 * {@code serverless_inference_api}. Sockets {@code prompt}, {@code streaming_callback},
 * {@code generation_kwargs} → {@code replies} (strings) and {@code meta} (one map per reply:
 * {@code model}, {@code index}, {@code finish_reason}, {@code usage}).
 *
 * <p>Defaults as Haystack's: token from {@code HF_API_TOKEN} or {@code HF_TOKEN} (not strict),
 * {@code stop_words} appended to {@code generation_kwargs.stop_sequences}, {@code max_new_tokens}
 * 512 unless given; {@code details} is always asked for, so the finish reason and token counts
 * fill {@code meta}. Special tokens are not streamed. TGI's {@code grammar} may be given in the
 * kwargs, or a {@link ResponseFormat} as {@code response_format} (JSON schema, regex, choice).
 * The serverless text-generation task serves few models now (Hugging Face moved generative
 * models to chat completion); a model it does not serve fails with a message pointing to
 * {@link HuggingFaceAPIChatGenerator}. Validation, retries, timeouts, cancellation and errors are
 * those of {@link HuggingFaceAPIChatGenerator}.
 *
 * <pre>{@code
 * try (HuggingFaceAPIGenerator llm = HuggingFaceAPIGenerator.builder()
 *         .apiType(HFGenerationAPIType.TEXT_GENERATION_INFERENCE).url("http://localhost:8080")
 *         .generationKwargs(Map.of("max_new_tokens", 64)).build()) {
 *     GeneratorResult r = llm.run("What's Natural Language Processing?");
 *     System.out.println(r.replies().get(0) + " " + r.meta().get(0).get("finish_reason"));
 * }
 * }</pre>
 */
public final class HuggingFaceAPIGenerator implements Component, PipelineNamed, Listenable, AutoCloseable {
    private static final Set<String> INIT_PARAMETERS = Set.of("api_type", "api_params", "token", "generation_kwargs",
            "stop_words", "streaming_callback");

    private final HfSettings settings;
    private final HfRuntime runtime;
    private final PipelineNameSlot pipelineName = new PipelineNameSlot();
    private final ListenerSlot listeners;

    private HuggingFaceAPIGenerator(Builder b) {
        this.settings = b.state.settings("stop_sequences", "max_new_tokens");
        this.runtime = new HfRuntime(settings);
        this.listeners = new ListenerSlot(b.state.listeners);
        TextGenerations.warnIfServerless(settings);
    }

    /** A builder with Haystack's defaults; {@code apiType} and {@code apiParams} must be set. */
    public static Builder builder() {
        return new Builder(new HfOptionsBuilder());
    }

    /** A builder holding this generator's settings. */
    public Builder toBuilder() {
        return new Builder(HfOptionsBuilder.of(settings, listeners.get().asList()));
    }

    /** Opens the HTTP client (resolving the token). Idempotent. */
    @Override
    public void warmUp() {
        runtime.client();
    }

    /** Generates with the build-time settings. */
    public GeneratorResult run(String prompt) {
        return run(prompt, null, null);
    }

    /**
     * Generates a reply to {@code prompt}; null arguments take the build-time values.
     *
     * @throws dev.hayloft.core.errors.GenerationException when the request fails
     */
    @Run
    public GeneratorResult run(@Input("prompt") String prompt,
            @Input(value = "streaming_callback", optional = true) StreamingCallback streamingCallback,
            @Input(value = "generation_kwargs", optional = true) Map<String, Object> generationKwargs) {
        Objects.requireNonNull(prompt, "prompt");
        StreamingCallback callback = StreamingCallback.select(settings.streamingCallback(), streamingCallback);
        GenerationObservation obs = settings.observe(listeners.get(), this, List.of(ChatMessage.fromUser(prompt)),
                generationKwargs, callback);
        return runtime.run(obs, request(prompt, generationKwargs, callback, obs));
    }

    /** Generates on a worker thread; cancelling the future closes the HTTP connection. */
    public CompletableFuture<GeneratorResult> runAsync(String prompt, StreamingCallback streamingCallback,
            Map<String, Object> generationKwargs) {
        try {
            Objects.requireNonNull(prompt, "prompt");
            StreamingCallback callback = StreamingCallback.select(settings.streamingCallback(), streamingCallback);
            GenerationObservation obs = settings.observe(listeners.get(), this, List.of(ChatMessage.fromUser(prompt)),
                    generationKwargs, callback);
            return runtime.runAsync(obs, request(prompt, generationKwargs, callback, obs));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private Function<CallScope, GeneratorResult> request(String prompt, Map<String, Object> runtimeKwargs,
            StreamingCallback callback, GenerationObservation obs) {
        Map<String, Object> kwargs = GenerationKwargs.merge(settings.generationKwargs(), runtimeKwargs);
        ComponentInfo info = new ComponentInfo(getClass().getName(), pipelineName.get().orElse(null));
        return scope -> TextGenerations.generate(runtime, scope, prompt, kwargs, callback, obs, info);
    }

    /** The API type. */
    public HFGenerationAPIType apiType() {
        return settings.apiType();
    }

    /** {@code api_params} as given. */
    public Map<String, Object> apiParams() {
        return settings.apiParams();
    }

    /** The build-time generation kwargs (with the stop words and defaults folded in). */
    public Map<String, Object> generationKwargs() {
        return settings.generationKwargs();
    }

    /** The build-time streaming callback, or null. */
    public StreamingCallback streamingCallback() {
        return settings.streamingCallback();
    }

    /** The attached listeners, in calling order. */
    @Override
    public List<GenerationListener> listeners() {
        return listeners.get().asList();
    }

    /** Adds listeners after the builder's (run-time only). */
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

    /** Releases the HTTP client (cancelling calls in flight); a later run opens a new one. */
    @Override
    public void close() {
        runtime.close();
    }

    /** Haystack's {@code init_parameters}; the token appears only as an env-var reference. */
    @Override
    public Map<String, Object> toDict() {
        return Components.dict(this, settings.initParameters());
    }

    /** Rebuilds a generator from {@link #toDict()} output (or Haystack's) via the default registry. */
    public static HuggingFaceAPIGenerator fromDict(Map<String, ?> data) {
        return ComponentRegistry.defaults().fromDict(data, HuggingFaceAPIGenerator.class);
    }

    static HuggingFaceAPIGenerator fromInitParameters(DictReader init, DeserializationContext ctx) {
        init.rejectUnknownKeys(INIT_PARAMETERS);
        return builder().apiType(HfSettings.readApiType(init))
                .apiParams(init.optionalMap("api_params"))
                .token(HfSettings.readToken(init, ctx, HfOptionsBuilder.DEFAULT_TOKEN))
                .generationKwargs(init.optionalMap("generation_kwargs"))
                .stopWords(init.optionalStringList("stop_words"))
                .streamingCallback(ctx.streamingCallback(init, "streaming_callback"))
                .build();
    }

    @Override
    public String toString() {
        return "HuggingFaceAPIGenerator[" + settings.apiType() + ", " + settings.endpoint().modelLabel() + "]";
    }

    /**
     * Builds {@link HuggingFaceAPIGenerator}s; {@code api_params} given whole or key by key.
     *
     * <pre>{@code
     * HuggingFaceAPIGenerator tgi = HuggingFaceAPIGenerator.builder().apiType("text_generation_inference")
     *         .url("http://localhost:8080").stopWords(List.of("Observation:")).build();
     * }</pre>
     */
    public static final class Builder {
        private final HfOptionsBuilder state;

        private Builder(HfOptionsBuilder state) {
            this.state = state;
        }

        /** The API type (required). */
        public Builder apiType(HFGenerationAPIType apiType) {
            state.apiType = apiType;
            return this;
        }

        /** The API type by Haystack's name, e.g. {@code "text_generation_inference"}. */
        public Builder apiType(String apiType) {
            state.apiType = HFGenerationAPIType.fromString(apiType);
            return this;
        }

        /** Replaces {@code api_params}: {@code url} or {@code model}, and {@code timeout}, {@code headers}, {@code bill_to}. */
        public Builder apiParams(Map<String, ?> apiParams) {
            state.apiParams(apiParams);
            return this;
        }

        /** {@code api_params.url}: the TGI server or Inference Endpoint. */
        public Builder url(String url) {
            state.param("url", url);
            return this;
        }

        /** {@code api_params.model}: the model id for {@code serverless_inference_api}. */
        public Builder model(String model) {
            state.param("model", model);
            return this;
        }

        /** {@code api_params.timeout}: the per-read timeout (null: 120 s). */
        public Builder timeout(Duration timeout) {
            state.param("timeout", timeout == null ? null : timeout.toNanos() / 1e9);
            return this;
        }

        /** The token; default {@code HF_API_TOKEN} or {@code HF_TOKEN} (not strict); null: no token. */
        public Builder token(Secret token) {
            state.token = token;
            return this;
        }

        /** Parameters sent with every request ({@code max_new_tokens}, {@code temperature}, {@code grammar}...). */
        public Builder generationKwargs(Map<String, ?> generationKwargs) {
            state.generationKwargs(generationKwargs);
            return this;
        }

        /** Stop words, appended to {@code generation_kwargs.stop_sequences}. */
        public Builder stopWords(List<String> stopWords) {
            state.stopWords = stopWords;
            return this;
        }

        /** The build-time streaming callback; name it ({@link StreamingCallback#named}) to serialise. */
        public Builder streamingCallback(StreamingCallback streamingCallback) {
            state.streamingCallback = streamingCallback;
            return this;
        }

        /** Retries of failed requests, default 3 (run-time only: not in {@code toDict}). */
        public Builder maxRetries(int maxRetries) {
            state.maxRetries = maxRetries;
            return this;
        }

        /** The longest {@code Retry-After} a retry waits, default 60 s (run-time only). */
        public Builder maxRetryAfter(Duration maxRetryAfter) {
            state.maxRetryAfter = maxRetryAfter;
            return this;
        }

        /** Where {@code runAsync} runs instead of the shared pool (run-time only; never shut down by the generator). */
        public Builder executor(Executor executor) {
            state.executor = executor;
            return this;
        }

        /** The Inference Providers router's base URL, default {@code https://router.huggingface.co} (run-time only). */
        public Builder routerUrl(String routerUrl) {
            state.router = Objects.requireNonNull(routerUrl, "routerUrl");
            return this;
        }

        /** Adds a listener of every request (run-time only). */
        public Builder listener(GenerationListener listener) {
            state.listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Test hook: where environment variables are read. */
        Builder environment(Function<String, String> environment) {
            state.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /** Test hook: how back-off waits are spent. */
        Builder waiter(RetryInterceptor.Waiter waiter) {
            state.waiter = Objects.requireNonNull(waiter, "waiter");
            return this;
        }

        /**
         * Validates {@code api_type}, {@code api_params} and the kwargs, and builds. No I/O.
         *
         * @throws IllegalArgumentException naming the offending parameter
         */
        public HuggingFaceAPIGenerator build() {
            return new HuggingFaceAPIGenerator(this);
        }
    }
}
