package dev.hayloft.azure;

import dev.hayloft.azure.internal.AzureInitParameters;
import dev.hayloft.azure.internal.AzureSettings;
import dev.hayloft.azure.internal.LazyAzureConnection;
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
import dev.hayloft.core.tools.ToolSource;
import dev.hayloft.core.tools.Tools;
import dev.hayloft.openai.OpenAIChatMapping;
import dev.hayloft.openai.OpenAIClientOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Completes chats with a model deployed on Azure OpenAI, Haystack's
 * {@code AzureOpenAIChatGenerator}: sockets {@code messages}, {@code generation_kwargs},
 * {@code tools}, {@code tools_strict}, {@code streaming_callback} → {@code replies}. Messages,
 * tools, streaming and replies are mapped exactly as {@code OpenAIChatGenerator} maps them (the
 * two share {@link OpenAIChatMapping}); requests go through openai-java's Azure mode.
 *
 * <p>Defaults as in Haystack 2.19: endpoint from {@code AZURE_OPENAI_ENDPOINT}, {@code api_version}
 * {@code 2023-05-15}, deployment {@code gpt-4o-mini}, API key from {@code AZURE_OPENAI_API_KEY},
 * AD token from {@code AZURE_OPENAI_AD_TOKEN} (both non-strict), timeout {@code OPENAI_TIMEOUT}
 * else 30 s, retries {@code OPENAI_MAX_RETRIES} else 5. Requests go to
 * {@code {endpoint}/openai/deployments/{deployment}/chat/completions?api-version=...}, or to the
 * v1 API ({@code {endpoint}/openai/v1/chat/completions}) when the endpoint ends in
 * {@code /openai/v1} or {@code api_version} is {@code "v1"} or {@code "preview"}. An API key is
 * sent as {@code api-key}; an AD token, or the token of {@link AzureTokenProvider} (asked before
 * every attempt), as {@code Authorization: Bearer} (token over provider over key). Building does no
 * I/O but fails, naming the field, without an endpoint, with a malformed one, or when no
 * credential is available.
 *
 * <p>Replies carry Haystack's meta ({@code model}, {@code index}, {@code finish_reason},
 * {@code usage}) plus Azure's {@code prompt_filter_results} and {@code content_filter_results};
 * a reply cut by the content filter has {@code finish_reason} {@code content_filter}, and a prompt
 * the filter rejects fails with a {@link dev.hayloft.core.errors.ContentFilterException}.
 *
 * <pre>{@code
 * try (AzureOpenAIChatGenerator llm = AzureOpenAIChatGenerator.builder()
 *         .azureEndpoint("https://my-resource.openai.azure.com/")
 *         .azureDeployment("gpt-4o-mini")
 *         .apiKey(Secret.fromEnvVar("AZURE_OPENAI_API_KEY"))
 *         .build()) {
 *     ChatMessage reply = llm.run(List.of(ChatMessage.fromUser("What's NLP?"))).replies().get(0);
 *     System.out.println(reply.text() + " " + reply.meta().get("content_filter_results"));
 * }
 * }</pre>
 */
public final class AzureOpenAIChatGenerator implements ChatGenerator, PipelineNamed, Listenable, AutoCloseable {
    private static final Set<String> INIT_PARAMETERS = Set.of("azure_endpoint", "api_version", "azure_deployment",
            "api_key", "azure_ad_token", "organization", "streaming_callback", "timeout", "max_retries",
            "generation_kwargs", "default_headers", "tools", "tools_strict", "azure_ad_token_provider",
            "http_client_kwargs");

    private final AzureSettings settings;
    private final List<ToolSource> tools;
    private final boolean toolsStrict;
    private final LazyAzureConnection connection;
    private final PipelineNameSlot pipelineName = new PipelineNameSlot();
    private final ListenerSlot listeners;

    private AzureOpenAIChatGenerator(Builder b) {
        this.settings = AzureSettings.of(b.values);
        this.tools = b.tools == null ? null : List.copyOf(b.tools);
        Tools.flatten(tools);
        this.toolsStrict = b.toolsStrict;
        this.connection = new LazyAzureConnection(settings);
        this.listeners = new ListenerSlot(b.listeners);
    }

    /** A builder with Haystack's defaults. */
    public static Builder builder() {
        return new Builder(new AzureSettings.Values());
    }

    /** A builder holding this generator's settings. */
    public Builder toBuilder() {
        Builder b = new Builder(AzureSettings.Values.of(settings));
        b.tools = tools;
        b.toolsStrict = toolsStrict;
        b.listeners = new ArrayList<>(listeners.get().asList());
        return b;
    }

    /** Creates the HTTP client (resolving the credentials). Idempotent. */
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
     * @throws IllegalArgumentException for messages the API cannot take or {@code n > 1} with streaming
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
        return new ChatGeneratorResult(OpenAIChatMapping.complete(connection.get(), body, callback, componentInfo(),
                obs));
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
            return OpenAIChatMapping.completeAsync(connection.get(), body, callback, componentInfo(), obs)
                    .thenApply(ChatGeneratorResult::new);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private Map<String, Object> body(List<ChatMessage> messages, Map<String, Object> runtimeKwargs,
            List<? extends ToolSource> runtimeTools, Boolean runtimeStrict, StreamingCallback callback) {
        Map<String, Object> kwargs = GenerationKwargs.merge(settings.generationKwargs(), runtimeKwargs);
        List<? extends ToolSource> sources = runtimeTools == null || runtimeTools.isEmpty() ? tools : runtimeTools;
        boolean strict = runtimeStrict != null ? runtimeStrict : toolsStrict;
        return OpenAIChatMapping.chatRequest(settings.model(), messages, kwargs, Tools.flatten(sources), strict,
                callback != null);
    }

    private ComponentInfo componentInfo() {
        return new ComponentInfo(getClass().getName(), pipelineName.get().orElse(null));
    }

    /** The endpoint (as given, or from {@code AZURE_OPENAI_ENDPOINT}). */
    public String azureEndpoint() {
        return settings.azureEndpoint();
    }

    /** The deployment requests go to ({@code azure_deployment}, else {@code gpt-4o-mini}). */
    public String azureDeployment() {
        return settings.model();
    }

    /** The deployment (Azure's name for the model a request goes to), as {@link #azureDeployment()}. */
    @Override
    public String model() {
        return azureDeployment();
    }

    /** {@code api_version} as given. */
    public String apiVersion() {
        return settings.apiVersion();
    }

    /** Whether requests use Azure's v1 API layout instead of the deployment routes. */
    public boolean usesV1Api() {
        return settings.v1();
    }

    /** The resolved per connect/read/write timeout. */
    public Duration timeout() {
        return settings.timeout();
    }

    /** The resolved retry count. */
    public int maxRetries() {
        return settings.maxRetries();
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
     * Haystack's {@code init_parameters}: timeout and retries as resolved, secrets only as
     * env-var references (token secrets refuse to serialise), the token provider by name.
     */
    @Override
    public Map<String, Object> toDict() {
        Map<String, Object> init = new LinkedHashMap<>();
        init.put("azure_endpoint", settings.azureEndpoint());
        init.put("azure_deployment", settings.azureDeployment());
        init.put("organization", settings.organization());
        init.put("api_version", settings.apiVersion());
        init.put("streaming_callback", settings.streamingCallbackName());
        init.put("generation_kwargs", settings.generationKwargsCopy());
        init.put("timeout", OpenAIClientOptions.toSeconds(settings.timeout()));
        init.put("max_retries", settings.maxRetries());
        init.put("api_key", settings.apiKey() == null ? null : settings.apiKey().toDict());
        init.put("azure_ad_token", settings.azureAdToken() == null ? null : settings.azureAdToken().toDict());
        init.put("default_headers", new LinkedHashMap<>(settings.defaultHeaders()));
        init.put("tools", Tools.serialize(tools));
        init.put("tools_strict", toolsStrict);
        init.put("azure_ad_token_provider", settings.tokenProviderName());
        init.put("http_client_kwargs", settings.httpClientKwargsCopy());
        return Components.dict(this, init);
    }

    /** Rebuilds a generator from {@link #toDict()} output (or Haystack's) via the default registry. */
    public static AzureOpenAIChatGenerator fromDict(Map<String, ?> data) {
        return ComponentRegistry.defaults().fromDict(data, AzureOpenAIChatGenerator.class);
    }

    static AzureOpenAIChatGenerator fromInitParameters(DictReader init, DeserializationContext ctx) {
        init.rejectUnknownKeys(INIT_PARAMETERS);
        Builder b = builder();
        AzureInitParameters.read(init, ctx, b.values);
        return b.tools(ctx.tools(init, "tools")).toolsStrict(init.bool("tools_strict", false)).build();
    }

    @Override
    public String toString() {
        return "AzureOpenAIChatGenerator[" + settings + "]";
    }

    /**
     * Builds {@link AzureOpenAIChatGenerator}s; every setting is optional, with Haystack's defaults.
     *
     * <pre>{@code
     * AzureOpenAIChatGenerator llm = AzureOpenAIChatGenerator.builder()
     *         .azureEndpoint("https://my-resource.openai.azure.com/")
     *         .apiVersion("2024-10-21")
     *         .tools(List.of(weather)).toolsStrict(true)
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private final AzureSettings.Values values;
        private List<? extends ToolSource> tools;
        private boolean toolsStrict;
        private List<GenerationListener> listeners = new ArrayList<>();

        private Builder(AzureSettings.Values values) {
            this.values = values;
        }

        /** The resource endpoint, e.g. {@code https://my-resource.openai.azure.com/}; null: {@code AZURE_OPENAI_ENDPOINT}. */
        public Builder azureEndpoint(String azureEndpoint) {
            values.azureEndpoint = azureEndpoint;
            return this;
        }

        /** The API version, default {@code 2023-05-15}; {@code "v1"} or {@code "preview"} select the v1 API. */
        public Builder apiVersion(String apiVersion) {
            values.apiVersion = apiVersion;
            return this;
        }

        /** The deployment, default {@code gpt-4o-mini}. */
        public Builder azureDeployment(String azureDeployment) {
            values.azureDeployment = azureDeployment;
            return this;
        }

        /** The API key (sent as {@code api-key}), default non-strict {@code AZURE_OPENAI_API_KEY}; null for none. */
        public Builder apiKey(Secret apiKey) {
            values.apiKey = apiKey;
            return this;
        }

        /** A static Entra ID token, default non-strict {@code AZURE_OPENAI_AD_TOKEN}; null for none. */
        public Builder azureAdToken(Secret azureAdToken) {
            values.azureAdToken = azureAdToken;
            return this;
        }

        /** Supplies a bearer token before every request; name it ({@link AzureTokenProvider#named}) to serialise. */
        public Builder azureAdTokenProvider(AzureTokenProvider azureAdTokenProvider) {
            values.tokenProvider = azureAdTokenProvider;
            return this;
        }

        public Builder organization(String organization) {
            values.organization = organization;
            return this;
        }

        /** The build-time streaming callback; name it ({@link StreamingCallback#named}) to serialise. */
        public Builder streamingCallback(StreamingCallback streamingCallback) {
            values.streamingCallback = streamingCallback;
            return this;
        }

        /** Per connect/read/write timeout; null: {@code OPENAI_TIMEOUT} or 30 s. */
        public Builder timeout(Duration timeout) {
            values.timeout = timeout;
            return this;
        }

        /** Retries of failed requests (429 with {@code Retry-After}, 5xx, ...); null: {@code OPENAI_MAX_RETRIES} or 5. */
        public Builder maxRetries(Integer maxRetries) {
            values.maxRetries = maxRetries;
            return this;
        }

        /** Parameters sent to the API with every request. */
        public Builder generationKwargs(Map<String, Object> generationKwargs) {
            values.generationKwargs = generationKwargs;
            return this;
        }

        /** Headers sent with every request. */
        public Builder defaultHeaders(Map<String, String> defaultHeaders) {
            values.defaultHeaders = defaultHeaders;
            return this;
        }

        /** Tools and toolsets the model may call (names must be unique). */
        public Builder tools(List<? extends ToolSource> tools) {
            this.tools = tools;
            return this;
        }

        /** Whether tool schemas are sent in strict mode. */
        public Builder toolsStrict(boolean toolsStrict) {
            this.toolsStrict = toolsStrict;
            return this;
        }

        /** Haystack's {@code http_client_kwargs}: {@code proxy}, {@code verify}, {@code headers}, {@code follow_redirects}. */
        public Builder httpClientKwargs(Map<String, Object> httpClientKwargs) {
            values.httpClientKwargs = httpClientKwargs;
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
            values.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /**
         * Validates and builds, reading the environment fallbacks and checking that a credential
         * resolves. No network I/O.
         *
         * @throws IllegalArgumentException naming the field: no or a malformed endpoint, no credential, ...
         */
        public AzureOpenAIChatGenerator build() {
            return new AzureOpenAIChatGenerator(this);
        }
    }
}
