package dev.hayloft.openai.internal;

import dev.hayloft.core.http.HttpFailures;
import dev.hayloft.core.http.HttpStatusException;
import dev.hayloft.core.http.MalformedResponseException;
import dev.hayloft.core.serde.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Chat completions (and moderations, {@code POST {base_url}/moderations}) sent straight over
 * the connection's OkHttp client, without openai-java's
 * service layer (its typed parameters, per-request reflection and header assembly), for plain
 * OpenAI-compatible connections: {@code POST {base_url}/chat/completions} with the body written
 * once by Jackson, the bearer key, {@code OpenAI-Organization}, {@code OpenAI-Project} and the
 * {@code http_client_kwargs} headers. The client carries the connection's {@link CallTracker}
 * interceptor, so retries, back-off, cancellation and attempt reporting are the same as through
 * openai-java; an error response is classified by core's {@link HttpFailures}.
 *
 * <pre>{@code
 * ChatTransport direct = DirectChatTransport.create(base, timeout, tracker, baseUrl, headers, "openai", apiKey);
 * Map<String, Object> completion = direct.complete(body);
 * }</pre>
 */
public final class DirectChatTransport implements ChatTransport {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final long ERROR_BODY_LIMIT = 2048;

    private final OkHttpClient client;
    private final HttpUrl url;
    private final HttpUrl moderations;
    private final Headers headers;
    private final String provider;
    private final String secret;

    private DirectChatTransport(OkHttpClient client, HttpUrl base, Headers headers, String provider, String secret) {
        this.client = client;
        this.url = base.newBuilder().addPathSegments("chat/completions").build();
        this.moderations = base.newBuilder().addPathSegment("moderations").build();
        this.headers = headers;
        this.provider = provider;
        this.secret = secret;
    }

    /**
     * A transport over {@code shared} (its pool and dispatcher are borrowed) with per-exchange
     * {@code timeout}s and {@code tracker}'s interceptor.
     *
     * @param extraHeaders further request headers ({@code http_client_kwargs.headers}); they may
     *        replace the defaults but not the key
     */
    public static DirectChatTransport create(OkHttpClient shared, Duration timeout, CallTracker tracker,
            String baseUrl, String apiKey, String organization, String project, Map<String, String> extraHeaders,
            String provider) {
        HttpUrl base = HttpUrl.parse(Objects.requireNonNull(baseUrl, "baseUrl"));
        if (base == null) {
            throw new IllegalArgumentException("api_base_url is not an http(s) URL: " + baseUrl);
        }
        Headers.Builder h = new Headers.Builder().add("Accept", "application/json");
        extraHeaders.forEach(h::set);
        h.set("Authorization", "Bearer " + apiKey);
        if (organization != null) {
            h.set("OpenAI-Organization", organization);
        }
        if (project != null) {
            h.set("OpenAI-Project", project);
        }
        OkHttpClient client = shared.newBuilder()
                .addInterceptor(tracker.interceptor())
                .connectTimeout(timeout).readTimeout(timeout).writeTimeout(timeout).callTimeout(Duration.ZERO)
                .build();
        return new DirectChatTransport(client, base, h.build(), provider, apiKey);
    }

    @Override
    public Map<String, Object> complete(Map<String, Object> body) {
        return json(url, body, "chat completion");
    }

    @Override
    public Map<String, Object> moderate(Map<String, Object> body) {
        return json(moderations, body, "moderation response");
    }

    private Map<String, Object> json(HttpUrl target, Map<String, Object> body, String what) {
        try (Response response = execute(target, body)) {
            ResponseBody b = response.body();
            try {
                return Json.parseObject(b.byteStream());
            } catch (IllegalArgumentException e) {
                throw new MalformedResponseException("The " + what + " is not valid JSON: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public <T> T stream(Map<String, Object> body, Function<InputStream, T> reader) {
        try (Response response = execute(url, body)) {
            return reader.apply(response.body().byteStream());
        }
    }

    /** The successful response to {@code body}; an error response is thrown as its classified exception. */
    private Response execute(HttpUrl target, Map<String, Object> body) {
        Request request = new Request.Builder().url(target).headers(headers)
                .post(RequestBody.create(Json.writeBytes(body), JSON)).build();
        Response response;
        try {
            response = client.newCall(request).execute();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (response.isSuccessful()) {
            return response;
        }
        try (response) {
            String error = errorBody(response);
            throw HttpFailures.forStatus(provider, response.code(), response.header("x-request-id"),
                    HttpFailures.retryAfter(response.header("retry-after-ms"), response.header("retry-after")),
                    response.header("x-should-retry"), error, secret,
                    new HttpStatusException("POST", target.toString(), response.code(), error, secret));
        }
    }

    private static String errorBody(Response response) {
        try {
            return response.peekBody(ERROR_BODY_LIMIT).string();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
