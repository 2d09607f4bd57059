package dev.hayloft.openai.internal;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.Timeout;
import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.errors.AuthenticationException;
import dev.hayloft.core.errors.GenerationException;
import dev.hayloft.core.http.Scrubber;
import dev.hayloft.core.http.ScrubbedCause;
import dev.hayloft.openai.OpenAIClientOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.function.Function;
import okhttp3.OkHttpClient;

/**
 * The inner workings of a connection: resolving its API key, building its openai-java client
 * and translating a failed call. The client has the options applied, retries left to the
 * {@link CallTracker} (openai-java's own are off), and the HTTP transport borrowed from a
 * {@link SharedTransports} lease, unless a customisation step sets transport options on
 * openai-java's builder itself, which then gets a transport of its own.
 *
 * <pre>{@code
 * OpenAIClient client = OpenAIClients.create(options, apiKey, tracker, lease.okHttpClient(), List.of());
 * }</pre>
 */
public final class OpenAIClients {
    private OpenAIClients() {
    }

    /**
     * The client for {@code options} with API key {@code apiKey}.
     *
     * @param sharedTransport the OkHttp client whose pool and dispatcher to borrow, or null for a transport of its own
     * @param steps the customisation steps, run in order on openai-java's builder
     */
    public static OpenAIClient create(OpenAIClientOptions options, String apiKey, CallTracker tracker,
            OkHttpClient sharedTransport, List<Consumer<Object>> steps) {
        Duration t = options.timeout();
        OpenAIOkHttpClient.Builder cb = OpenAIOkHttpClient.builder()
                .apiKey(apiKey)
                .baseUrl(options.apiBaseUrl())
                .timeout(Timeout.builder().connect(t).read(t).write(t).request(Duration.ZERO).build())
                // the tracker retries, by the one policy; openai-java must not retry as well
                .maxRetries(0)
                .sleeper(tracker.sleeper())
                .addInterceptor(tracker.interceptor());
        if (options.organization() != null) {
            cb.organization(options.organization());
        }
        if (options.project() != null) {
            cb.project(options.project());
        }
        if (sharedTransport != null) {
            cb.okHttpClient(sharedTransport);
            HttpClientKwargs.applyHeaders(options.httpClientKwargs(), cb);
        } else {
            HttpClientKwargs.apply(options.httpClientKwargs(), cb);
        }
        for (Consumer<Object> step : steps) {
            step.accept(cb);
        }
        try {
            return cb.build();
        } catch (IllegalArgumentException e) {
            // openai-java refuses transport settings next to a supplied OkHttp client: a step set some
            if (sharedTransport != null && !steps.isEmpty() && String.valueOf(e.getMessage()).contains("okHttpClient")) {
                return create(options, apiKey, tracker, null, steps);
            }
            throw e;
        }
    }

    /**
     * The API key {@code secret} resolves to in {@code environment}.
     *
     * @throws AuthenticationException (not retryable) naming the secret's variables when it resolves to nothing
     */
    public static String resolveKey(Secret secret, Function<String, String> environment, String provider) {
        String key;
        try {
            key = secret.resolveValue(environment).orElse(null);
        } catch (IllegalStateException e) {
            throw new AuthenticationException(Scrubber.scrub(e.getMessage(), null),
                    GenerationException.details(provider).retryable(false), ScrubbedCause.of(e, null));
        }
        if (key == null || key.isEmpty()) {
            throw new AuthenticationException("No API key: the configured secret " + secret + " resolved to nothing",
                    GenerationException.details(provider).retryable(false), null);
        }
        return key;
    }

    /**
     * What a call that failed with {@code e} throws: a {@link CancellationException} when the
     * scope was cancelled, else the mapped {@link GenerationException}, else {@code e} itself
     * unless it quotes the secret; causes are always scrubbed stand-ins.
     *
     * @param connectionClosed whether the cancellation came from closing the connection
     */
    public static RuntimeException translate(RuntimeException e, CallTracker.Scope scope, String provider,
            String secret, Clock clock, boolean connectionClosed) {
        if (scope.isCancelled()) {
            CancellationException c = new CancellationException(connectionClosed ? "The OpenAI connection was closed"
                    : "The OpenAI request was cancelled");
            c.initCause(ScrubbedCause.of(e, secret));
            return c;
        }
        GenerationException mapped = ErrorMapper.map(e, provider, scope.errorBody(), scope.requestId(), secret,
                clock);
        if (mapped != null) {
            return mapped;
        }
        if (ScrubbedCause.mentionsSecret(e, secret)) {
            return new GenerationException(Scrubber.scrub(String.valueOf(e.getMessage()), secret),
                    GenerationException.details(provider).retryable(false), ScrubbedCause.of(e, secret));
        }
        return e;
    }
}
