package dev.hayloft.dalle;

import com.openai.client.OpenAIClient;
import com.openai.models.images.Image;
import com.openai.models.images.ImageGenerateParams;
import com.openai.models.images.ImagesResponse;
import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.component.Component;
import dev.hayloft.core.component.ComponentRegistry;
import dev.hayloft.core.component.Components;
import dev.hayloft.core.component.Input;
import dev.hayloft.core.component.Output;
import dev.hayloft.core.component.PipelineNameSlot;
import dev.hayloft.core.component.PipelineNamed;
import dev.hayloft.core.component.Run;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.listener.GenerationListener;
import dev.hayloft.core.listener.Listenable;
import dev.hayloft.core.listener.ListenerSlot;
import dev.hayloft.core.listener.GenerationObservation;
import dev.hayloft.core.listener.TokenUsage;
import dev.hayloft.core.serde.DeserializationContext;
import dev.hayloft.core.serde.DictReader;
import dev.hayloft.core.serde.JsonValues;
import dev.hayloft.openai.OpenAIClientOptions;
import dev.hayloft.openai.LazyOpenAIConnection;
import dev.hayloft.openai.OpenAIConnection;
import dev.hayloft.openai.OpenAIErrors;
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
 * Generates images from a text prompt with OpenAI's DALL-E, Haystack's
 * {@code DALLEImageGenerator}: socket {@code prompt} (plus {@code size}, {@code quality},
 * {@code response_format} overrides) → {@code images} (one URL or base64 string) and
 * {@code revised_prompt}.
 *
 * <p>Defaults are Haystack's: {@code model} "dall-e-3", {@code quality} "standard",
 * {@code size} "1024x1024", {@code response_format} "url", {@code api_key} from
 * {@code OPENAI_API_KEY}, {@code timeout}/{@code max_retries} from {@code OPENAI_TIMEOUT} /
 * {@code OPENAI_MAX_RETRIES} (read at {@code build()}) else 30 s / 5. Errors are Hayloft's
 * {@code GenerationException}s with status, request id and retryability. Thread-safe;
 * {@code close()} releases the HTTP client (its connection pool is shared with other OpenAI
 * components of the same settings). {@code runAsync} is cancellable and reports every failure
 * through its future. {@link Builder#listener} attaches
 * {@link GenerationListener}s (request, retries, response with token usage when reported, error;
 * run-time only, not in {@code toDict}).
 *
 * <pre>{@code
 * try (DALLEImageGenerator dalle = DALLEImageGenerator.builder().size("1792x1024").build()) {
 *     DALLEImageGenerator.Result r = dalle.run("A hayloft at dawn, watercolour");
 *     System.out.println(r.images().get(0) + "\n" + r.revisedPrompt());
 * }
 * }</pre>
 */
public final class DALLEImageGenerator implements Component, PipelineNamed, Listenable, AutoCloseable {
    private static final Set<String> QUALITIES = Set.of("standard", "hd", "low", "medium", "high", "auto");
    private static final Set<String> SIZES = Set.of("256x256", "512x512", "1024x1024", "1792x1024", "1024x1792",
            "1536x1024", "1024x1536", "auto");
    private static final Set<String> FORMATS = Set.of("url", "b64_json");

    /**
     * The outputs.
     *
     * @param images one image: a URL or base64 data, per {@code response_format}
     * @param revisedPrompt the prompt OpenAI actually used ("" when it did not revise it)
     */
    public record Result(List<String> images, @Output("revised_prompt") String revisedPrompt) {
    }

    private final String model;
    private final String quality;
    private final String size;
    private final String responseFormat;
    private final Secret apiKey;
    private final String apiBaseUrl;
    private final String organization;
    private final Duration timeout;
    private final Integer maxRetries;
    private final Map<String, Object> httpClientKwargs;
    private final Executor executor;
    private final LazyOpenAIConnection connection;
    private final ListenerSlot listeners;
    private final PipelineNameSlot pipelineName = new PipelineNameSlot();

    private DALLEImageGenerator(Builder b) {
        if (b.model == null || b.model.isBlank()) {
            throw new IllegalArgumentException("model must not be blank");
        }
        this.model = b.model;
        this.quality = check("quality", b.quality, QUALITIES);
        this.size = check("size", b.size, SIZES);
        this.responseFormat = check("response_format", b.responseFormat, FORMATS);
        this.apiKey = Objects.requireNonNull(b.apiKey, "apiKey");
        this.apiBaseUrl = b.apiBaseUrl;
        this.organization = b.organization;
        this.timeout = b.timeout;
        this.maxRetries = b.maxRetries;
        this.httpClientKwargs = b.httpClientKwargs == null ? null : JsonValues.immutableMap(b.httpClientKwargs);
        OpenAIClientOptions options = OpenAIClientOptions.builder().apiKey(apiKey).apiBaseUrl(apiBaseUrl)
                .organization(organization).timeout(timeout).maxRetries(maxRetries).maxRetryAfter(b.maxRetryAfter)
                .httpClientKwargs(httpClientKwargs).environment(b.environment).build();
        this.executor = b.executor;
        Function<String, String> env = b.environment;
        this.connection = new LazyOpenAIConnection(() -> OpenAIConnection.builder(options).environment(env)
                .executor(executor).build());
        this.listeners = new ListenerSlot(b.listeners);
    }

    private static String check(String field, String value, Set<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            throw new IllegalArgumentException(field + " must be one of " + new java.util.TreeSet<>(allowed)
                    + " but was " + value);
        }
        return value;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Opens the OpenAI client (resolving the API key). Idempotent. */
    @Override
    public void warmUp() {
        connection.get();
    }

    /** Generates an image with the build-time settings. */
    public Result run(String prompt) {
        return run(prompt, null, null, null);
    }

    /**
     * Generates an image; non-null {@code size}, {@code quality}, {@code responseFormat} override the build-time ones.
     *
     * @throws IllegalArgumentException for an empty prompt or a value not allowed, naming the field
     * @throws dev.hayloft.core.errors.GenerationException when the request fails
     */
    @Run
    public Result run(@Input("prompt") String prompt, @Input(value = "size", optional = true) String size,
            @Input(value = "quality", optional = true) String quality,
            @Input(value = "response_format", optional = true) String responseFormat) {
        ImageGenerateParams params = params(prompt, size, quality, responseFormat);
        GenerationObservation obs = observe(prompt, params);
        try {
            return connection.get().call(OpenAIClient.class, client -> toResult(client.images().generate(params), obs),
                    obs);
        } catch (RuntimeException e) {
            obs.failed(e);
            throw e;
        }
    }

    /** Generates asynchronously with the build-time settings. */
    public CompletableFuture<Result> runAsync(String prompt) {
        return runAsync(prompt, null, null, null);
    }

    /**
     * Generates on a worker thread. Cancelling the future aborts the HTTP request (its connection
     * is closed) or the wait before a retry. Every failure, also an invalid argument or a key
     * that cannot be resolved, completes the future exceptionally; nothing is thrown here.
     */
    public CompletableFuture<Result> runAsync(String prompt, String size, String quality, String responseFormat) {
        GenerationObservation obs = null;
        try {
            ImageGenerateParams params = params(prompt, size, quality, responseFormat);
            GenerationObservation o = observe(prompt, params);
            obs = o;
            return connection.get().callAsync(OpenAIClient.class,
                    client -> toResult(client.images().generate(params), o), o);
        } catch (RuntimeException e) {
            if (obs != null) {
                obs.failed(e);
            }
            return CompletableFuture.failedFuture(e);
        }
    }

    private GenerationObservation observe(String prompt, ImageGenerateParams params) {
        return listeners.get().start(this, OpenAIErrors.PROVIDER, model, false, List.of(ChatMessage.fromUser(prompt)),
                () -> {
                    Map<String, Object> kwargs = new LinkedHashMap<>();
                    params.size().ifPresent(v -> kwargs.put("size", v.asString()));
                    params.quality().ifPresent(v -> kwargs.put("quality", v.asString()));
                    params.responseFormat().ifPresent(v -> kwargs.put("response_format", v.asString()));
                    return kwargs;
                });
    }

    private ImageGenerateParams params(String prompt, String size, String quality, String responseFormat) {
        if (prompt == null || prompt.isBlank()) {
            throw new IllegalArgumentException("prompt must not be empty");
        }
        return ImageGenerateParams.builder().model(model).prompt(prompt)
                .size(ImageGenerateParams.Size.of(check("size", size != null ? size : this.size, SIZES)))
                .quality(ImageGenerateParams.Quality.of(check("quality", quality != null ? quality : this.quality,
                        QUALITIES)))
                .responseFormat(ImageGenerateParams.ResponseFormat.of(check("response_format",
                        responseFormat != null ? responseFormat : this.responseFormat, FORMATS)))
                .n(1L).build();
    }

    private Result toResult(ImagesResponse response, GenerationObservation obs) {
        List<Image> data = response.data().orElse(List.of());
        Result result;
        if (data.isEmpty()) {
            result = new Result(List.of(""), "");
        } else {
            Image image = data.get(0);
            String value = image.url().or(image::b64Json).orElse("");
            result = new Result(List.of(value), image.revisedPrompt().orElse(""));
        }
        if (obs.isActive()) {
            TokenUsage usage = response.usage().map(u -> new TokenUsage(
                    u._inputTokens().asKnown().map(Long::intValue).orElse(null),
                    u._outputTokens().asKnown().map(Long::intValue).orElse(null))).orElse(TokenUsage.UNKNOWN);
            obs.succeeded(List.of(), usage, List.of(), null);
        }
        return result;
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

    /** Closes the HTTP client; a later run opens a new one. */
    @Override
    public void close() {
        connection.close();
    }

    /** Haystack's shape (which leaves out {@code timeout} and {@code max_retries}). */
    @Override
    public Map<String, Object> toDict() {
        Map<String, Object> init = new LinkedHashMap<>();
        init.put("model", model);
        init.put("quality", quality);
        init.put("size", size);
        init.put("response_format", responseFormat);
        init.put("api_key", apiKey.toDict());
        init.put("api_base_url", apiBaseUrl);
        init.put("organization", organization);
        init.put("http_client_kwargs", httpClientKwargs == null ? null : JsonValues.mutableMap(httpClientKwargs));
        return Components.dict(this, init);
    }

    /** Rebuilds from {@link #toDict()} output (or Haystack's). */
    public static DALLEImageGenerator fromDict(Map<String, ?> data) {
        return ComponentRegistry.defaults().fromDict(data, DALLEImageGenerator.class);
    }

    static DALLEImageGenerator fromInitParameters(DictReader init, DeserializationContext ctx) {
        Builder b = builder().model(init.string("model", "dall-e-3")).quality(init.string("quality", "standard"))
                .size(init.string("size", "1024x1024")).responseFormat(init.string("response_format", "url"))
                .apiBaseUrl(init.string("api_base_url", null)).organization(init.string("organization", null))
                .httpClientKwargs(init.optionalMap("http_client_kwargs"));
        Secret key = ctx.secret(init, "api_key");
        if (key != null) {
            b.apiKey(key);
        }
        Double t = init.optionalDouble("timeout");
        if (t != null) {
            b.timeout(OpenAIClientOptions.seconds(t));
        }
        b.maxRetries(init.optionalInt("max_retries"));
        return b.build();
    }

    @Override
    public String toString() {
        return "DALLEImageGenerator[model=" + model + ", size=" + size + ", quality=" + quality + ", response_format="
                + responseFormat + ", api_key=" + apiKey + "]";
    }

    /** Builds {@link DALLEImageGenerator}s with Haystack's defaults. */
    public static final class Builder {
        private String model = "dall-e-3";
        private String quality = "standard";
        private String size = "1024x1024";
        private String responseFormat = "url";
        private Secret apiKey = Secret.fromEnvVar("OPENAI_API_KEY");
        private String apiBaseUrl;
        private String organization;
        private Duration timeout;
        private Integer maxRetries;
        private Map<String, Object> httpClientKwargs;
        private Duration maxRetryAfter;
        private Executor executor;
        private Function<String, String> environment = System::getenv;
        private List<GenerationListener> listeners = new ArrayList<>();

        private Builder() {
        }

        public Builder model(String model) {
            this.model = model;
            return this;
        }

        /** {@code standard} or {@code hd} (dall-e-3). */
        public Builder quality(String quality) {
            this.quality = quality;
            return this;
        }

        /** dall-e-3: {@code 1024x1024}, {@code 1792x1024}, {@code 1024x1792}; dall-e-2: {@code 256x256}, {@code 512x512}, {@code 1024x1024}. */
        public Builder size(String size) {
            this.size = size;
            return this;
        }

        /** {@code url} or {@code b64_json}. */
        public Builder responseFormat(String responseFormat) {
            this.responseFormat = responseFormat;
            return this;
        }

        public Builder apiKey(Secret apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        public Builder apiBaseUrl(String apiBaseUrl) {
            this.apiBaseUrl = apiBaseUrl;
            return this;
        }

        public Builder organization(String organization) {
            this.organization = organization;
            return this;
        }

        /** Per connect/read/write timeout; default {@code OPENAI_TIMEOUT} or 30 s. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** Default {@code OPENAI_MAX_RETRIES} or 5. */
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

        /** HTTP client options, e.g. {@code {"proxy": "http://proxy:3128"}}. */
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

        Builder environment(Function<String, String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        public DALLEImageGenerator build() {
            return new DALLEImageGenerator(this);
        }
    }
}
