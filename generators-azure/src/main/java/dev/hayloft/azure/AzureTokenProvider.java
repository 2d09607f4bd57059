package dev.hayloft.azure;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Supplies Microsoft Entra ID (Azure AD) bearer tokens for Azure OpenAI, Haystack's
 * {@code azure_ad_token_provider}. The generators call {@link #token()} before every HTTP
 * attempt (retries included) and send {@code Authorization: Bearer <token>}, so a provider can
 * hand out refreshed tokens without rebuilding the generator.
 *
 * <p>{@link #token()} may be called often and from several threads: wrap a token source that
 * does network I/O in {@link #caching}, which keeps a token until shortly before it expires.
 * With {@code com.azure:azure-identity} on the class path, {@link AzureIdentityTokenProvider}
 * adapts any {@code TokenCredential} (managed identity, workload identity, Azure CLI, ...).
 *
 * <p>To keep a generator serialisable, name the provider ({@link #named}); {@code toDict} then
 * writes the name and {@code fromDict} finds the provider under it in the component registry
 * ({@code ComponentRegistry.builder().function(name, provider)}). Haystack's
 * {@value #HAYSTACK_DEFAULT} resolves to {@link AzureIdentityTokenProvider#defaultCredential()}.
 *
 * <pre>{@code
 * AzureTokenProvider tokens = AzureTokenProvider.caching(() -> new AzureAccessToken(idp.fetch(), Instant.now().plusSeconds(3600)));
 * AzureOpenAIChatGenerator llm = AzureOpenAIChatGenerator.builder()
 *         .azureEndpoint("https://my-resource.openai.azure.com/")
 *         .apiKey(null).azureAdToken(null)
 *         .azureAdTokenProvider(AzureTokenProvider.named("myapp.tokens", tokens))
 *         .build();
 * }</pre>
 */
@FunctionalInterface
public interface AzureTokenProvider {
    /** The scope of Azure OpenAI (Cognitive Services) tokens. */
    String COGNITIVE_SERVICES_SCOPE = "https://cognitiveservices.azure.com/.default";
    /** Haystack's serialisable default provider ({@code DefaultAzureCredential}, Cognitive Services scope). */
    String HAYSTACK_DEFAULT = "haystack.utils.azure.default_azure_ad_token_provider";
    /** How long before expiry {@link #caching(Supplier)} fetches a new token. */
    Duration DEFAULT_REFRESH_MARGIN = Duration.ofMinutes(5);

    /**
     * A bearer token for the next request; never null or blank. Called on the thread sending
     * the request. An exception fails that request with an
     * {@link dev.hayloft.core.errors.AuthenticationException} (the cause chained).
     */
    String token();

    /**
     * A thread-safe provider that fetches a token from {@code source} on first use and again
     * when less than {@link #DEFAULT_REFRESH_MARGIN} (5 minutes, or half the token's lifetime
     * when that is shorter) is left before it expires; meanwhile callers get the cached token,
     * and while one thread refreshes, the others keep the still-valid one. When a refresh fails,
     * the cached token is used until it expires; a cached token past its expiry is never handed
     * out.
     */
    static AzureTokenProvider caching(Supplier<AzureAccessToken> source) {
        return caching(source, DEFAULT_REFRESH_MARGIN, Clock.systemUTC());
    }

    /** Like {@link #caching(Supplier)} with the refresh margin and clock given. */
    static AzureTokenProvider caching(Supplier<AzureAccessToken> source, Duration refreshMargin, Clock clock) {
        return new CachingTokenProvider(source, refreshMargin, clock);
    }

    /** Gives {@code provider} a name under which generators serialise it. */
    static AzureTokenProvider named(String name, AzureTokenProvider provider) {
        return new Named(name, provider);
    }

    /** The name a provider serialises under, or null when it has none. */
    static String nameOf(AzureTokenProvider provider) {
        return provider instanceof Named ? ((Named) provider).name() : null;
    }

    /**
     * A provider with a serialisation name.
     *
     * <pre>{@code
     * AzureTokenProvider p = AzureTokenProvider.named("myapp.tokens", tokens);
     * }</pre>
     *
     * @param name the registered name
     * @param delegate the provider
     */
    record Named(String name, AzureTokenProvider delegate) implements AzureTokenProvider {
        public Named {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(delegate, "delegate");
            if (name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank");
            }
        }

        @Override
        public String token() {
            return delegate.token();
        }

        @Override
        public String toString() {
            return "AzureTokenProvider[" + name + "]";
        }
    }
}
