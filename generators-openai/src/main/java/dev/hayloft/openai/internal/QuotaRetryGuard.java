package dev.hayloft.openai.internal;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * An OkHttp interceptor that stops openai-java from retrying a {@code 429} whose error is
 * {@code insufficient_quota}: waiting does not bring quota back, so the response gets
 * {@code X-Should-Retry: false}, which openai-java's retry loop obeys. Other 429s (rate limits)
 * are retried as before.
 *
 * <pre>{@code
 * OpenAIOkHttpClient.builder().addInterceptor(new QuotaRetryGuard());
 * }</pre>
 */
public final class QuotaRetryGuard implements Interceptor {
    private static final long PEEK_BYTES = 64 * 1024;

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        if (response.code() == 429 && response.header("x-should-retry") == null
                && response.peekBody(PEEK_BYTES).string().contains("insufficient_quota")) {
            return response.newBuilder().header("x-should-retry", "false").build();
        }
        return response;
    }
}
