package dev.hayloft.hf.api.internal;

import dev.hayloft.core.errors.GenerationException;
import dev.hayloft.core.http.ErrorBodyException;
import dev.hayloft.core.http.HttpFailures;
import dev.hayloft.core.http.MalformedResponseException;
import dev.hayloft.core.http.RetryPolicy;
import dev.hayloft.core.http.ScrubbedCause;
import dev.hayloft.core.http.SseEventReader;
import dev.hayloft.core.http.TruncatedStreamException;
import dev.hayloft.core.serde.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The small HTTP client of the Hugging Face generators: JSON requests to TGI, Inference
 * Endpoints, the router and OpenAI-compatible servers, answered with JSON or a server-sent-event
 * stream. Each client derives an OkHttp client from a shared transport ({@link HfTransports})
 * with its own per-read timeout and the {@link RetryInterceptor}; it sends the token as a
 * {@code Bearer} header, plus {@code api_params.headers}. Failures become core's
 * {@link GenerationException}s ({@link HttpFailures}) with the token scrubbed from every message
 * and chained cause ({@link ScrubbedCause}); a cancelled request ends with a
 * {@link CancellationException}.
 *
 * <pre>{@code
 * try (HfClient client = new HfClient(endpoint, token, policy, RetryInterceptor.Waiter.SLEEP, 32, Duration.ofSeconds(120))) {
 *     CallScope scope = new CallScope(observation);
 *     Object reply = client.call(scope, () -> client.post(endpoint.chatUrl(), body, scope));
 * }
 * }</pre>
 */
public final class HfClient implements AutoCloseable {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final long ERROR_BODY_LIMIT = 4096;
    private static final String PROVIDER = RetryInterceptor.PROVIDER;

    private final HfEndpoint endpoint;
    private final String token;
    private final HfTransports.Lease lease;
    private final OkHttpClient http;
    private final Set<CallScope> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * A client for {@code endpoint} sending {@code token} (null: none), retrying by {@code policy},
     * with a {@code timeout} per connect, read and write.
     */
    public HfClient(HfEndpoint endpoint, String token, RetryPolicy policy, RetryInterceptor.Waiter waiter,
            int asyncThreads, Duration timeout) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.token = token == null || token.isEmpty() ? null : token;
        this.lease = HfTransports.acquire(asyncThreads);
        this.http = lease.okHttpClient().newBuilder().connectTimeout(timeout).readTimeout(timeout)
                .writeTimeout(timeout).addInterceptor(new RetryInterceptor(policy, waiter, this.token)).build();
    }

    /** The token, for scrubbing (never printed). */
    String secret() {
        return token;
    }

    /** POSTs {@code body} and returns the parsed JSON reply (an object or a list). */
    public Object post(String url, Map<String, Object> body, CallScope scope) {
        try (Response r = execute(request(url, body, false, scope), scope)) {
            ResponseBody b = r.body();
            String text = b == null ? "" : b.string();
            try {
                return Json.parse(text);
            } catch (IllegalArgumentException e) {
                throw new MalformedResponseException("the reply is not JSON: " + e.getMessage(), e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** POSTs {@code body} and hands each event of the SSE reply to {@code handler}; true when it ended with {@code [DONE]}. */
    public boolean stream(String url, Map<String, Object> body, CallScope scope, SseEventReader.EventHandler handler) {
        try (Response r = execute(request(url, body, true, scope), scope)) {
            ResponseBody b = r.body();
            return b != null && SseEventReader.read(b.byteStream(), handler);
        }
    }

    /** GETs a JSON object, or null when the server has no such route or answers something else. */
    public Map<String, Object> getObject(String url, CallScope scope) {
        Request req = new Request.Builder().url(url).get().tag(CallScope.class, scope).headers(headers(false)).build();
        try (Response r = http.newCall(req).execute()) {
            ResponseBody b = r.body();
            if (!r.isSuccessful() || b == null) {
                return null;
            }
            Object v = Json.parse(b.string());
            @SuppressWarnings("unchecked")
            Map<String, Object> m = v instanceof Map ? (Map<String, Object>) v : null;
            return m;
        } catch (IllegalArgumentException notJson) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Request request(String url, Map<String, Object> body, boolean sse, CallScope scope) {
        return new Request.Builder().url(url).headers(headers(sse)).tag(CallScope.class, scope)
                .post(RequestBody.create(Json.write(body), JSON)).build();
    }

    private okhttp3.Headers headers(boolean sse) {
        okhttp3.Headers.Builder h = new okhttp3.Headers.Builder();
        endpoint.headers().forEach(h::set);
        if (token != null) {
            h.set("Authorization", "Bearer " + token);
        }
        h.set("Accept", sse ? "text/event-stream" : "application/json");
        return h.build();
    }

    private Response execute(Request req, CallScope scope) {
        Response r;
        try {
            r = http.newCall(req).execute();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (r.isSuccessful()) {
            return r;
        }
        String body;
        try (r) {
            body = r.peekBody(ERROR_BODY_LIMIT).string();
        } catch (IOException e) {
            body = null;
        }
        throw HttpFailures.forStatus(PROVIDER, r.code(), r.header("x-request-id"),
                HttpFailures.retryAfter(r.header("retry-after-ms"), r.header("retry-after")),
                r.header("x-should-retry"), body, token);
    }

    /** Runs {@code work} for {@code scope} on this thread, translating its failures (reported to the observation). */
    public <T> T call(CallScope scope, Supplier<T> work) {
        if (closed) {
            throw new IllegalStateException("The Hugging Face client is closed");
        }
        inFlight.add(scope);
        try {
            return work.get();
        } catch (RuntimeException e) {
            RuntimeException out = translate(e, scope);
            scope.observation().failed(out);
            throw out;
        } finally {
            inFlight.remove(scope);
        }
    }

    /**
     * Runs {@code work} on {@code executor} (null: the shared worker pool). Cancelling the
     * future cancels the HTTP call in flight, closing its connection, or the back-off wait.
     */
    public <T> CompletableFuture<T> callAsync(CallScope scope, Supplier<T> work, Executor executor) {
        CompletableFuture<T> future = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                boolean done = super.cancel(mayInterruptIfRunning);
                scope.cancel();
                return done;
            }
        };
        future.whenComplete((r, t) -> {
            if (t instanceof CancellationException) {
                scope.observation().failed(t);
            }
        });
        try {
            (executor != null ? executor : lease.executor()).execute(() -> {
                if (future.isDone()) {
                    return;
                }
                try {
                    future.complete(call(scope, work));
                } catch (Throwable t) {
                    future.completeExceptionally(t);
                }
            });
        } catch (RejectedExecutionException e) {
            future.completeExceptionally(new IllegalStateException("The Hugging Face client is closed", e));
        }
        return future;
    }

    private RuntimeException translate(RuntimeException e, CallScope scope) {
        String id = scope.requestId();
        if (e instanceof GenerationException || e instanceof CancellationException) {
            return e;
        }
        if (scope.isCancelled() || closed) {
            CancellationException c = new CancellationException("the request was cancelled");
            c.initCause(ScrubbedCause.of(e, token));
            return c;
        }
        if (e instanceof ErrorBodyException) {
            return HttpFailures.forErrorObject(PROVIDER, (ErrorBodyException) e, id, token, null);
        }
        if (e instanceof TruncatedStreamException) {
            return HttpFailures.forTruncatedStream(PROVIDER, (TruncatedStreamException) e, id, token, null);
        }
        if (e instanceof MalformedResponseException) {
            return HttpFailures.forMalformedResponse(PROVIDER, e.getMessage(), id, token, ScrubbedCause.of(e, token));
        }
        if (e instanceof UncheckedIOException) {
            return HttpFailures.forIo(PROVIDER, e.getCause(), id, token, ScrubbedCause.of(e.getCause(), token));
        }
        return e;
    }

    /** Cancels the calls in flight and gives back the share of the transport. Idempotent. */
    @Override
    public void close() {
        synchronized (inFlight) {
            if (closed) {
                return;
            }
            closed = true;
        }
        inFlight.forEach(CallScope::cancel);
        lease.close();
    }

    @Override
    public String toString() {
        return "HfClient[" + (endpoint.url() != null ? endpoint.url() : endpoint.router()) + "]";
    }
}
