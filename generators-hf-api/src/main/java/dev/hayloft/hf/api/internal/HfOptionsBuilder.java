package dev.hayloft.hf.api.internal;

import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.core.listener.GenerationListener;
import dev.hayloft.hf.api.HFGenerationAPIType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The mutable state behind both generators' builders (each public builder method sets one
 * field here), with Haystack's defaults: token from {@code HF_API_TOKEN} or {@code HF_TOKEN}
 * (not strict), 3 retries, a 60 s cap on {@code Retry-After}, 32 worker threads, the Hugging
 * Face router.
 *
 * <pre>{@code
 * HfOptionsBuilder b = new HfOptionsBuilder();
 * b.apiType = HFGenerationAPIType.TEXT_GENERATION_INFERENCE;
 * b.apiParams.put("url", "http://localhost:8080");
 * HfSettings s = b.settings("stop", "max_tokens");
 * }</pre>
 */
public final class HfOptionsBuilder {
    /** Haystack's default token. */
    public static final Secret DEFAULT_TOKEN = Secret.fromEnvVar(List.of("HF_API_TOKEN", "HF_TOKEN"), false);
    /** Retries after a failed attempt, by default. */
    public static final int DEFAULT_MAX_RETRIES = 3;
    /** The default bound of the shared worker pool. */
    public static final int DEFAULT_ASYNC_THREADS = 32;

    public HFGenerationAPIType apiType;
    public Map<String, Object> apiParams = new LinkedHashMap<>();
    public Secret token = DEFAULT_TOKEN;
    public Map<String, Object> generationKwargs;
    public List<String> stopWords;
    public StreamingCallback streamingCallback;
    public int maxRetries = DEFAULT_MAX_RETRIES;
    public Duration maxRetryAfter = Duration.ofSeconds(60);
    public int asyncThreads = DEFAULT_ASYNC_THREADS;
    public Executor executor;
    public String router = HfEndpoint.ROUTER;
    public Function<String, String> environment = System::getenv;
    public RetryInterceptor.Waiter waiter = RetryInterceptor.Waiter.SLEEP;
    public List<GenerationListener> listeners = new ArrayList<>();

    /** Replaces {@code api_params} (null stays null: refused by {@link #settings}). */
    public void apiParams(Map<String, ?> params) {
        apiParams = params == null ? null : new LinkedHashMap<>(params);
    }

    /** Sets one {@code api_params} key; null removes it. */
    public void param(String key, Object value) {
        if (apiParams == null) {
            apiParams = new LinkedHashMap<>();
        }
        if (value == null) {
            apiParams.remove(key);
        } else {
            apiParams.put(key, value);
        }
    }

    /** Replaces the build-time generation kwargs. */
    public void generationKwargs(Map<String, ?> kwargs) {
        generationKwargs = kwargs == null ? null : new LinkedHashMap<>(kwargs);
    }

    /** A copy of {@code settings}' values (for {@code toBuilder}). */
    public static HfOptionsBuilder of(HfSettings settings, List<GenerationListener> listeners) {
        HfOptionsBuilder b = new HfOptionsBuilder();
        b.apiType = settings.apiType();
        b.apiParams = new LinkedHashMap<>(settings.apiParams());
        b.token = settings.token();
        b.generationKwargs = settings.generationKwargs();
        b.streamingCallback = settings.streamingCallback();
        HfSettings.Options o = settings.options();
        b.maxRetries = o.maxRetries();
        b.maxRetryAfter = o.maxRetryAfter();
        b.asyncThreads = o.asyncThreads();
        b.executor = o.executor();
        b.router = o.router();
        b.environment = o.environment();
        b.waiter = o.waiter();
        b.listeners = new ArrayList<>(listeners);
        return b;
    }

    /** Validates and builds the settings; the stop words go to {@code stopKey}, 512 to {@code limitKey}. */
    public HfSettings settings(String stopKey, String limitKey) {
        return HfSettings.of(apiType, apiParams, token, generationKwargs, stopWords, stopKey, limitKey,
                streamingCallback, new HfSettings.Options(maxRetries, maxRetryAfter, asyncThreads, executor, router,
                        environment, waiter));
    }
}
