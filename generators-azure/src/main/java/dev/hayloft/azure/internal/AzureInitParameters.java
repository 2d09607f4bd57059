package dev.hayloft.azure.internal;

import dev.hayloft.azure.AzureTokenProvider;
import dev.hayloft.core.serde.DeserializationContext;
import dev.hayloft.core.serde.DictReader;
import dev.hayloft.openai.OpenAIClientOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the Haystack {@code init_parameters} both Azure generators share into
 * {@link AzureSettings.Values}: absent keys keep Haystack's defaults, explicit nulls mean "none"
 * (e.g. {@code api_key: null}); secrets, the streaming callback and the token provider resolve
 * through the registry ({@value AzureTokenProvider#HAYSTACK_DEFAULT} falls back to
 * azure-identity's {@code DefaultAzureCredential} when it is on the class path).
 *
 * <pre>{@code
 * AzureSettings.Values v = new AzureSettings.Values();
 * AzureInitParameters.read(init, ctx, v);
 * }</pre>
 */
public final class AzureInitParameters {
    private AzureInitParameters() {
    }

    /** Reads the init parameters both generators share into {@code v}. */
    public static void read(DictReader init, DeserializationContext ctx, AzureSettings.Values v) {
        v.azureEndpoint = init.string("azure_endpoint", null);
        v.apiVersion = init.has("api_version") ? init.string("api_version", null)
                : AzureSettings.DEFAULT_API_VERSION;
        v.azureDeployment = init.has("azure_deployment") ? init.string("azure_deployment", null)
                : AzureSettings.DEFAULT_DEPLOYMENT;
        if (init.has("api_key")) {
            v.apiKey = ctx.secret(init, "api_key");
        }
        if (init.has("azure_ad_token")) {
            v.azureAdToken = ctx.secret(init, "azure_ad_token");
        }
        v.organization = init.string("organization", null);
        v.streamingCallback = ctx.streamingCallback(init, "streaming_callback");
        Double seconds = init.optionalDouble("timeout");
        if (seconds != null) {
            try {
                v.timeout = OpenAIClientOptions.seconds(seconds);
            } catch (IllegalArgumentException e) {
                throw init.error("timeout", e.getMessage(), e);
            }
        }
        v.maxRetries = init.optionalInt("max_retries");
        v.generationKwargs = init.optionalMap("generation_kwargs");
        v.defaultHeaders = stringMap(init, "default_headers");
        v.httpClientKwargs = init.optionalMap("http_client_kwargs");
        v.tokenProvider = tokenProvider(init, ctx);
    }

    private static Map<String, String> stringMap(DictReader init, String key) {
        Map<String, Object> m = init.optionalMap(key);
        if (m == null) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : m.entrySet()) {
            if (!(e.getValue() instanceof String)) {
                throw init.error(key, "header '" + e.getKey() + "' must be a string but was "
                        + DictReader.describe(e.getValue()), null);
            }
            out.put(e.getKey(), (String) e.getValue());
        }
        return out;
    }

    private static AzureTokenProvider tokenProvider(DictReader init, DeserializationContext ctx) {
        String name = init.string("azure_ad_token_provider", null);
        if (name == null) {
            return null;
        }
        Optional<AzureTokenProvider> registered = ctx.registry().function(name, AzureTokenProvider.class);
        if (registered.isPresent()) {
            AzureTokenProvider p = registered.get();
            return name.equals(AzureTokenProvider.nameOf(p)) ? p : AzureTokenProvider.named(name, p);
        }
        if (name.equals(AzureTokenProvider.HAYSTACK_DEFAULT)) {
            if (!AzureIdentity.available()) {
                throw init.error("azure_ad_token_provider", "'" + name + "' needs com.azure:azure-identity on the class "
                        + "path (an optional dependency of hayloft-generators-azure): add it to your build, or "
                        + "register your own provider under that name", null);
            }
            return AzureIdentity.defaultProvider();
        }
        throw init.error("azure_ad_token_provider", "No token provider registered under '" + name + "'; register it "
                + "with ComponentRegistry.builder().function(\"" + name + "\", AzureTokenProvider.named(\"" + name
                + "\", provider))", null);
    }
}
