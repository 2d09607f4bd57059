package dev.hayloft.hf.api;

import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.component.ComponentRegistry;
import dev.hayloft.core.component.Components;
import dev.hayloft.core.component.Input;
import dev.hayloft.core.component.PipelineNameSlot;
import dev.hayloft.core.component.PipelineNamed;
import dev.hayloft.core.component.Run;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.ComponentInfo;
import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.core.generation.ChatGenerator;
import dev.hayloft.core.generation.ChatGeneratorResult;
import dev.hayloft.core.generation.GenerationKwargs;
import dev.hayloft.core.listener.GenerationListener;
import dev.hayloft.core.listener.GenerationObservation;
import dev.hayloft.core.listener.Listenable;
import dev.hayloft.core.listener.ListenerSlot;
import dev.hayloft.core.serde.DeserializationContext;
import dev.hayloft.core.serde.DictReader;
import dev.hayloft.core.tools.Tool;
import dev.hayloft.core.tools.ToolSource;
import dev.hayloft.core.tools.Tools;
import dev.hayloft.hf.api.internal.CallScope;
import dev.hayloft.hf.api.internal.ChatReplies;
import dev.hayloft.hf.api.internal.ChatRequests;
import dev.hayloft.hf.api.internal.ChatStream;
import dev.hayloft.hf.api.internal.HfOptionsBuilder;
import dev.hayloft.hf.api.internal.HfRuntime;
import dev.hayloft.hf.api.internal.HfSettings;
import dev.hayloft.hf.api.internal.RetryInterceptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Completes chats through Hugging Face's APIs and the servers that speak them, Haystack's
 * {@code HuggingFaceAPIChatGenerator}: {@code /v1/chat/completions} of a TGI server or an
 * Inference Endpoint at {@code api_params.url} (also vLLM, SGLang, llama.cpp's server), or of
 * the Inference Providers router for {@code serverless_inference_api} ({@code api_params.model},
 * optionally {@code provider}: sent as {@code model:provider}; a provider may also be a policy,
 * {@code fastest}, {@code cheapest} or {@code preferred}). Sockets {@code messages},
 * {@code generation_kwargs}, {@code tools}, {@code streaming_callback} → {@code replies}.
 *
 * <p>Defaults as Haystack's: token from {@code HF_API_TOKEN} or {@code HF_TOKEN} (not strict:
 * no token, no {@code Authorization} header), {@code stop_words} appended to
 * {@code generation_kwargs.stop}, {@code max_tokens} 512 unless given. Building validates
 * {@code api_type} and {@code api_params} (a missing or malformed {@code url}, a missing
 * {@code model}, a {@code provider} with a URL, unknown keys) and does no I/O (unlike Haystack,
 * the model is not looked up on the Hub).
 *
 * <p>Beyond Haystack: tools also while streaming, with the servers' tool-call variations
 * tolerated; one structured-output option ({@link ResponseFormat}) translated for TGI, vLLM,
 * SGLang or OpenAI-style servers ({@link ServerBackend}, detected when not given); retries on
 * 408/409/429/5xx and broken connections with {@code Retry-After} honoured up to a cap (TGI and
 * Endpoints answer 503 while a model loads); per-read timeouts ({@code api_params.timeout},
 * else 120 s); {@code runAsync} whose cancellation closes the connection. Failures are
 * {@link dev.hayloft.core.errors.GenerationException}s; {@link Builder#listener} attaches
 * {@link GenerationListener}s.
 *
 * <pre>{@code
 * try (HuggingFaceAPIChatGenerator llm = HuggingFaceAPIChatGenerator.builder()
 *         .apiType(HFGenerationAPIType.SERVERLESS_INFERENCE_API)
 *         .model("Qwen/Qwen2.5-7B-Instruct").provider("together")
 *         .generationKwargs(Map.of("temperature", 0.2))
 *         .build()) {
 *     ChatMessage reply = llm.run(List.of(ChatMessage.fromUser("What's NLP?"))).replies().get(0);
 * }
 * }</pre>
 */
public final class HuggingFaceAPIChatGenerator implements ChatGenerator, PipelineNamed, Listenable, AutoCloseable {
    private static final Set<String> INIT_PARAMETERS = Set.of("api_type", "api_params", "token", "generation_kwargs",
            "stop_words", "streaming_callback", "tools");

    private final HfSettings settings;
    private final List<ToolSource> tools;
    private final HfRuntime runtime;
    private final PipelineNameSlot pipelineName = new PipelineNameSlot();
    private final ListenerSlot listeners;

    private HuggingFaceAPIChatGenerator(Builder b) {
        this.settings = b.state.settings("stop", "max_tokens");
        this.tools = b.tools == null ? null : List.copyOf(b.tools);
        Tools.flatten(tools);
        this.runtime = new HfRuntime(settings);
        this.listeners = new ListenerSlot(b.state.listeners);
    }

    /** A builder with Haystack's defaults; {@code apiType} and {@code apiParams} must be set. */
    public static Builder builder() {
        return new Builder(new HfOptionsBuilder());
    }

    /** A builder holding this generator's settings. */
    public Builder toBuilder() {
        Builder b = new Builder(HfOptionsBuilder.of(settings, listeners.get().asList()));
        b.tools = tools;
        return b;
    }

    /** Opens the HTTP client (resolving the token). Idempotent. */
    @Override
    public void warmUp() {
        runtime.client();
    }

    /**
     * Generates replies to {@code messages}. Null arguments take the build-time values
     * (run-time tools replace the build-time ones); an empty message list gives no replies
     * without a request.
     *
     * @throws IllegalArgumentException for messages the API cannot take, or a structured output
     *         the server cannot do
     * @throws dev.hayloft.core.errors.GenerationException when the request fails
     */
    @Override
    @Run
    public ChatGeneratorResult run(@Input("messages") List<ChatMessage> messages,
            @Input(value = "generation_kwargs", optional = true) Map<String, Object> generationKwargs,
            @Input(value = "tools", optional = true) List<? extends ToolSource> tools,
            @Input(value = "streaming_callback", optional = true) StreamingCallback streamingCallback) {
        Objects.requireNonNull(messages, "messages");
        if (messages.isEmpty()) {
            return new ChatGeneratorResult(List.of());
        }
        StreamingCallback callback = StreamingCallback.select(settings.streamingCallback(), streamingCallback);
        List<Tool> flat = Tools.flatten(tools == null || tools.isEmpty() ? this.tools : tools);
        GenerationObservation obs = settings.observe(listeners.get(), this, messages, generationKwargs, callback);
        return runtime.run(obs, request(messages, generationKwargs, flat, callback, obs));
    }

    /**
     * Generates on a worker thread (a bounded pool shared by generators, or the builder's
     * executor). Cancelling the future closes the HTTP connection (also mid-stream) or ends the
     * back-off wait; bad arguments fail the future.
     */
    @Override
    public CompletableFuture<ChatGeneratorResult> runAsync(List<ChatMessage> messages,
            Map<String, Object> generationKwargs, List<? extends ToolSource> tools,
            StreamingCallback streamingCallback) {
        try {
            Objects.requireNonNull(messages, "messages");
            if (messages.isEmpty()) {
                return CompletableFuture.completedFuture(new ChatGeneratorResult(List.of()));
            }
            StreamingCallback callback = StreamingCallback.select(settings.streamingCallback(), streamingCallback);
            List<Tool> flat = Tools.flatten(tools == null || tools.isEmpty() ? this.tools : tools);
            GenerationObservation obs = settings.observe(listeners.get(), this, messages, generationKwargs, callback);
            return runtime.runAsync(obs, request(messages, generationKwargs, flat, callback, obs));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private Function<CallScope, ChatGeneratorResult> request(List<ChatMessage> messages,
            Map<String, Object> runtimeKwargs, List<Tool> flat, StreamingCallback callback, GenerationObservation obs) {
        Map<String, Object> kwargs = GenerationKwargs.merge(settings.generationKwargs(), runtimeKwargs);
        return scope -> {
            Map<String, Object> body = ChatRequests.chat(settings.endpoint().chatModel(), messages, kwargs, flat,
                    callback != null, () -> runtime.backend(scope));
            String url = settings.endpoint().chatUrl();
            List<ChatMessage> replies;
            if (callback != null) {
                ChatStream stream = new ChatStream(componentInfo(), obs.wrap(callback));
                replies = List.of(stream.finish(runtime.client().stream(url, body, scope, stream)));
            } else {
                replies = ChatReplies.toMessages(runtime.client().post(url, body, scope),
                        settings.endpoint().modelLabel());
            }
            return new ChatGeneratorResult(obs.succeeded(replies));
        };
    }

    private ComponentInfo componentInfo() {
        return new ComponentInfo(getClass().getName(), pipelineName.get().orElse(null));
    }

    /** The API type. */
    public HFGenerationAPIType apiType() {
        return settings.apiType();
    }

    /**
     * {@code api_params.model} (the router's model id), or null for a server at a {@code url}
     * (which names its model in each reply).
     */
    @Override
    public String model() {
        Map<String, Object> p = apiParams();
        Object m = p == null ? null : p.get("model");
        return m instanceof String ? (String) m : null;
    }

    /** {@code api_params} as given. */
    public Map<String, Object> apiParams() {
        return settings.apiParams();
    }

    /** The build-time generation kwargs (with the stop words and defaults folded in). */
    public Map<String, Object> generationKwargs() {
        return settings.generationKwargs();
    }

    /** The build-time tools, or null. */
    public List<ToolSource> tools() {
        return tools;
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
        Map<String, Object> init = settings.initParameters();
        init.put("tools", Tools.serialize(tools));
        return Components.dict(this, init);
    }

    /** Rebuilds a generator from {@link #toDict()} output (or Haystack's) via the default registry. */
    public static HuggingFaceAPIChatGenerator fromDict(Map<String, ?> data) {
        return ComponentRegistry.defaults().fromDict(data, HuggingFaceAPIChatGenerator.class);
    }

    static HuggingFaceAPIChatGenerator fromInitParameters(DictReader init, DeserializationContext ctx) {
        init.rejectUnknownKeys(INIT_PARAMETERS);
        return builder().apiType(HfSettings.readApiType(init))
                .apiParams(init.optionalMap("api_params"))
                .token(HfSettings.readToken(init, ctx, HfOptionsBuilder.DEFAULT_TOKEN))
                .generationKwargs(init.optionalMap("generation_kwargs"))
                .stopWords(init.optionalStringList("stop_words"))
                .streamingCallback(ctx.streamingCallback(init, "streaming_callback"))
                .tools(ctx.tools(init, "tools"))
                .build();
    }

    @Override
    public String toString() {
        return "HuggingFaceAPIChatGenerator[" + settings.apiType() + ", " + settings.endpoint().modelLabel() + "]";
    }

    /**
     * Builds {@link HuggingFaceAPIChatGenerator}s. {@code api_params} can be given whole
     * ({@link #apiParams}) or key by key ({@link #url}, {@link #model}, {@link #provider},
     * {@link #backend}, {@link #timeout}); both write the same map, which {@code toDict} keeps.
     *
     * <pre>{@code
     * HuggingFaceAPIChatGenerator tgi = HuggingFaceAPIChatGenerator.builder()
     *         .apiType("text_generation_inference").url("http://localhost:8080")
     *         .tools(List.of(weather)).streamingCallback(chunk -> System.out.print(chunk.content()))
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private final HfOptionsBuilder state;
        private List<? extends ToolSource> tools;

        private Builder(HfOptionsBuilder state) {
            this.state = state;
        }

        /** The API type (required). */
        public Builder apiType(HFGenerationAPIType apiType) {
            state.apiType = apiType;
            return this;
        }

        /** The API type by Haystack's name, e.g. {@code "serverless_inference_api"}. */
        public Builder apiType(String apiType) {
            state.apiType = HFGenerationAPIType.fromString(apiType);
            return this;
        }

        /** Replaces {@code api_params}: {@code url} or {@code model}; {@code provider}, {@code timeout}, {@code headers}, {@code bill_to}, {@code backend}. */
        public Builder apiParams(Map<String, ?> apiParams) {
            state.apiParams(apiParams);
            return this;
        }

        /** {@code api_params.url}: the server (TGI, an Inference Endpoint, vLLM, SGLang...). */
        public Builder url(String url) {
            state.param("url", url);
            return this;
        }

        /** {@code api_params.model}: the model id on the router, or the served model's name at a URL. */
        public Builder model(String model) {
            state.param("model", model);
            return this;
        }

        /** {@code api_params.provider}: an Inference Provider or a policy ({@code fastest}, {@code cheapest}, {@code preferred}). */
        public Builder provider(String provider) {
            state.param("provider", provider);
            return this;
        }

        /** {@code api_params.backend}: the server's structured-output dialect (null: detected). */
        public Builder backend(ServerBackend backend) {
            state.param("backend", backend == null ? null : backend.value());
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

        /** Parameters sent with every request ({@code max_tokens}, {@code temperature}, {@code response_format}...). */
        public Builder generationKwargs(Map<String, ?> generationKwargs) {
            state.generationKwargs(generationKwargs);
            return this;
        }

        /** Stop words, appended to {@code generation_kwargs.stop}. */
        public Builder stopWords(List<String> stopWords) {
            state.stopWords = stopWords;
            return this;
        }

        /** The build-time streaming callback; name it ({@link StreamingCallback#named}) to serialise. */
        public Builder streamingCallback(StreamingCallback streamingCallback) {
            state.streamingCallback = streamingCallback;
            return this;
        }

        /** Tools and toolsets the model may call (names must be unique); also used while streaming. */
        public Builder tools(List<? extends ToolSource> tools) {
            this.tools = tools;
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

        /** The bound of the worker pool shared by generators with the same bound, default 32 (run-time only). */
        public Builder asyncThreads(int asyncThreads) {
            state.asyncThreads = asyncThreads;
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

        /** Replaces the listeners (run-time only). */
        public Builder listeners(List<? extends GenerationListener> listeners) {
            state.listeners = new ArrayList<>(listeners);
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
         * Validates {@code api_type}, {@code api_params}, the kwargs and the tools, and builds.
         * No I/O.
         *
         * @throws IllegalArgumentException naming the offending parameter
         */
        public HuggingFaceAPIChatGenerator build() {
            return new HuggingFaceAPIChatGenerator(this);
        }
    }
}
