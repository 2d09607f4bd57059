package dev.hayloft.azure;

import dev.hayloft.azure.internal.AzureInitParameters;
import dev.hayloft.azure.internal.AzureSettings;
import dev.hayloft.azure.internal.LazyAzureConnection;
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
 * Generates text from a prompt with a model deployed on Azure OpenAI, Haystack's
 * {@code AzureOpenAIGenerator}: sockets {@code prompt}, {@code system_prompt},
 * {@code streaming_callback}, {@code generation_kwargs} → {@code replies} (strings) and
 * {@code meta} (one map per reply: {@code model}, {@code index}, {@code finish_reason},
 * {@code usage}, and Azure's {@code content_filter_results} / {@code prompt_filter_results}).
 *
 * <p>The prompt is sent as a user message, after the run-time system prompt or else the
 * build-time one. Endpoint, API version, deployment, credentials, URL layout, defaults and
 * errors are those of {@link AzureOpenAIChatGenerator}; the request is the one
 * {@code OpenAIGenerator} sends (shared through {@link OpenAIChatMapping}).
 *
 * <pre>{@code
 * try (AzureOpenAIGenerator llm = AzureOpenAIGenerator.builder()
 *         .azureEndpoint("https://my-resource.openai.azure.com/")
 *         .systemPrompt("Answer in one sentence.")
 *         .build()) {
 *     GeneratorResult r = llm.run("What's Natural Language Processing?");
 *     System.out.println(r.replies().get(0) + " " + r.meta().get(0).get("finish_reason"));
 * }
 * }</pre>
 */
public final class AzureOpenAIGenerator implements Component, PipelineNamed, Listenable, AutoCloseable {
    private static final Set<String> INIT_PARAMETERS = Set.of("azure_endpoint", "api_version", "azure_deployment",
            "api_key", "azure_ad_token", "organization", "streaming_callback", "system_prompt", "timeout",
            "max_retries", "http_client_kwargs", "generation_kwargs", "default_headers", "azure_ad_token_provider");

    private final AzureSettings settings;
    private final String systemPrompt;
    private final LazyAzureConnection connection;
    private final PipelineNameSlot pipelineName = new PipelineNameSlot();
    private final ListenerSlot listeners;

    private AzureOpenAIGenerator(Builder b) {
        this.settings = AzureSettings.of(b.values);
        this.systemPrompt = b.systemPrompt;
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
        b.systemPrompt = systemPrompt;
        b.listeners = new ArrayList<>(listeners.get().asList());
        return b;
    }

    /** Creates the HTTP client (resolving the credentials). Idempotent. */
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
        return result(OpenAIChatMapping.complete(connection.get(), body, callback, componentInfo(), obs));
    }

    /** Generates on a worker thread; cancelling the future closes the HTTP connection. */
    public CompletableFuture<GeneratorResult> runAsync(String prompt, String systemPrompt,
            StreamingCallback streamingCallback, Map<String, Object> generationKwargs) {
        try {
            StreamingCallback callback = StreamingCallback.select(settings.streamingCallback(), streamingCallback);
            List<ChatMessage> messages = messages(prompt, systemPrompt);
            Map<String, Object> body = body(messages, generationKwargs, callback);
            GenerationObservation obs = settings.observe(listeners.get(), this, messages, generationKwargs, callback);
            return OpenAIChatMapping.completeAsync(connection.get(), body, callback, componentInfo(), obs)
                    .thenApply(AzureOpenAIGenerator::result);
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
        return OpenAIChatMapping.textRequest(settings.model(), messages, kwargs, callback != null);
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

    /** The endpoint (as given, or from {@code AZURE_OPENAI_ENDPOINT}). */
    public String azureEndpoint() {
        return settings.azureEndpoint();
    }

    /** The deployment requests go to ({@code azure_deployment}, else {@code gpt-4o-mini}). */
    public String azureDeployment() {
        return settings.model();
    }

    /** {@code api_version} as given. */
    public String apiVersion() {
        return settings.apiVersion();
    }

    /** Whether requests use Azure's v1 API layout instead of the deployment routes. */
    public boolean usesV1Api() {
        return settings.v1();
    }

    /** The build-time system prompt, or null. */
    public String systemPrompt() {
        return systemPrompt;
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
        init.put("system_prompt", systemPrompt);
        init.put("api_key", settings.apiKey() == null ? null : settings.apiKey().toDict());
        init.put("azure_ad_token", settings.azureAdToken() == null ? null : settings.azureAdToken().toDict());
        init.put("timeout", OpenAIClientOptions.toSeconds(settings.timeout()));
        init.put("max_retries", settings.maxRetries());
        init.put("http_client_kwargs", settings.httpClientKwargsCopy());
        init.put("default_headers", new LinkedHashMap<>(settings.defaultHeaders()));
        init.put("azure_ad_token_provider", settings.tokenProviderName());
        return Components.dict(this, init);
    }

    /** Rebuilds a generator from {@link #toDict()} output (or Haystack's) via the default registry. */
    public static AzureOpenAIGenerator fromDict(Map<String, ?> data) {
        return ComponentRegistry.defaults().fromDict(data, AzureOpenAIGenerator.class);
    }

    static AzureOpenAIGenerator fromInitParameters(DictReader init, DeserializationContext ctx) {
        init.rejectUnknownKeys(INIT_PARAMETERS);
        Builder b = builder();
        AzureInitParameters.read(init, ctx, b.values);
        return b.systemPrompt(init.string("system_prompt", null)).build();
    }

    @Override
    public String toString() {
        return "AzureOpenAIGenerator[" + settings + "]";
    }

    /**
     * Builds {@link AzureOpenAIGenerator}s; every setting is optional, with Haystack's defaults.
     *
     * <pre>{@code
     * AzureOpenAIGenerator llm = AzureOpenAIGenerator.builder()
     *         .azureEndpoint("https://my-resource.openai.azure.com/")
     *         .azureDeployment("gpt-4o").systemPrompt("Be brief.")
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private final AzureSettings.Values values;
        private String systemPrompt;
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

        /** The system prompt sent before every prompt unless the run gives one. */
        public Builder systemPrompt(String systemPrompt) {
            this.systemPrompt = systemPrompt;
            return this;
        }

        /** Per connect/read/write timeout; null: {@code OPENAI_TIMEOUT} or 30 s. */
        public Builder timeout(Duration timeout) {
            values.timeout = timeout;
            return this;
        }

        /** Retries of failed requests; null: {@code OPENAI_MAX_RETRIES} or 5. */
        public Builder maxRetries(Integer maxRetries) {
            values.maxRetries = maxRetries;
            return this;
        }

        /** Haystack's {@code http_client_kwargs}: {@code proxy}, {@code verify}, {@code headers}, {@code follow_redirects}. */
        public Builder httpClientKwargs(Map<String, Object> httpClientKwargs) {
            values.httpClientKwargs = httpClientKwargs;
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
        public AzureOpenAIGenerator build() {
            return new AzureOpenAIGenerator(this);
        }
    }
}
