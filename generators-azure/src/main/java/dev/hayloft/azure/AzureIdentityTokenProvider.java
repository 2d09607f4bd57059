package dev.hayloft.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.identity.DefaultAzureCredentialBuilder;
import java.util.List;
import java.util.Objects;

/**
 * Adapts an {@code azure-identity} / {@code azure-core} {@link TokenCredential} (managed
 * identity, workload identity, Azure CLI, client secret, ...) to an {@link AzureTokenProvider}
 * for the scope {@value AzureTokenProvider#COGNITIVE_SERVICES_SCOPE}, caching each token until
 * shortly before it expires ({@link AzureTokenProvider#caching}).
 *
 * <p>Needs {@code com.azure:azure-identity} on the class path: Hayloft declares it as an
 * optional dependency, so add it to your build to use this class. No other Hayloft class needs
 * it or names this class in its API.
 *
 * <pre>{@code
 * AzureOpenAIChatGenerator llm = AzureOpenAIChatGenerator.builder()
 *         .azureEndpoint("https://my-resource.openai.azure.com/")
 *         .azureAdTokenProvider(AzureIdentityTokenProvider.of(new ManagedIdentityCredentialBuilder().build()))
 *         .build();
 * AzureTokenProvider haystackDefault = AzureIdentityTokenProvider.defaultCredential();
 * }</pre>
 */
public final class AzureIdentityTokenProvider implements AzureTokenProvider {
    private final List<String> scopes;
    private final AzureTokenProvider cache;

    private AzureIdentityTokenProvider(TokenCredential credential, List<String> scopes) {
        Objects.requireNonNull(credential, "credential");
        this.scopes = List.copyOf(scopes);
        if (this.scopes.isEmpty()) {
            throw new IllegalArgumentException("scopes must not be empty");
        }
        this.cache = AzureTokenProvider.caching(() -> {
            AccessToken t = credential.getTokenSync(new TokenRequestContext().setScopes(this.scopes));
            if (t == null || t.getToken() == null || t.getExpiresAt() == null) {
                throw new IllegalStateException("The TokenCredential " + credential.getClass().getName()
                        + " returned no token");
            }
            return new AzureAccessToken(t.getToken(), t.getExpiresAt().toInstant());
        });
    }

    /** Tokens of {@code credential} for the Cognitive Services scope. */
    public static AzureIdentityTokenProvider of(TokenCredential credential) {
        return new AzureIdentityTokenProvider(credential, List.of(COGNITIVE_SERVICES_SCOPE));
    }

    /** Tokens of {@code credential} for {@code scopes}. */
    public static AzureIdentityTokenProvider of(TokenCredential credential, String... scopes) {
        return new AzureIdentityTokenProvider(credential, List.of(scopes));
    }

    /**
     * Haystack's {@code default_azure_ad_token_provider}: a {@code DefaultAzureCredential} for
     * the Cognitive Services scope, named {@value AzureTokenProvider#HAYSTACK_DEFAULT} so that
     * generators using it serialise as Haystack's do. Creating it does no I/O.
     */
    public static AzureTokenProvider defaultCredential() {
        return AzureTokenProvider.named(HAYSTACK_DEFAULT, of(new DefaultAzureCredentialBuilder().build()));
    }

    /** The scopes tokens are requested for. */
    public List<String> scopes() {
        return scopes;
    }

    @Override
    public String token() {
        return cache.token();
    }

    @Override
    public String toString() {
        return "AzureIdentityTokenProvider" + scopes;
    }
}
