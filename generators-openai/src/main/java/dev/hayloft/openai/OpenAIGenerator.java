package dev.hayloft.openai;

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
import dev.hayloft.core.listener.Listenable;
import dev.hayloft.core.listener.ListenerSlot;
import dev.hayloft.core.listener.GenerationObservation;
import dev.hayloft.core.serde.DeserializationContext;
import dev.hayloft.core.serde.DictReader;
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
 * Generates text from a prompt with OpenAI's Chat Completions API, Haystack's
 * {@code OpenAIGenerator}: sockets {@code prompt}, {@code system_prompt},
 * {@code streaming_callback}, {@code generation_kwargs} → {@code replies} (strings) and
 * {@code meta} (one map per reply: {@code model}, {@code index}, {@code finish_reason},
 * {@code usage}).
 *
 * <p>The prompt is sent as a user message, after the run-time system prompt or else the
 * build-time one. Defaults, environment fallbacks, streaming and errors are those of
 * {@link OpenAIChatGenerator}. A reply without text (e.g. only tool calls) is {@code ""}.
 * {@link Builder#listener} attaches {@link GenerationListener}s (every retry is reported).
 *
 * <pre>{@code
 * try (OpenAIGenerator llm = OpenAIGenerator.builder().systemPrompt("Answer in one sentence.").build()) {
 *     GeneratorResult r = llm.run("What's Natural Language Processing?");
 *     System.out.println(r.replies().get(0) + " " + r.meta().get(0).get("usage"));
 * }
 * }</pre>
 */
public final class OpenAIGenerator implements Component, PipelineNamed, Listenable, AutoCloseable {
    /** Haystack's default model. */
    public static final String DEFAULT_MODEL = "gpt-4o-mini";

    private static final Set<String> INIT_PARAMETERS = Set.of("api_key", "model", "streaming_callback",
            "api_base_url", "organization", "system_prompt", "generation_kwargs", "timeout", "max_retries",
            "http_client_kwargs");

    private final Settings settings;
    private final String systemPrompt;
    private final Function<String, String> environment;
    private final Executor executor;
    private final LazyOpenAIConnection connection;
    private final PipelineNameSlot pipelineName = new PipelineNameSlot();
    private final ListenerSlot listeners;

    private OpenAIGenerator(Builder b) {
        this.settings = Settings.of(b.model, b.apiKey, b.streamingCallback, b.apiBaseUrl, b.organization,
                b.generationKwargs, b.timeout, b.maxRetries, b.httpClientKwargs, b.maxRetryAfter, b.environment);
        this.systemPrompt = b.systemPrompt;
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
        b.systemPrompt = systemPrompt;
        b.generationKwargs = settings.generationKwargs();
        b.timeout = settings.timeout();
        b.maxRetries = settings.maxRetries();
        b.maxRetryAfter = settings.clientOptions().maxRetryAfter();
        b.executor = executor;
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

    /** Generates with the build-time settings. */
    public GeneratorResult run(String prompt) {
        return run(prompt, null, null, null);
    }

    /**
     * Generates replies to {@code prompt}; null arguments take the build-time values.
     *
     * @throws IllegalArgumentException for {@code n > 1} with streaming
     * @throws dev.hayloft.core.errors.GenerationException when the request fails
     */
    @Run
    public GeneratorResult run(@Input("prompt") String prompt,
            @Input(value = "system_prompt", optional = true) String systemPrompt,
            @Input(value = "streaming_callback", optional = true) StreamingCallback streamingCallback,
            @Input(value = "generation_kwargs", optional = true) Map<String, Object> generationKwargs) {
        StreamingCallback callback = StreamingCallback.select(settings.streamingCallback(), streamingCallback);
        List<ChatMessage> messages = messages(prompt, systemPrompt);
        Map<String, Object> body = body(messages, generationKwargs, callback);
        GenerationObservation obs = settings.observe(listeners.get(), this, messages, generationKwargs, callback);
        return connection.get().callChat(client -> result(obs.succeeded(ChatCompletions.complete(client, body,
                obs.wrap(callback), componentInfo()))), obs);
    }

    /** Generates on a worker thread; cancelling the future closes the HTTP connection. */
    public CompletableFuture<GeneratorResult> runAsync(String prompt, String systemPrompt,
            StreamingCallback streamingCallback, Map<String, Object> generationKwargs) {
        try {
            StreamingCallback callback = StreamingCallback.select(settings.streamingCallback(), streamingCallback);
            List<ChatMessage> messages = messages(prompt, systemPrompt);
            Map<String, Object> body = body(messages, generationKwargs, callback);
            GenerationObservation obs = settings.observe(listeners.get(), this, messages, generationKwargs, callback);
            return connection.get().callChatAsync(client -> result(obs.succeeded(ChatCompletions.complete(client, body,
                    obs.wrap(callback), componentInfo()))), obs);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private List<ChatMessage> messages(String prompt, String runtimeSystemPrompt) {
        Objects.requireNonNull(prompt, "prompt");
        List<ChatMessage> messages = new ArrayList<>(2);
        if (runtimeSystemPrompt != null) {
            messages.add(ChatMessage.fromSystem(runtimeSystemPrompt));
        } else if (systemPrompt != null && !systemPrompt.isEmpty()) {
            messages.add(ChatMessage.fromSystem(systemPrompt));
        }
        messages.add(ChatMessage.fromUser(prompt));
        return messages;
    }

    private Map<String, Object> body(List<ChatMessage> messages, Map<String, Object> runtimeKwargs,
            StreamingCallback callback) {
        Map<String, Object> kwargs = GenerationKwargs.merge(settings.generationKwargs(), runtimeKwargs);
        return ChatRequests.text(settings.model(), messages, kwargs, callback != null);
    }

    private static GeneratorResult result(List<ChatMessage> replies) {
        List<String> texts = new ArrayList<>(replies.size());
        List<Map<String, Object>> meta = new ArrayList<>(replies.size());
        for (ChatMessage m : replies) {
            texts.add(m.text() == null ? "" : m.text());
            meta.add(m.meta());
        }
        return new GeneratorResult(texts, meta);
    }

    private ComponentInfo componentInfo() {
        return new ComponentInfo(getClass().getName(), pipelineName.get().orElse(null));
    }

    /** The model name. */
    public String model() {
        return settings.model();
    }

    /** The build-time system prompt, or null. */
    public String systemPrompt() {
        return systemPrompt;
    }

    /** The build-time generation kwargs. */
    public Map<String, Object> generationKwargs() {
        return settings.generationKwargs();
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

    /**
     * Haystack's {@code init_parameters} (like Haystack, without {@code timeout} and
     * {@code max_retries}); secrets appear only as env-var references.
     */
    @Override
    public Map<String, Object> toDict() {
        Map<String, Object> init = new LinkedHashMap<>();
        init.put("model", settings.model());
        init.put("streaming_callback", settings.streamingCallbackName());
        init.put("api_base_url", settings.apiBaseUrl());
        init.put("organization", settings.organization());
        init.put("generation_kwargs", settings.generationKwargsCopy());
        init.put("system_prompt", systemPrompt);
        init.put("api_key", settings.apiKey().toDict());
        init.put("http_client_kwargs", settings.httpClientKwargsCopy());
        return Components.dict(this, init);
    }

    /** Rebuilds a generator from {@link #toDict()} output (or Haystack's) via the default registry. */
    public static OpenAIGenerator fromDict(Map<String, ?> data) {
        return ComponentRegistry.defaults().fromDict(data, OpenAIGenerator.class);
    }

    static OpenAIGenerator fromInitParameters(DictReader init, DeserializationContext ctx) {
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
                .systemPrompt(init.string("system_prompt", null))
                .generationKwargs(init.optionalMap("generation_kwargs"))
                .timeout(Settings.readTimeout(init, "timeout"))
                .maxRetries(init.optionalInt("max_retries"))
                .httpClientKwargs(init.optionalMap("http_client_kwargs"))
                .build();
    }

    @Override
    public String toString() {
        return "OpenAIGenerator[model=" + settings.model() + ", " + settings.clientOptions() + "]";
    }

    /**
     * Builds {@link OpenAIGenerator}s; every setting is optional.
     *
     * <pre>{@code
     * OpenAIGenerator llm = OpenAIGenerator.builder().model("gpt-4o").systemPrompt("Be brief.").build();
     * }</pre>
     */
    public static final class Builder {
        private String model = DEFAULT_MODEL;
        private Secret apiKey = Secret.fromEnvVar("OPENAI_API_KEY");
        private StreamingCallback streamingCallback;
        private String apiBaseUrl;
        private String organization;
        private String systemPrompt;
        private Map<String, Object> generationKwargs;
        private Duration timeout;
        private Integer maxRetries;
        private Duration maxRetryAfter;
        private Executor executor;
        private Map<String, Object> httpClientKwargs;
        private Function<String, String> environment = System::getenv;
        private List<GenerationListener> listeners = new ArrayList<>();

        private Builder() {
        }

        /** The model, default {@value OpenAIGenerator#DEFAULT_MODEL}. */
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

        /** A base URL, e.g. of an OpenAI-compatible server. */
        public Builder apiBaseUrl(String apiBaseUrl) {
            this.apiBaseUrl = apiBaseUrl;
            return this;
        }

        public Builder organization(String organization) {
            this.organization = organization;
            return this;
        }

        /** The system prompt sent before every prompt unless the run gives one. */
        public Builder systemPrompt(String systemPrompt) {
            this.systemPrompt = systemPrompt;
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

        /** Validates, reads the environment fallbacks when needed, and builds. No I/O. */
        public OpenAIGenerator build() {
            return new OpenAIGenerator(this);
        }
    }
}
