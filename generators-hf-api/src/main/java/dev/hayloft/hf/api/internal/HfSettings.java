package dev.hayloft.hf.api.internal;

import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.core.errors.SerializationException;
import dev.hayloft.core.generation.GenerationKwargs;
import dev.hayloft.core.http.RetryPolicy;
import dev.hayloft.core.listener.GenerationContext;
import dev.hayloft.core.listener.GenerationListeners;
import dev.hayloft.core.listener.GenerationObservation;
import dev.hayloft.core.serde.DeserializationContext;
import dev.hayloft.core.serde.DictReader;
import dev.hayloft.core.serde.JsonValues;
import dev.hayloft.hf.api.HFGenerationAPIType;
import dev.hayloft.hf.api.ResponseFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The build-time settings both Hugging Face generators share: Haystack's {@code api_type},
 * {@code api_params} (as given, for {@code toDict}), {@code token} and
 * {@code generation_kwargs} (with the stop words and default token limit folded in, as
 * Haystack's constructors do), the validated {@link HfEndpoint}, and the run-time client
 * options (retries, the {@code Retry-After} cap, the worker pool, test hooks). Building one
 * does no I/O; {@link #openClient()} resolves the token and opens the HTTP client.
 *
 * <pre>{@code
 * HfSettings s = HfSettings.of(HFGenerationAPIType.TEXT_GENERATION_INFERENCE, Map.of("url", "http://tgi:8080"),
 *         token, kwargs, List.of("Observation:"), "stop", "max_tokens", callback, options);
 * }</pre>
 *
 * @param apiType the API type
 * @param apiParams {@code api_params} as given (immutable)
 * @param endpoint where requests go
 * @param token the token secret, or null for none
 * @param generationKwargs the build-time kwargs after the stop words and defaults (immutable)
 * @param streamingCallback the build-time callback, or null
 * @param options the run-time client options
 */
public record HfSettings(HFGenerationAPIType apiType, Map<String, Object> apiParams, HfEndpoint endpoint,
        Secret token, Map<String, Object> generationKwargs, StreamingCallback streamingCallback, Options options) {
    /** The read timeout when {@code api_params.timeout} is not given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    public HfSettings {
        Objects.requireNonNull(apiType, "apiType");
        apiParams = JsonValues.immutableMap(apiParams);
        Objects.requireNonNull(endpoint, "endpoint");
        generationKwargs = JsonValues.immutableMap(generationKwargs);
        Objects.requireNonNull(options, "options");
    }

    /**
     * Run-time options (not serialised).
     *
     * @param maxRetries retries after the first attempt
     * @param maxRetryAfter the longest server-asked wait honoured
     * @param asyncThreads the bound of the shared worker pool
     * @param executor where {@code runAsync} runs instead of the shared pool, or null
     * @param router the router's base URL
     * @param environment where the token's variables are read
     * @param waiter how back-off waits are spent
     */
    public record Options(int maxRetries, Duration maxRetryAfter, int asyncThreads, Executor executor, String router,
            Function<String, String> environment, RetryInterceptor.Waiter waiter) {
        public Options {
            if (maxRetries < 0) {
                throw new IllegalArgumentException("maxRetries must be >= 0 but was " + maxRetries);
            }
            if (maxRetryAfter == null || maxRetryAfter.isNegative()) {
                throw new IllegalArgumentException("maxRetryAfter must be a non-negative duration");
            }
            if (asyncThreads < 1) {
                throw new IllegalArgumentException("asyncThreads must be >= 1 but was " + asyncThreads);
            }
            Objects.requireNonNull(router, "router");
            Objects.requireNonNull(environment, "environment");
            Objects.requireNonNull(waiter, "waiter");
        }
    }

    /**
     * Validates and folds {@code stopWords} into {@code kwargs[stopKey]} and sets
     * {@code kwargs[limitKey]} to 512 unless given, as Haystack does.
     *
     * @throws IllegalArgumentException naming the offending parameter
     */
    public static HfSettings of(HFGenerationAPIType apiType, Map<String, ?> apiParams, Secret token,
            Map<String, ?> kwargs, List<String> stopWords, String stopKey, String limitKey,
            StreamingCallback callback, Options options) {
        HfEndpoint endpoint = HfEndpoint.of(apiType, apiParams, options.router());
        Map<String, Object> k = JsonValues.mutableMap(kwargs);
        Object format = k.get("response_format");
        if (format != null) {
            ResponseFormat f = ResponseFormat.from(format);   // validated now, kept as a map (serialisable)
            k.put("response_format", f == null ? format : f.toMap());
        }
        List<Object> stop = new ArrayList<>();
        Object given = k.get(stopKey);
        if (given instanceof List) {
            stop.addAll((List<?>) given);
        } else if (given != null) {
            throw new IllegalArgumentException("generation_kwargs." + stopKey + " must be a list of strings");
        }
        if (stopWords != null) {
            for (String w : stopWords) {
                stop.add(Objects.requireNonNull(w, "stop_words must not contain null"));
            }
        }
        k.put(stopKey, stop);
        k.putIfAbsent(limitKey, 512);
        return new HfSettings(apiType, new LinkedHashMap<>(apiParams), endpoint, token, k, callback, options);
    }

    /** Opens the HTTP client, resolving the token now (a non-strict token may be absent: no auth header). */
    public HfClient openClient() {
        String t = token == null ? null : token.resolveValue(options.environment()).orElse(null);
        Duration timeout = endpoint.timeout() != null ? endpoint.timeout() : DEFAULT_TIMEOUT;
        return new HfClient(endpoint, t, new RetryPolicy(options.maxRetries(), options.maxRetryAfter()),
                options.waiter(), options.asyncThreads(), timeout);
    }

    /** Starts the listeners' observation of a request of {@code component}. */
    public GenerationObservation observe(GenerationListeners listeners, Object component, List<ChatMessage> messages,
            Map<String, Object> runtimeKwargs, StreamingCallback callback) {
        if (listeners.isEmpty()) {
            return GenerationObservation.none();
        }
        return listeners.start(GenerationContext.of(component, RetryInterceptor.PROVIDER, endpoint.modelLabel(),
                callback != null).withServer(server()), messages,
                GenerationKwargs.merge(generationKwargs, runtimeKwargs));
    }

    /** The endpoint's URL for listeners (host and port matter), or null when it cannot be told. */
    private String server() {
        try {
            return endpoint.chatUrl();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Haystack's {@code init_parameters} shared by both generators, in Haystack's order. */
    public Map<String, Object> initParameters() {
        Map<String, Object> init = new LinkedHashMap<>();
        init.put("api_type", apiType.value());
        init.put("api_params", JsonValues.mutableMap(apiParams));
        init.put("token", token == null ? null : token.toDict());
        init.put("generation_kwargs", JsonValues.mutableMap(generationKwargs));
        init.put("streaming_callback", streamingCallbackName());
        return init;
    }

    private String streamingCallbackName() {
        if (streamingCallback == null) {
            return null;
        }
        String name = StreamingCallback.nameOf(streamingCallback);
        if (name == null) {
            throw new SerializationException("The streaming callback cannot be serialized: it has no registered name; "
                    + "wrap it with StreamingCallback.named(\"<name>\", callback) and register that name");
        }
        return name;
    }

    /** {@code api_type} from a dict: Haystack writes the enum's value. */
    public static HFGenerationAPIType readApiType(DictReader init) {
        String value = init.requireString("api_type");
        try {
            return HFGenerationAPIType.fromString(value);
        } catch (IllegalArgumentException e) {
            throw init.error("api_type", e.getMessage(), e);
        }
    }

    /** {@code token} from a dict: a secret, or null when the key holds null (no token). */
    public static Secret readToken(DictReader init, DeserializationContext ctx, Secret absent) {
        return init.has("token") ? ctx.secret(init, "token") : absent;
    }
}
