package dev.hayloft.azure.internal;

import com.openai.azure.AzureOpenAIServiceVersion;
import com.openai.azure.AzureUrlPathMode;
import com.openai.azure.credential.AzureApiKeyCredential;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.credential.BearerTokenCredential;
import dev.hayloft.azure.AzureTokenProvider;
import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.errors.AuthenticationException;
import dev.hayloft.core.errors.GenerationException;
import dev.hayloft.openai.OpenAIConnection;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Opens an {@link OpenAIConnection} in openai-java's Azure mode for {@link AzureSettings}:
 * {@code AzureUrlPathMode.LEGACY} (deployment routes, {@code api-version} from
 * {@code azureServiceVersion}) or {@code UNIFIED} (the v1 API), and one of three credentials:
 * an {@code AzureApiKeyCredential} ({@code api-key} header), a {@code BearerTokenCredential}
 * for a static AD token, or, for a token provider, an OkHttp interceptor that asks the provider
 * once before every HTTP attempt (retries included, as the OpenAI Python client does) and sets
 * {@code Authorization: Bearer}. (openai-java's own supplier-backed {@code BearerTokenCredential}
 * would ask twice per request and not per retry; its per-attempt authenticator hook is not
 * callable from Java.)
 *
 * <pre>{@code
 * OpenAIConnection c = AzureConnections.open(settings);
 * }</pre>
 */
public final class AzureConnections {
    /**
     * What {@link OpenAIConnection} and openai-java get as the credential when a token provider
     * authenticates (both need one); the interceptor replaces it on every request, so it is never sent.
     */
    private static final String PROVIDER_PLACEHOLDER = "hayloft-azure-ad-token-provider";

    private AzureConnections() {
    }

    /** How requests authenticate. */
    enum Kind {
        AD_TOKEN, TOKEN_PROVIDER, API_KEY
    }

    /** A resolved credential; {@code value} is null for a provider. */
    record Credentials(Kind kind, String value) {
        @Override
        public String toString() {
            return "Credentials[" + kind + "]";
        }
    }

    /**
     * The credential requests use: a resolving {@code azure_ad_token}, else the provider, else a
     * resolving {@code api_key}.
     *
     * @param atBuild failures are {@link IllegalArgumentException}s naming the field (at build)
     *        rather than {@link AuthenticationException}s (when connecting)
     */
    static Credentials credentials(AzureSettings s, boolean atBuild) {
        String token = resolve(s.azureAdToken(), "azure_ad_token", s, atBuild);
        if (token != null) {
            return new Credentials(Kind.AD_TOKEN, token);
        }
        if (s.tokenProvider() != null) {
            return new Credentials(Kind.TOKEN_PROVIDER, null);
        }
        String key = resolve(s.apiKey(), "api_key", s, atBuild);
        if (key != null) {
            return new Credentials(Kind.API_KEY, key);
        }
        String message = "No credentials for Azure OpenAI: api_key (" + s.apiKey() + "), azure_ad_token ("
                + s.azureAdToken() + ") and azure_ad_token_provider (none) give nothing; set AZURE_OPENAI_API_KEY or "
                + "AZURE_OPENAI_AD_TOKEN, or pass one of them";
        throw atBuild ? new IllegalArgumentException(message)
                : new AuthenticationException(message, details().retryable(false), null);
    }

    private static String resolve(Secret secret, String field, AzureSettings s, boolean atBuild) {
        if (secret == null) {
            return null;
        }
        Optional<String> v;
        try {
            v = secret.resolveValue(s.environment());
        } catch (IllegalStateException e) {
            String message = field + ": " + e.getMessage();
            throw atBuild ? new IllegalArgumentException(message, e)
                    : new AuthenticationException(message, details().retryable(false), e);
        }
        return v.filter(x -> !x.isEmpty()).orElse(null);
    }

    private static GenerationException.Details details() {
        return GenerationException.details(AzureSettings.PROVIDER);
    }

    /**
     * Resolves the credentials and creates the client (no network I/O).
     *
     * @throws AuthenticationException when no credential resolves any more
     */
    public static OpenAIConnection open(AzureSettings s) {
        Credentials c = credentials(s, false);
        Secret auth = Secret.fromToken(c.value() != null ? c.value() : PROVIDER_PLACEHOLDER);
        return OpenAIConnection.builder(s.clientOptions(auth)).provider(AzureSettings.PROVIDER)
                .environment(s.environment())
                .customizer(OpenAIOkHttpClient.Builder.class, b -> azureMode(b, s, c))
                .build();
    }

    private static void azureMode(OpenAIOkHttpClient.Builder b, AzureSettings s, Credentials c) {
        b.azureUrlPathMode(s.v1() ? AzureUrlPathMode.UNIFIED : AzureUrlPathMode.LEGACY);
        if (s.serviceVersion() != null) {
            b.azureServiceVersion(AzureOpenAIServiceVersion.fromString(s.serviceVersion()));
        }
        switch (c.kind()) {
            case API_KEY:
                b.credential(AzureApiKeyCredential.create(c.value()));
                break;
            case AD_TOKEN:
                b.credential(BearerTokenCredential.create(c.value()));
                break;
            default:
                b.credential(BearerTokenCredential.create(PROVIDER_PLACEHOLDER));
                b.addInterceptor(new ProviderToken(s.tokenProvider()));
                break;
        }
        for (Map.Entry<String, String> h : s.defaultHeaders().entrySet()) {
            b.replaceHeaders(h.getKey(), h.getValue());
        }
    }

    /** Sets the provider's token on every HTTP attempt. */
    private static final class ProviderToken implements Interceptor {
        private final AzureTokenProvider provider;

        ProviderToken(AzureTokenProvider provider) {
            this.provider = provider;
        }

        @Override
        public Response intercept(Chain chain) throws IOException {
            String token;
            try {
                token = provider.token();
            } catch (GenerationException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new AuthenticationException("The azure_ad_token_provider failed: " + e.getClass().getName(),
                        details().retryable(false), e);
            }
            if (token == null || token.isBlank()) {
                throw new AuthenticationException("The azure_ad_token_provider returned no token",
                        details().retryable(false), null);
            }
            return chain.proceed(chain.request().newBuilder().header("Authorization", "Bearer " + token).build());
        }
    }
}
