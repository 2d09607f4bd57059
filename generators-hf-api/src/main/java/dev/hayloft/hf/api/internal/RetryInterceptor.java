package dev.hayloft.hf.api.internal;

import dev.hayloft.core.errors.GenerationException;
import dev.hayloft.core.http.HttpFailures;
import dev.hayloft.core.http.RetryPolicy;
import dev.hayloft.core.http.ScrubbedCause;
import dev.hayloft.core.serde.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Retries the exchanges of the Hugging Face clients by core's {@link RetryPolicy}: a failed
 * attempt is retried when its status is retryable ({@link RetryPolicy#retryableStatus}: 408,
 * 409, 429, 5xx, unless {@code x-should-retry} says otherwise) or the connection broke, waiting
 * what {@code Retry-After} asks up to the policy's cap, else an exponential back-off. A 503 of
 * a model that is still loading (the Inference API's {@code {"error": ..., "estimated_time":
 * 20.0}}) without {@code Retry-After} waits the estimated time, within the same cap. Only the
 * exchange is retried, before its body is read: a stream that already started is never sent
 * again. Each attempt after the first is reported to the request's {@link CallScope} as a retry.
 *
 * <pre>{@code
 * OkHttpClient client = shared.newBuilder()
 *         .addInterceptor(new RetryInterceptor(new RetryPolicy(3, Duration.ofSeconds(60)), Waiter.SLEEP, token))
 *         .build();
 * }</pre>
 */
public final class RetryInterceptor implements Interceptor {
    /** The provider name of the failures it classifies. */
    public static final String PROVIDER = "huggingface";
    private static final long ERROR_BODY_LIMIT = 4096;

    private final RetryPolicy policy;
    private final Waiter waiter;
    private final String secret;

    /**
     * How the back-off between attempts is spent (a test hook records instead of sleeping).
     *
     * <pre>{@code
     * RetryInterceptor.Waiter record = (delay, scope) -> waits.add(delay);
     * }</pre>
     */
    @FunctionalInterface
    public interface Waiter {
        /** Sleeps, waking early (with a {@link CancellationException}) when the scope is cancelled. */
        Waiter SLEEP = (delay, scope) -> scope.await(delay);

        /** Waits {@code delay} before the next attempt of the request of {@code scope}. */
        void await(Duration delay, CallScope scope);
    }

    /** Retries by {@code policy}, waiting with {@code waiter}; {@code secret} is scrubbed from reported failures. */
    public RetryInterceptor(RetryPolicy policy, Waiter waiter, String secret) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.waiter = Objects.requireNonNull(waiter, "waiter");
        this.secret = secret;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        CallScope scope = chain.request().tag(CallScope.class);
        if (scope == null) {
            scope = new CallScope(null);
        }
        scope.attach(chain.call());
        for (int attempt = 0;; attempt++) {
            scope.attemptStarts();
            boolean more = attempt < policy.maxRetries();
            Response response;
            try {
                response = chain.proceed(chain.request());
            } catch (IOException e) {
                if (!more || chain.call().isCanceled() || scope.isCancelled()) {
                    throw e;
                }
                Duration delay = policy.delay(attempt + 1, null, null);
                scope.attemptFailed(scope.observation().isActive() ? HttpFailures.forIo(PROVIDER, e, scope.requestId(),
                        secret, ScrubbedCause.of(e, secret)) : null, delay);
                pause(delay, scope);
                continue;
            }
            scope.requestId(response.header("x-request-id"));
            if (response.isSuccessful()) {
                scope.observation().providerRequestId(response.header("x-request-id"));
                return response;
            }
            String body = peek(response);
            if (!more || chain.call().isCanceled() || scope.isCancelled()
                    || !RetryPolicy.retryableStatus(response.code(), response.header("x-should-retry"), body)) {
                return response;
            }
            String retryAfter = response.header("retry-after");
            if (retryAfter == null && response.code() == 503) {
                retryAfter = estimatedTime(body);
            }
            Duration delay = policy.delay(attempt + 1, response.header("retry-after-ms"), retryAfter);
            scope.attemptFailed(scope.observation().isActive() ? failure(response, body) : null, delay);
            response.close();
            pause(delay, scope);
        }
    }

    private GenerationException failure(Response response, String body) {
        return HttpFailures.forStatus(PROVIDER, response.code(), response.header("x-request-id"),
                HttpFailures.retryAfter(response.header("retry-after-ms"), response.header("retry-after")),
                response.header("x-should-retry"), body, secret);
    }

    private void pause(Duration delay, CallScope scope) {
        waiter.await(delay, scope);
        if (scope.isCancelled()) {
            throw new CancellationException("the request was cancelled");
        }
    }

    /** The Inference API's {@code estimated_time} (seconds) of a model that is loading, as text, or null. */
    static String estimatedTime(String body) {
        if (body == null || !body.contains("estimated_time")) {
            return null;
        }
        try {
            Map<String, Object> m = Json.parseObject(body);
            Object t = m.get("estimated_time");
            return t instanceof Number ? String.valueOf(((Number) t).doubleValue()) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String peek(Response response) {
        try {
            return response.peekBody(ERROR_BODY_LIMIT).string();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
