package dev.hayloft.openai.internal;

import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.core.errors.SerializationException;
import dev.hayloft.core.generation.GenerationKwargs;
import dev.hayloft.core.listener.GenerationContext;
import dev.hayloft.core.listener.GenerationListeners;
import dev.hayloft.core.listener.GenerationObservation;
import dev.hayloft.core.serde.DeserializationContext;
import dev.hayloft.core.serde.DictReader;
import dev.hayloft.core.serde.JsonValues;
import dev.hayloft.openai.LazyOpenAIConnection;
import dev.hayloft.openai.OpenAIClientOptions;
import dev.hayloft.openai.OpenAIConnection;
import dev.hayloft.openai.OpenAIErrors;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The build-time settings both OpenAI generators share, as given (for {@code toDict}) and
 * resolved into {@link OpenAIClientOptions} (the environment read once, at construction).
 *
 * @param model the model name
 * @param apiKey the API key secret
 * @param streamingCallback the build-time callback, or null
 * @param apiBaseUrl the base URL as given, or null
 * @param organization the organization as given, or null
 * @param generationKwargs the build-time kwargs (immutable)
 * @param timeout the timeout as given, or null
 * @param maxRetries the retry count as given, or null
 * @param httpClientKwargs the client kwargs as given, or null
 * @param clientOptions the resolved client options
 *
 * <pre>{@code
 * Settings s = Settings.of("gpt-4o-mini", Secret.fromEnvVar("OPENAI_API_KEY"), null, null, null, Map.of(),
 *         null, null, null, null, System::getenv);
 * Duration timeout = s.clientOptions().timeout();
 * }</pre>
 */
public record Settings(String model, Secret apiKey, StreamingCallback streamingCallback, String apiBaseUrl,
        String organization, Map<String, Object> generationKwargs, Duration timeout, Integer maxRetries,
        Map<String, Object> httpClientKwargs, OpenAIClientOptions clientOptions) {

    public Settings {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(clientOptions, "clientOptions");
        generationKwargs = JsonValues.immutableMap(generationKwargs);
        httpClientKwargs = httpClientKwargs == null ? null : JsonValues.immutableMap(httpClientKwargs);
    }

    /** Validates the values and resolves the client options, reading {@code environment} now. */
    public static Settings of(String model, Secret apiKey, StreamingCallback streamingCallback, String apiBaseUrl,
            String organization, Map<String, Object> generationKwargs, Duration timeout, Integer maxRetries,
            Map<String, Object> httpClientKwargs, Duration maxRetryAfter, Function<String, String> environment) {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("model must not be blank");
        }
        OpenAIClientOptions options = OpenAIClientOptions.builder().apiKey(apiKey).apiBaseUrl(apiBaseUrl)
                .organization(organization).timeout(timeout).maxRetries(maxRetries)
                .httpClientKwargs(httpClientKwargs).maxRetryAfter(maxRetryAfter).environment(environment).build();
        Map<String, Object> kwargs = generationKwargs == null ? null
                : ResponseFormats.normalize(new LinkedHashMap<>(generationKwargs));
        return new Settings(model, apiKey, streamingCallback, apiBaseUrl, organization, kwargs, timeout,
                maxRetries, httpClientKwargs, options);
    }

    /**
     * The generator's lazily opened connection: these client options, the API key's variables
     * read from {@code environment}, {@code runAsync} on {@code executor} (null: the shared pool).
     */
    public LazyOpenAIConnection connection(Function<String, String> environment, Executor executor) {
        return new LazyOpenAIConnection(() -> OpenAIConnection.builder(clientOptions).environment(environment)
                .executor(executor).build());
    }

    /** The callback's registered name for {@code toDict}; an unnamed callback cannot be serialised. */
    public String streamingCallbackName() {
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

    /**
     * Starts the listeners' observation of a request of {@code component} (provider
     * {@code "openai"}, this model, the kwargs merged over the build-time ones).
     */
    public GenerationObservation observe(GenerationListeners listeners, Object component, List<ChatMessage> messages,
            Map<String, Object> runtimeKwargs, StreamingCallback callback) {
        if (listeners.isEmpty()) {
            return GenerationObservation.none();
        }
        return listeners.start(GenerationContext.of(component, OpenAIErrors.PROVIDER, model, callback != null)
                .withServer(clientOptions().apiBaseUrl()), messages, GenerationKwargs.merge(generationKwargs,
                runtimeKwargs));
    }

    /** The timeout as given, in seconds, or null. */
    public Double timeoutSeconds() {
        return timeout == null ? null : OpenAIClientOptions.toSeconds(timeout);
    }

    /** A mutable copy of the build-time kwargs, for {@code toDict}. */
    public Map<String, Object> generationKwargsCopy() {
        return JsonValues.mutableMap(generationKwargs);
    }

    /** A mutable copy of the client kwargs, or null, for {@code toDict}. */
    public Map<String, Object> httpClientKwargsCopy() {
        return httpClientKwargs == null ? null : JsonValues.mutableMap(httpClientKwargs);
    }

    /** Reads a Haystack float timeout (seconds) under {@code key}, or null. */
    public static Duration readTimeout(DictReader r, String key) {
        Double seconds = r.optionalDouble(key);
        if (seconds == null) {
            return null;
        }
        try {
            return OpenAIClientOptions.seconds(seconds);
        } catch (IllegalArgumentException e) {
            throw r.error(key, e.getMessage(), e);
        }
    }
}
