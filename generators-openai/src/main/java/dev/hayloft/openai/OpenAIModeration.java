package dev.hayloft.openai;

import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.component.ComponentRegistry;
import dev.hayloft.core.component.Components;
import dev.hayloft.core.component.Input;
import dev.hayloft.core.component.Run;
import dev.hayloft.core.http.MalformedResponseException;
import dev.hayloft.core.listener.GenerationObservation;
import dev.hayloft.core.moderation.Moderation;
import dev.hayloft.core.moderation.ModerationResult;
import dev.hayloft.core.serde.DeserializationContext;
import dev.hayloft.core.serde.DictReader;
import dev.hayloft.openai.internal.Settings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Checks texts with OpenAI's moderation endpoint ({@code POST {api_base_url}/moderations},
 * model {@value #DEFAULT_MODEL} by default): the result is flagged when any text is, with the
 * flagged categories ({@code "violence"}, {@code "hate/threatening"}...) in the order OpenAI lists
 * them. Use it as {@code DocumentAnswerGenerator}'s moderation, as Haystack 1.x's
 * {@code OpenAIAnswerGenerator(moderate_content=True)} checked its prompt and answers, or alone
 * (sockets {@code texts} → {@code flagged}, {@code categories}, {@code flagged_indices},
 * {@code meta}).
 *
 * <p>Requests go over an {@link OpenAIConnection} with the same client settings as the OpenAI
 * generators (API key, base URL, organization, timeout, retries, {@code http_client_kwargs}):
 * components with equal settings share one HTTP connection pool and worker pool. Failures are
 * Hayloft's {@code GenerationException}s, as for chat completions. Thread-safe;
 * {@code AutoCloseable}.
 *
 * <pre>{@code
 * try (OpenAIModeration moderation = OpenAIModeration.builder().build()) {
 *     ModerationResult r = moderation.moderate(List.of("I want to hurt them."));
 *     System.out.println(r.flagged() + " " + r.categories());   // true [harassment, violence]
 * }
 * }</pre>
 */
public final class OpenAIModeration implements Moderation, AutoCloseable {
    /** OpenAI's current default moderation model. */
    public static final String DEFAULT_MODEL = "omni-moderation-latest";

    private static final Set<String> INIT_PARAMETERS = Set.of("api_key", "model", "api_base_url", "organization",
            "timeout", "max_retries", "http_client_kwargs");

    private final Settings settings;
    private final LazyOpenAIConnection connection;
    private final Function<String, String> environment;
    private final Executor executor;

    private OpenAIModeration(Builder b) {
        this.settings = Settings.of(b.model, b.apiKey, null, b.apiBaseUrl, b.organization, null, b.timeout,
                b.maxRetries, b.httpClientKwargs, null, b.environment);
        this.environment = b.environment;
        this.executor = b.executor;
        this.connection = settings.connection(environment, executor);
    }

    /** A builder with the defaults (key from {@code OPENAI_API_KEY}, model {@value #DEFAULT_MODEL}). */
    public static Builder builder() {
        return new Builder();
    }

    /** The moderation model. */
    public String model() {
        return settings.model();
    }

    /** The resolved client settings. */
    public OpenAIClientOptions clientOptions() {
        return settings.clientOptions();
    }

    /** Creates the HTTP client (resolving the API key). Idempotent. */
    @Override
    public void warmUp() {
        connection.get();
    }

    /** The component's run: {@link #moderate}. */
    @Run
    public ModerationResult run(@Input("texts") List<String> texts) {
        return moderate(texts);
    }

    @Override
    public ModerationResult moderate(List<String> texts) {
        List<String> checked = Moderation.checkTexts(texts);
        return connection.get().callChat(t -> verdict(t.moderate(body(checked)), checked.size()),
                GenerationObservation.none());
    }

    /** Moderates on the connection's worker threads; cancelling the future aborts the HTTP call. */
    @Override
    public CompletableFuture<ModerationResult> moderateAsync(List<String> texts) {
        try {
            List<String> checked = Moderation.checkTexts(texts);
            return connection.get().callChatAsync(t -> verdict(t.moderate(body(checked)), checked.size()),
                    GenerationObservation.none());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private Map<String, Object> body(List<String> texts) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", settings.model());
        body.put("input", new ArrayList<>(texts));
        return body;
    }

    /** OpenAI's {@code {"id", "model", "results": [{"flagged", "categories": {name: bool}, ...}]}} as a verdict. */
    static ModerationResult verdict(Map<String, Object> response, int texts) {
        Object results = response.get("results");
        if (!(results instanceof List) || ((List<?>) results).size() != texts) {
            throw new MalformedResponseException("The moderation response must have one result per input text ("
                    + texts + ")");
        }
        Set<String> categories = new LinkedHashSet<>();
        List<Integer> flagged = new ArrayList<>();
        List<?> list = (List<?>) results;
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map) || !(((Map<?, ?>) list.get(i)).get("flagged") instanceof Boolean)) {
                throw new MalformedResponseException("results[" + i + "] of the moderation response has no "
                        + "'flagged' boolean");
            }
            Map<?, ?> result = (Map<?, ?>) list.get(i);
            if (Boolean.TRUE.equals(result.get("flagged"))) {
                flagged.add(i);
                if (result.get("categories") instanceof Map) {
                    ((Map<?, ?>) result.get("categories")).forEach((name, on) -> {
                        if (Boolean.TRUE.equals(on)) {
                            categories.add(String.valueOf(name));
                        }
                    });
                }
            }
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        if (response.get("id") instanceof String) {
            meta.put("id", response.get("id"));
        }
        if (response.get("model") instanceof String) {
            meta.put("model", response.get("model"));
        }
        return flagged.isEmpty() ? ModerationResult.notFlagged(meta)
                : new ModerationResult(true, new ArrayList<>(categories), flagged, meta);
    }

    /** Releases the HTTP client and worker threads; a later call opens a new client. */
    @Override
    public void close() {
        connection.close();
    }

    /** The client settings as the OpenAI generators write them; the key only as an env-var reference. */
    @Override
    public Map<String, Object> toDict() {
        Map<String, Object> init = new LinkedHashMap<>();
        init.put("api_key", settings.apiKey().toDict());
        init.put("model", settings.model());
        init.put("api_base_url", settings.apiBaseUrl());
        init.put("organization", settings.organization());
        init.put("timeout", settings.timeoutSeconds());
        init.put("max_retries", settings.maxRetries());
        init.put("http_client_kwargs", settings.httpClientKwargsCopy());
        return Components.dict(this, init);
    }

    /** Rebuilds a moderation from {@link #toDict()} output via the default registry. */
    public static OpenAIModeration fromDict(Map<String, ?> data) {
        return ComponentRegistry.defaults().fromDict(data, OpenAIModeration.class);
    }

    static OpenAIModeration fromInitParameters(DictReader init, DeserializationContext ctx) {
        init.rejectUnknownKeys(INIT_PARAMETERS);
        Builder b = builder();
        Secret key = ctx.secret(init, "api_key");
        if (key != null) {
            b.apiKey(key);
        }
        return b.model(init.string("model", DEFAULT_MODEL))
                .apiBaseUrl(init.string("api_base_url", null))
                .organization(init.string("organization", null))
                .timeout(Settings.readTimeout(init, "timeout"))
                .maxRetries(init.optionalInt("max_retries"))
                .httpClientKwargs(init.optionalMap("http_client_kwargs"))
                .build();
    }

    @Override
    public String toString() {
        return "OpenAIModeration[model=" + settings.model() + ", " + settings.clientOptions() + "]";
    }

    /**
     * Builds {@link OpenAIModeration}s; every setting is optional.
     *
     * <pre>{@code
     * OpenAIModeration m = OpenAIModeration.builder().model("omni-moderation-2024-09-26")
     *         .timeout(Duration.ofSeconds(10)).build();
     * }</pre>
     */
    public static final class Builder {
        private String model = DEFAULT_MODEL;
        private Secret apiKey = Secret.fromEnvVar("OPENAI_API_KEY");
        private String apiBaseUrl;
        private String organization;
        private Duration timeout;
        private Integer maxRetries;
        private Map<String, Object> httpClientKwargs;
        private Executor executor;
        private Function<String, String> environment = System::getenv;

        private Builder() {
        }

        /** The moderation model, default {@value OpenAIModeration#DEFAULT_MODEL}. */
        public Builder model(String model) {
            this.model = model;
            return this;
        }

        /** The API key, default {@code Secret.fromEnvVar("OPENAI_API_KEY")}. */
        public Builder apiKey(Secret apiKey) {
            this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
            return this;
        }

        /** A base URL; null: {@code OPENAI_BASE_URL} or OpenAI's. */
        public Builder apiBaseUrl(String apiBaseUrl) {
            this.apiBaseUrl = apiBaseUrl;
            return this;
        }

        public Builder organization(String organization) {
            this.organization = organization;
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

        /** Haystack's {@code http_client_kwargs}: {@code proxy}, {@code verify}, {@code headers}, {@code follow_redirects}. */
        public Builder httpClientKwargs(Map<String, Object> httpClientKwargs) {
            this.httpClientKwargs = httpClientKwargs;
            return this;
        }

        /** Where {@code moderateAsync} runs; null: the pool shared per settings (run-time only: not in {@code toDict}). */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        /** Test hook: where environment variables are read. */
        Builder environment(Function<String, String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /**
         * Validates and builds. No I/O.
         *
         * @throws IllegalArgumentException naming the offending setting
         */
        public OpenAIModeration build() {
            return new OpenAIModeration(this);
        }
    }
}
