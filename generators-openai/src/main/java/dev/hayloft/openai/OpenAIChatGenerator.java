package dev.hayloft.openai;

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
import dev.hayloft.core.listener.Listenable;
import dev.hayloft.core.listener.ListenerSlot;
import dev.hayloft.core.listener.GenerationObservation;
import dev.hayloft.core.serde.DeserializationContext;
import dev.hayloft.core.serde.DictReader;
import dev.hayloft.core.tools.Tool;
import dev.hayloft.core.tools.ToolSource;
import dev.hayloft.core.tools.Tools;
import dev.hayloft.openai.internal.ChatCompletions;
import dev.hayloft.openai.internal.ChatRequests;
import dev.hayloft.openai.internal.Settings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Completes chats with OpenAI's Chat Completions API (or any compatible server), Haystack's
 * {@code OpenAIChatGenerator}: sockets {@code messages}, {@code streaming_callback},
 * {@code generation_kwargs}, {@code tools}, {@code tools_strict} → {@code replies}.
 *
 * <p>Defaults as in Haystack: model {@code gpt-4o-mini}, API key from {@code OPENAI_API_KEY},
 * timeout from {@code OPENAI_TIMEOUT} else 30 s, retries from {@code OPENAI_MAX_RETRIES} else
 * 5 (both read once, in {@code build()}). Building does no I/O; the HTTP client is created by
 * {@link #warmUp()} or the first run and released by {@link #close()}.
 *
 * <p>{@code generation_kwargs} (run-time merged over build-time) go to the API untouched, e.g.
 * {@code temperature}, {@code max_completion_tokens}, {@code n}, {@code stop},
 * {@code response_format} (a JSON schema, {@code {"type": "json_object"}}, or
 * {@link StructuredOutput#responseFormat()}). Run-time tools replace build-time tools;
 * {@code tools_strict} rewrites their schemas for OpenAI's strict mode. With a streaming
 * callback the reply streams ({@code stream_options: {"include_usage": true}} unless given);
 * {@code n > 1} cannot stream. Failures are {@link dev.hayloft.core.errors.GenerationException}s
 * (see {@link OpenAIErrors}). {@link Builder#listener} attaches {@link GenerationListener}s
 * (each attempt of openai-java's retries is reported).
 *
 * <pre>{@code
 * try (OpenAIChatGenerator llm = OpenAIChatGenerator.builder()
 *         .model("gpt-4o-mini")
 *         .generationKwargs(Map.of("temperature", 0.2))
 *         .build()) {
 *     ChatMessage reply = llm.run(List.of(ChatMessage.fromUser("What's NLP?"))).replies().get(0);
 *     llm.run(List.of(ChatMessage.fromUser("Count to 5")), null, null, chunk -> System.out.print(chunk.content()));
 * }
 * }</pre>
 */
public final class OpenAIChatGenerator implements ChatGenerator, PipelineNamed, Listenable, AutoCloseable {
    /** Haystack's default model. */
    public static final String DEFAULT_MODEL = "gpt-4o-mini";

    private static final Set<String> INIT_PARAMETERS = Set.of("api_key", "model", "streaming_callback",
            "api_base_url", "organization", "generation_kwargs", "timeout", "max_retries", "tools", "tools_strict",
            "http_client_kwargs");

    private final Settings settings;
    private final List<ToolSource> tools;
    private final boolean toolsStrict;
    private final Function<String, String> environment;
    private final Executor executor;
    private final LazyOpenAIConnection connection;
    private final PipelineNameSlot pipelineName = new PipelineNameSlot();
    private final ListenerSlot listeners;

    private OpenAIChatGenerator(Builder b) {
        this.settings = Settings.of(b.model, b.apiKey, b.streamingCallback, b.apiBaseUrl, b.organization,
                b.generationKwargs, b.timeout, b.maxRetries, b.httpClientKwargs, b.maxRetryAfter, b.environment);
        this.tools = b.tools == null ? null : List.copyOf(b.tools);
        Tools.flatten(tools);
        this.toolsStrict = b.toolsStrict;
        this.environment = b.environment;
        this.executor = b.executor;
        this.connection = settings.connection(environment, executor);
        this.listeners = new ListenerSlot(b.listeners);
    }

    /** A builder with Haystack's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this generator's settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.model = settings.model();
        b.apiKey = settings.apiKey();
        b.streamingCallback = settings.streamingCallback();
        b.apiBaseUrl = settings.apiBaseUrl();
        b.organization = settings.organization();
        b.generationKwargs = settings.generationKwargs();
        b.timeout = settings.timeout();
        b.maxRetries = settings.maxRetries();
        b.maxRetryAfter = settings.clientOptions().maxRetryAfter();
        b.executor = executor;
        b.tools = tools;
        b.toolsStrict = toolsStrict;
        b.httpClientKwargs = settings.httpClientKwargs();
        b.environment = environment;
        b.listeners = new ArrayList<>(listeners.get().asList());
        return b;
    }

    /** Creates the HTTP client (resolving the API key). Idempotent. */
    @Override
    public void warmUp() {
        connection.get();
    }

    @Override
    public ChatGeneratorResult run(List<ChatMessage> messages, Map<String, Object> generationKwargs,
            List<? extends ToolSource> tools, StreamingCallback streamingCallback) {
        return run(messages, generationKwargs, tools, null, streamingCallback);
    }

    /**
     * Generates replies to {@code messages}. Null arguments take the build-time values; an empty
     * message list gives no replies without calling the API.
     *
     * @param toolsStrict overrides the build-time {@code tools_strict} when not null
     * @throws IllegalArgumentException for messages OpenAI cannot take or {@code n > 1} with streaming
     * @throws dev.hayloft.core.errors.GenerationException when the request fails
     */
    @Run
    public ChatGeneratorResult run(@Input("messages") List<ChatMessage> messages,
            @Input(value = "generation_kwargs", optional = true) Map<String, Object> generationKwargs,
            @Input(value = "tools", optional = true) List<? extends ToolSource> tools,
            @Input(value = "tools_strict", optional = true) Boolean toolsStrict,
            @Input(value = "streaming_callback", optional = true) StreamingCallback streamingCallback) {
        Objects.requireNonNull(messages, "messages");
        if (messages.isEmpty()) {
            return new ChatGeneratorResult(List.of());
        }
        StreamingCallback callback = StreamingCallback.select(settings.streamingCallback(), streamingCallback);
        Map<String, Object> body = body(messages, generationKwargs, tools, toolsStrict, callback);
        GenerationObservation obs = settings.observe(listeners.get(), this, messages, generationKwargs, callback);
        return connection.get().callChat(client -> new ChatGeneratorResult(obs.succeeded(
                ChatCompletions.complete(client, body, obs.wrap(callback), componentInfo()))), obs);
    }

    @Override
    public CompletableFuture<ChatGeneratorResult> runAsync(List<ChatMessage> messages,
            Map<String, Object> generationKwargs, List<? extends ToolSource> tools,
            StreamingCallback streamingCallback) {
        return runAsync(messages, generationKwargs, tools, null, streamingCallback);
    }

    /**
     * Generates on a worker thread. Cancelling the returned future closes the HTTP connection
     * (also mid-stream) and stops the streaming callback.
     */
    public CompletableFuture<ChatGeneratorResult> runAsync(List<ChatMessage> messages,
            Map<String, Object> generationKwargs, List<? extends ToolSource> tools, Boolean toolsStrict,
            StreamingCallback streamingCallback) {
        try {
            Objects.requireNonNull(messages, "messages");
            if (messages.isEmpty()) {
                return CompletableFuture.completedFuture(new ChatGeneratorResult(List.of()));
            }
            StreamingCallback callback = StreamingCallback.select(settings.streamingCallback(), streamingCallback);
            Map<String, Object> body = body(messages, generationKwargs, tools, toolsStrict, callback);
            GenerationObservation obs = settings.observe(listeners.get(), this, messages, generationKwargs, callback);
            return connection.get().callChatAsync(client -> new ChatGeneratorResult(obs.succeeded(
                    ChatCompletions.complete(client, body, obs.wrap(callback), componentInfo()))), obs);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private Map<String, Object> body(List<ChatMessage> messages, Map<String, Object> runtimeKwargs,
            List<? extends ToolSource> runtimeTools, Boolean runtimeStrict, StreamingCallback callback) {
        Map<String, Object> kwargs = GenerationKwargs.merge(settings.generationKwargs(), runtimeKwargs);
        List<? extends ToolSource> sources = runtimeTools == null || runtimeTools.isEmpty() ? tools : runtimeTools;
        List<Tool> flat = Tools.flatten(sources);
        boolean strict = runtimeStrict != null ? runtimeStrict : toolsStrict;
        return ChatRequests.chat(settings.model(), messages, kwargs, flat, strict, callback != null);
    }

    private ComponentInfo componentInfo() {
        return new ComponentInfo(getClass().getName(), pipelineName.get().orElse(null));
    }

    /** The model name. */
    public String model() {
        return settings.model();
    }

    /** The build-time generation kwargs. */
    public Map<String, Object> generationKwargs() {
        return settings.generationKwargs();
    }

    /** The build-time tools, or null. */
    public List<ToolSource> tools() {
        return tools;
    }

    /** Whether tool schemas are sent in strict mode. */
    public boolean toolsStrict() {
        return toolsStrict;
    }

    /** The build-time streaming callback, or null. */
    public StreamingCallback streamingCallback() {
        return settings.streamingCallback();
    }

    /** The resolved client settings (timeout and retries after the environment fallbacks). */
    public OpenAIClientOptions clientOptions() {
        return settings.clientOptions();
    }

    /** The attached listeners, in calling order. */
    @Override
    public List<GenerationListener> listeners() {
        return listeners.get().asList();
    }

    /** Adds listeners after the builder's (e.g. with {@link Listenable#attach}); run-time only. */
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

    /** Releases the HTTP client and worker threads; a later run opens a new client. */
    @Override
    public void close() {
        connection.close();
    }

    /** Haystack's {@code init_parameters}; secrets appear only as env-var references. */
    @Override
    public Map<String, Object> toDict() {
        Map<String, Object> init = new LinkedHashMap<>();
        init.put("model", settings.model());
        init.put("streaming_callback", settings.streamingCallbackName());
        init.put("api_base_url", settings.apiBaseUrl());
        init.put("organization", settings.organization());
        init.put("generation_kwargs", settings.generationKwargsCopy());
        init.put("api_key", settings.apiKey().toDict());
        init.put("timeout", settings.timeoutSeconds());
        init.put("max_retries", settings.maxRetries());
        init.put("tools", Tools.serialize(tools));
        init.put("tools_strict", toolsStrict);
        init.put("http_client_kwargs", settings.httpClientKwargsCopy());
        return Components.dict(this, init);
    }

    /** Rebuilds a generator from {@link #toDict()} output (or Haystack's) via the default registry. */
    public static OpenAIChatGenerator fromDict(Map<String, ?> data) {
        return ComponentRegistry.defaults().fromDict(data, OpenAIChatGenerator.class);
    }

    static OpenAIChatGenerator fromInitParameters(DictReader init, DeserializationContext ctx) {
        init.rejectUnknownKeys(INIT_PARAMETERS);
        Builder b = builder();
        Secret key = ctx.secret(init, "api_key");
        if (key != null) {
            b.apiKey(key);
        }
        return b.model(init.string("model", DEFAULT_MODEL))
                .streamingCallback(ctx.streamingCallback(init, "streaming_callback"))
                .apiBaseUrl(init.string("api_base_url", null))
                .organization(init.string("organization", null))
                .generationKwargs(init.optionalMap("generation_kwargs"))
                .timeout(Settings.readTimeout(init, "timeout"))
                .maxRetries(init.optionalInt("max_retries"))
                .tools(ctx.tools(init, "tools"))
                .toolsStrict(init.bool("tools_strict", false))
                .httpClientKwargs(init.optionalMap("http_client_kwargs"))
                .build();
    }

    @Override
    public String toString() {
        return "OpenAIChatGenerator[model=" + settings.model() + ", " + settings.clientOptions() + "]";
    }

    /**
     * Builds {@link OpenAIChatGenerator}s; every setting is optional.
     *
     * <pre>{@code
     * OpenAIChatGenerator llm = OpenAIChatGenerator.builder().tools(List.of(weather)).toolsStrict(true).build();
     * }</pre>
     */
    public static final class Builder {
        private String model = DEFAULT_MODEL;
        private Secret apiKey = Secret.fromEnvVar("OPENAI_API_KEY");
        private StreamingCallback streamingCallback;
        private String apiBaseUrl;
        private String organization;
        private Map<String, Object> generationKwargs;
        private Duration timeout;
        private Integer maxRetries;
        private Duration maxRetryAfter;
        private Executor executor;
        private List<? extends ToolSource> tools;
        private boolean toolsStrict;
        private Map<String, Object> httpClientKwargs;
        private Function<String, String> environment = System::getenv;
        private List<GenerationListener> listeners = new ArrayList<>();

        private Builder() {
        }

        /** The model, default {@value OpenAIChatGenerator#DEFAULT_MODEL}. */
        public Builder model(String model) {
            this.model = model;
            return this;
        }

        /** The API key, default {@code Secret.fromEnvVar("OPENAI_API_KEY")}. */
        public Builder apiKey(Secret apiKey) {
            this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
            return this;
        }

        /** The build-time streaming callback; name it ({@link StreamingCallback#named}) to serialise. */
        public Builder streamingCallback(StreamingCallback streamingCallback) {
            this.streamingCallback = streamingCallback;
            return this;
        }

        /** A base URL, e.g. of an OpenAI-compatible server ({@code http://localhost:8000/v1}). */
        public Builder apiBaseUrl(String apiBaseUrl) {
            this.apiBaseUrl = apiBaseUrl;
            return this;
        }

        public Builder organization(String organization) {
            this.organization = organization;
            return this;
        }

        /** Parameters sent to the API with every request. */
        public Builder generationKwargs(Map<String, Object> generationKwargs) {
            this.generationKwargs = generationKwargs;
            return this;
        }

        /** Per connect/read/write timeout; null: {@code OPENAI_TIMEOUT} or 30 s. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** Retries of failed requests; null: {@code OPENAI_MAX_RETRIES} or 5. */
        public Builder maxRetries(Integer maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        /** The longest {@code Retry-After} a retry waits for; null: 60 s (run-time only: not in {@code toDict}). */
        public Builder maxRetryAfter(Duration maxRetryAfter) {
            this.maxRetryAfter = maxRetryAfter;
            return this;
        }

        /** Where {@code runAsync} runs; null: a bounded pool shared per settings (run-time only: not in {@code toDict}). */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        /** Tools and toolsets the model may call (names must be unique). */
        public Builder tools(List<? extends ToolSource> tools) {
            this.tools = tools;
            return this;
        }

        /** Whether tool schemas are sent in OpenAI's strict mode. */
        public Builder toolsStrict(boolean toolsStrict) {
            this.toolsStrict = toolsStrict;
            return this;
        }

        /** Haystack's {@code http_client_kwargs}: {@code proxy}, {@code verify}, {@code headers}, {@code follow_redirects}. */
        public Builder httpClientKwargs(Map<String, Object> httpClientKwargs) {
            this.httpClientKwargs = httpClientKwargs;
            return this;
        }

        /** Adds a listener of every request (run-time only: not in {@code toDict}). */
        public Builder listener(GenerationListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Replaces the listeners (run-time only: not in {@code toDict}). */
        public Builder listeners(List<? extends GenerationListener> listeners) {
            this.listeners = new ArrayList<>(listeners);
            return this;
        }

        /** Test hook: where environment variables are read (default: the process environment). */
        Builder environment(Function<String, String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /**
         * Validates, reads {@code OPENAI_TIMEOUT}/{@code OPENAI_MAX_RETRIES} when needed, and
         * builds. No I/O.
         */
        public OpenAIChatGenerator build() {
            return new OpenAIChatGenerator(this);
        }
    }
}
